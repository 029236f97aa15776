import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

export default defineConfig({
  // base './': the built app is served from any folder (the e2e test serves examples/vue/dist/).
  base: './',
  // The gpu-* tags are custom elements, not Vue components: Vue then sets bound values as DOM
  // properties (`:data`, `:config`) and listens to their events (`@gpu-ready`).
  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('gpu-') } } })],
});
