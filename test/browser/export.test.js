// Exports of <gpu-chart>: a PNG that decodes to the chart's own pixels with the axes' text
// composited, an SVG that parses and holds the series' paths (LOD-reduced: small for big data),
// a CSV of the visible rows, and download() handing the right file to the browser.
import { assert, assertEqual, createChart, randomBars } from './helpers.js';
import { randomWalk } from '../../demo/sample-data.js';

/** The pixels of an image blob, RGBA rows top to bottom. */
async function decode(blob) {
  const bitmap = await createImageBitmap(blob);
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const ctx = /** @type {OffscreenCanvasRenderingContext2D} */ (canvas.getContext('2d'));
  ctx.drawImage(bitmap, 0, 0);
  return { width: bitmap.width, height: bitmap.height, data: ctx.getImageData(0, 0, bitmap.width, bitmap.height).data };
}

/** Largest channel difference between two RGBA images over a rectangle (device px). */
function maxDifference(a, b, rect) {
  let max = 0;
  for (let y = rect.y; y < rect.y + rect.height; y++) {
    for (let x = rect.x; x < rect.x + rect.width; x++) {
      const i = (y * a.width + x) * 4;
      for (let c = 0; c < 4; c++) max = Math.max(max, Math.abs(a.data[i + c] - b.data[i + c]));
    }
  }
  return max;
}

function parseSvg(text) {
  const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
  assertEqual(doc.querySelector('parsererror'), null, 'the SVG parses');
  return doc;
}

