// <gpu-chart>, <gpu-indicator> and <gpu-perf-overlay> in React's JSX: the prop map is generated from
// custom-elements.json (custom-element-jsx-integration); the app augments its own `react` module,
// as the generator's documentation says, so the augmentation reaches the React types the app uses.
import type { CustomElements } from 'gpu-charts/jsx';

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements extends CustomElements {}
  }
}
