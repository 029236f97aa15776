// Out-of-memory degradation: one step at a time, cheapest loss first, then Canvas2D.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { freshQualityLadder, stepDown } from '../../build/node/recovery/index.js';

test('a chart drawing every point with MSAA gives up LOD, MSAA, then resolution to a quarter, then WebGPU', () => {
  const state = freshQualityLadder();
  const steps = [];
  for (let i = 0; i < 6; i++) {
    const next = stepDown(state, { lodOff: true, sampleCount: state.msaaOff ? 1 : 4 });
    steps.push(`${next.step}${next.step === 'resolution' ? state.resolutionFactor : ''}`);
    if (next.step === 'canvas2d') break;
  }
  assert.deepEqual(steps, ['lod', 'msaa', 'resolution0.5', 'resolution0.25', 'canvas2d']);
  assert.equal(state.resolutionFactor, 1, 'Canvas2D draws at full resolution');
});

test('steps that would change nothing are skipped', () => {
  const state = freshQualityLadder();
  assert.equal(stepDown(state, { lodOff: false, sampleCount: 1 }).step, 'resolution', 'LOD already on and no MSAA');
  assert.equal(state.forceLod, false);
  assert.equal(state.msaaOff, false);
});