describe('export', () => {
  afterEach(() => document.querySelectorAll('gpu-chart').forEach((chart) => chart.remove()));

  it('toBlob: a PNG of the drawn pixels with the axis labels composited on them', async () => {
    const chart = await createChart({ data: randomWalk(5000), width: 420, height: 260 });
    const blob = await chart.toBlob();
    assertEqual(blob.type, 'image/png', 'type');
    const png = await decode(blob);
    const snapshot = await chart.snapshot();
    assertEqual(png.width, snapshot.width, 'width');
    assertEqual(png.height, snapshot.height, 'height');
    // Inside the plot, below the legend, the picture is the renderer's own.
    const ratio = chart.model.chartSize.pixelRatio;
    const plot = chart.model.plotCss();
    const inside = { x: Math.ceil(plot.x * ratio), y: Math.ceil((plot.y + 30) * ratio), width: Math.floor((plot.width - 2) * ratio), height: Math.floor((plot.height - 32) * ratio) };
    const difference = maxDifference(png, snapshot, inside);
    assert(difference <= 2, `plot pixels equal the chart's (max difference ${difference})`);
    // Under the plot the x labels were drawn: pixels there differ from the bare canvas.
    const below = { x: 0, y: Math.ceil((plot.y + plot.height + 4) * ratio), width: png.width, height: Math.floor(14 * ratio) };
    assert(maxDifference(png, snapshot, below) > 100, 'axis label text composited under the plot');
    const jpeg = await chart.toBlob('image/jpeg', 0.9);
    assertEqual(jpeg.type, 'image/jpeg', 'JPEG too');
    /** @type {any} */
    let error = null;
    await chart.toBlob('image/gif').catch((e) => (error = e));
    assert(error instanceof TypeError && /image\/gif/.test(error.message), 'an unsupported type is refused, named');
  });

  it('toBlob works the same on the Canvas2D fallback', async () => {
    const chart = await createChart({ data: randomWalk(2000), attributes: { renderer: 'canvas2d' } });
    assertEqual(chart.rendererKind, 'canvas2d', 'fallback renderer');
    const png = await decode(await chart.toBlob());
    const snapshot = await chart.snapshot();
    const ratio = chart.model.chartSize.pixelRatio;
    const plot = chart.model.plotCss();
    const inside = { x: Math.ceil(plot.x * ratio), y: Math.ceil((plot.y + 30) * ratio), width: Math.floor((plot.width - 2) * ratio), height: Math.floor((plot.height - 32) * ratio) };
    const difference = maxDifference(png, snapshot, inside);
    assert(difference <= 2, `plot pixels equal the Canvas2D chart's (max difference ${difference})`);
  });

  it('toSVG: parses, holds the series path and the axes, and stays small for big data', async () => {
    const n = 200_000;
    const chart = await createChart({ data: randomWalk(n), width: 500, height: 260 });
    const text = await chart.toSVG();
    const doc = parseSvg(text);
    const svg = doc.documentElement;
    assertEqual(svg.getAttribute('width'), '500', 'CSS width');
    const line = doc.querySelector('path.series.line');
    assert(line, 'the series path');
    const points = (line.getAttribute('d').match(/[ML]|\d [\d.-]/g) ?? []).length;
    assert(points > 100, `the line has its shape (${points} points)`);
    assert(text.length < 150_000, `LOD-reduced: ${text.length} bytes for ${n} points`);
    const shadow = /** @type {ShadowRoot} */ (chart.shadowRoot);
    const ticks = [...shadow.querySelectorAll('.x-axis .tick')].map((t) => t.textContent);
    const labels = [...doc.querySelectorAll('text.x-label')].map((t) => t.textContent);
    assertEqual(labels.join('|'), ticks.join('|'), 'x labels as the overlay shows them');
    assert(doc.querySelectorAll('text.y-label').length >= 2, 'y labels');
    assert(doc.querySelector('path.segments'), 'grid lines');
    assert(doc.querySelector('title').textContent.includes('200,000 points'), 'titled with the chart summary');
  });

  it('toSVG: candles as rects, scatter markers and heatmap grids each through their own writer', async () => {
    const candles = await createChart({ data: randomBars(200), attributes: { type: 'candlestick' } });
    const candleSvg = parseSvg(await candles.toSVG());
    assert(candleSvg.querySelectorAll('path.rects').length >= 2, 'rising and falling candles: one path per colour');

    const scatter = await createChart({ data: { time: [0, 1, 2, 3], x: [1, 3, 2, 4], y: [4, 1, 3, 2] } });
    scatter.series = [{ column: 'y', type: 'scatter', markerSize: 6 }];
    await scatter.nextFrame();
    const scatterSvg = parseSvg(await scatter.toSVG());
    assert(scatterSvg.querySelector('path.markers'), 'markers');

    const heat = await createChart({ data: { rows: 3, cols: 4, values: Float32Array.from({ length: 12 }, (_, i) => i), x0: 0, dx: 1000, y0: 0, dy: 1 } });
    const heatSvg = parseSvg(await heat.toSVG());
    const image = heatSvg.querySelector('image.grid');
    assert(image, 'the grid as an image');
    const href = image.getAttribute('href');
    assert(href.startsWith('data:image/png;base64,'), 'an embedded PNG');
    const decoded = await decode(await (await fetch(href)).blob());
    assertEqual(decoded.width, Number(image.getAttribute('width')), 'one pixel per device pixel');
  });

  it('toCSV: the rows of the visible window, ISO times and full-precision values', async () => {
    const data = randomWalk(1000);
    const chart = await createChart({ data });
    chart.setViewport(data.time[100], data.time[149]);
    const lines = chart.toCSV().trimEnd().split('\r\n');
    assertEqual(lines[0], 'time,value', 'header');
    assertEqual(lines.length, 51, 'header and the 50 visible rows');
    assertEqual(lines[1], `${new Date(data.time[100]).toISOString()},${data.value[100]}`, 'first visible row');
    assertEqual(lines[50], `${new Date(data.time[149]).toISOString()},${data.value[149]}`, 'last visible row');
  });

  it('download: the file type follows the name, through an <a download> click', async () => {
    const chart = await createChart({ data: randomWalk(300) });
    const clicked = [];
    const original = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function () {
      clicked.push({ name: this.download, href: this.href });
    };
    try {
      await chart.download('prices.csv');
      await chart.download('prices.svg');
      await chart.download();
    } finally {
      HTMLAnchorElement.prototype.click = original;
    }
    assertEqual(clicked.map((c) => c.name).join(','), 'prices.csv,prices.svg,chart.png', 'names');
    const csv = await (await fetch(clicked[0].href)).text();
    assert(csv.startsWith('time,value\r\n'), 'CSV content');
    const svg = await (await fetch(clicked[1].href)).text();
    assert(svg.startsWith('<svg'), 'SVG content');
    const png = await (await fetch(clicked[2].href)).blob();
    assertEqual(png.type, 'image/png', 'PNG content');
  });
});
