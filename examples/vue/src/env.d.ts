// <gpu-chart>, <gpu-indicator> and <gpu-perf-overlay> as typed GlobalComponents in templates,
// generated from custom-elements.json.
import type {} from 'gpu-charts/vue';
