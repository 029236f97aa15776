// Scientific axes: a power law on log-log axes, and a day of weather with temperature (°C, left)
// and pressure (hPa, right) on two value axes of their own, with titles and units.
import { rng } from './sample-data.js';

await customElements.whenDefined('gpu-chart');

// A power law y = 3·x^-1.5 with a little multiplicative noise, x from 1 to 10^5 (uniform in log).
const random = rng(11);
const x = Float64Array.from({ length: 2000 }, (_, i) => 10 ** (i / 400));
const powerLaw = document.getElementById('power-law-chart');
powerLaw.config = {
  axes: { x: { title: 'Frequency', unit: 'Hz' }, y: { title: 'Power spectral density', unit: 'V²/Hz' } },
  series: { items: [{ id: 'psd', name: 'PSD' }, { id: 'fit', name: '3·f^-1.5', color: '#dc2626' }] },
};
powerLaw.data = {
  x,
  psd: x.map((v) => 3 * v ** -1.5 * Math.exp((random() - 0.5) * 0.6)),
  fit: x.map((v) => 3 * v ** -1.5),
};

// 24 hours in minutes: temperature on the default axis (left), pressure on axis "p" (right).
const minutes = Float64Array.from({ length: 24 * 60 }, (_, i) => i / 60);
const weather = document.getElementById('weather-chart');
weather.config = {
  axes: {
    x: { title: 'Time since midnight', unit: 'h' },
    y: { position: 'left', title: 'Temperature', unit: '°C' },
    yAxes: [{ id: 'p', side: 'right', title: 'Pressure', unit: 'hPa' }],
  },
  series: {
    items: [
      { id: 'temperature', name: 'Temperature', color: '#dc2626' },
      { id: 'pressure', name: 'Pressure', yAxis: 'p', color: '#2563eb' },
    ],
  },
};
weather.data = {
  x: minutes,
  temperature: minutes.map((h) => 12 + 7 * Math.sin(((h - 9) / 24) * 2 * Math.PI) + (random() - 0.5) * 0.4),
  pressure: minutes.map((h) => 1013 - 6 * Math.tanh((h - 14) / 3) + (random() - 0.5) * 0.3),
};
