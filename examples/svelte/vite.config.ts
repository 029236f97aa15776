import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// base './': the built app is served from any folder (the e2e test serves examples/svelte/dist/).
export default defineConfig({ base: './', plugins: [svelte()] });
