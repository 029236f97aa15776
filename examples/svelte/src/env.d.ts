// <gpu-chart>, <gpu-indicator> and <gpu-perf-overlay> typed in Svelte markup, from custom-elements.json.
import type {} from 'gpu-charts/svelte';
