/**
 * What a chart gives up, one step at a time, when the GPU runs out of memory: the cheapest loss
 * first. Pure state: the renderer controller applies each step and reports it.
 */
export interface QualityLadderState {
  /** Level of detail forced on although the element says `lod="off"`. */
  forceLod: boolean;
  /** MSAA turned off. */
  msaaOff: boolean;
  /** Factor on the canvas resolution (1, ½, ¼). */
  resolutionFactor: number;
}

/** The lowest resolution factor the ladder goes down to before giving up on WebGPU. */
export const MIN_RESOLUTION_FACTOR = 0.25;

export type QualityStep = { step: 'lod' | 'msaa' | 'resolution'; action: string } | { step: 'canvas2d'; action: string };

export function freshQualityLadder(): QualityLadderState {
  return { forceLod: false, msaaOff: false, resolutionFactor: 1 };
}

/**
 * Takes the next step down and records it in `state`: level of detail forced on (when the chart
 * draws every point), then MSAA off (when in use), then the resolution halved down to a quarter;
 * past that, Canvas2D (the resolution factor goes back to 1: Canvas2D draws in CPU memory).
 */
export function stepDown(state: QualityLadderState, current: { lodOff: boolean; sampleCount: number }): QualityStep {
  if (!state.forceLod && current.lodOff) {
    state.forceLod = true;
    return { step: 'lod', action: 'level of detail forced on (lod="off" is not honoured)' };
  }
  if (!state.msaaOff && current.sampleCount > 1) {
    state.msaaOff = true;
    return { step: 'msaa', action: 'MSAA turned off' };
  }
  if (state.resolutionFactor > MIN_RESOLUTION_FACTOR) {
    state.resolutionFactor = Math.max(MIN_RESOLUTION_FACTOR, state.resolutionFactor / 2);
    return { step: 'resolution', action: `resolution lowered to ${(state.resolutionFactor * 100).toFixed(0)} %` };
  }
  state.resolutionFactor = 1;
  return { step: 'canvas2d', action: 'drawing with Canvas2D' };
}
