// Loaded as a classic <script> before any chart library, so that every requestAnimationFrame a
// library makes goes through here. Callbacks still run at the browser's next animation frame as
// usual, unless the benchmark runs them first with __raf.flush(): then they run synchronously,
// once, and the browser's frame finds nothing to do. This is how a frame of a library that only
// draws from requestAnimationFrame (lightweight-charts, ChartGPU's zoom resampling) is forced and
// timed without waiting for the 60 Hz vsync; __raf.pending() tells whether work was left over.
(() => {
  const realRaf = window.requestAnimationFrame.bind(window);
  const realCancel = window.cancelAnimationFrame.bind(window);
  const pending = new Map();
  let nextId = 1;
  let flushed = 0;
  const run = (entry, time) => {
    try {
      entry.callback(time);
    } catch (error) {
      setTimeout(() => {
        throw error;
      });
    }
  };
  window.requestAnimationFrame = (callback) => {
    const id = nextId++;
    const realId = realRaf((time) => {
      const entry = pending.get(id);
      if (!entry) return;
      pending.delete(id);
      run(entry, time);
    });
    pending.set(id, { callback, realId });
    return id;
  };
  window.cancelAnimationFrame = (id) => {
    const entry = pending.get(id);
    if (!entry) return;
    pending.delete(id);
    realCancel(entry.realId);
  };
  window.__raf = {
    /** The browser's own requestAnimationFrame (waits for the next real frame). */
    real: realRaf,
    pending: () => pending.size,
    /** Callbacks run by flush() so far. */
    flushedCount: () => flushed,
    /**
     * Runs every pending callback now, then those they requested, up to `maxRounds` rounds.
     * Returns how many callbacks ran.
     */
    flush(maxRounds = 8) {
      let ran = 0;
      for (let round = 0; round < maxRounds && pending.size > 0; round++) {
        const batch = [...pending.values()];
        pending.clear();
        for (const entry of batch) realCancel(entry.realId);
        const time = performance.now();
        for (const entry of batch) {
          ran++;
          run(entry, time);
        }
      }
      flushed += ran;
      return ran;
    },
  };
})();
