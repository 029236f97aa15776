import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// base './': the built app is served from any folder (the e2e test serves examples/react/dist/).
export default defineConfig({ base: './', plugins: [react()] });
