/** Waits until every <gpu-chart> on the page has drawn data (or gave up with an event). */
// The demo's tile-server chart draws only while `npm run serve` answers (its section then says how to
// start one, checked by demo.spec.mjs): left out of "every chart has drawn".
export async function waitForCharts(page, selector = 'gpu-chart:not(#tiles-chart)') {
  await page.waitForFunction(
    // 3D charts hold their data in the model's 3D view (a grid or points), not in model.data; that
    // view exists once the 3D chunk has loaded (model.three throws before: read it only when is3d).
    (sel) => [...document.querySelectorAll(sel)].every((c) => (c.state === 'ready' || c.state === 'fallback') && (c.model.data || (c.model.is3d && (c.model.three.grid || c.model.three.points))) && c.frameCount > 0),
    selector,
    { timeout: 90_000 },
  );
  // Let pending frames land.
  await page.evaluate(() => Promise.all([...document.querySelectorAll('gpu-chart')].map((c) => c.nextFrame())));
}

/** Ink statistics of a chart's own pixels (read back from the GPU). */
export async function chartInk(page, selector) {
  return page.evaluate(async (sel) => {
    const chart = document.querySelector(sel);
    const snap = await chart.snapshot();
    let ink = 0;
    const [r, g, b] = [snap.data[0], snap.data[1], snap.data[2]];
    for (let i = 0; i < snap.data.length; i += 4) {
      if (Math.abs(snap.data[i] - r) + Math.abs(snap.data[i + 1] - g) + Math.abs(snap.data[i + 2] - b) > 60) ink++;
    }
    return { ink, total: snap.width * snap.height, width: snap.width, height: snap.height };
  }, selector);
}
