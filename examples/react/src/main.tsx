// Registers the elements before React creates them, so React 19 sees `data` and `config` as
// properties (it sets a prop as a property when the element has it, else as an attribute).
import 'gpu-charts/define';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
