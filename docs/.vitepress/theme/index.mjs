// The default theme plus <LiveExample> (editable, running examples: ```html live blocks).
import DefaultTheme from 'vitepress/theme';
import LiveExample from './LiveExample.vue';
import './live-example.css';
import './side-by-side.css';

export default {
  extends: DefaultTheme,
  enhanceApp({ app }) {
    app.component('LiveExample', LiveExample);
  },
};
