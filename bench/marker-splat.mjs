// CPU cost of the markers splat that the Canvas2D renderer runs in JavaScript (the shader's twin,
// src/core/scene/marker-splat.ts), in Node, as CPU time of this thread (process.cpuUsage), so that
// other work on a shared machine does not count:
//   npm run build:node && node bench/marker-splat.mjs        (COUNTS=100000,1000000 SIZE=3 ROUNDS=7)
import { splatMarkers } from '../build/node/core/index.js';

const COUNTS = (process.env.COUNTS ?? '100000,1000000').split(',').map(Number);
const SIZE = Number(process.env.SIZE ?? 3);
const ROUNDS = Number(process.env.ROUNDS ?? 7);
const CLIP = { x: 0, y: 0, width: 1200, height: 700 };

function layer(count, shape) {
  const data = new Float32Array(count * 4);
  const bits = new Uint32Array(data.buffer);
  let seed = 7;
  const random = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  for (let i = 0; i < count; i++) {
    data[i * 4] = random() * 1200;
    data[i * 4 + 1] = random() * 700;
    data[i * 4 + 2] = SIZE;
    bits[i * 4 + 3] = (0xff000000 | Math.floor(random() * 0xffffff)) >>> 0;
  }
  return { kind: 'markers', id: 'm', pane: 0, data, count, shape, transform: [1, 0, 1, 0], dataKey: 1 };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const count of COUNTS) {
  for (const shape of ['circle', 'square', 'diamond']) {
    const l = layer(count, shape);
    splatMarkers(l, { x: 0, y: 0 }, CLIP);
    const cpu = [];
    for (let r = 0; r < ROUNDS; r++) {
      const t = process.cpuUsage();
      splatMarkers(l, { x: 0, y: 0 }, CLIP);
      const d = process.cpuUsage(t);
      cpu.push((d.user + d.system) / 1000);
    }
    console.log(`${count.toLocaleString('en')} ${shape} markers of ${SIZE} px: splat CPU median ${median(cpu).toFixed(1)} ms (${ROUNDS} rounds, min ${Math.min(...cpu).toFixed(1)}, max ${Math.max(...cpu).toFixed(1)})`);
  }
}
