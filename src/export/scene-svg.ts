import { layerRect, type FrameScene, type PlotRect, type SceneLayer } from '../core/scene/frame-scene.js';
import type { ExportLegendEntry, ExportText } from './export-text.js';
import { escapeXml, num, paint } from './svg-format.js';
import { SVG_LAYERS, type SvgLayerWriter } from './svg-layers/index.js';

/** What an SVG export is made of. */
export interface SvgExportInput {
  scene: FrameScene;
  /** Device px per CSS px: the document is the element's CSS size, its viewBox the canvas' device px. */
  pixelRatio: number;
  /** Overlay text, CSS px (see frameTexts). */
  texts?: readonly ExportText[];
  legend?: readonly ExportLegendEntry[];
  title?: string;
  description?: string;
  font?: { family: string; size: number; color: string; axisColor: string };
}

const DEFAULT_FONT = { family: 'system-ui, sans-serif', size: 12, color: '#111827', axisColor: '#6b7280' };

/**
 * The scene as a standalone SVG document: background, then every layer in drawing order, each
 * written by its kind's function (SVG_LAYERS), translated to its pane and clipped to it, then the
 * overlay's text and legend. Geometry comes from the scene, which is already reduced to what the
 * pixels need (M4 lines, per-pixel markers, per-cell density), so the file stays small however
 * large the data.
 */
export async function sceneToSvg(input: SvgExportInput): Promise<string> {
  const { scene } = input;
  const ratio = input.pixelRatio > 0 ? input.pixelRatio : 1;
  const font = { ...DEFAULT_FONT, ...input.font };
  const clips = new Map<string, string>();
  const clipOf = (rect: PlotRect) => {
    const key = `${rect.width}x${rect.height}`;
    let id = clips.get(key);
    if (!id) clips.set(key, (id = `clip${clips.size}`));
    return id;
  };
  const body: string[] = [];
  for (const layer of scene.layers) {
    const rect = layerRect(scene, layer);
    const write = SVG_LAYERS[layer.kind] as SvgLayerWriter<SceneLayer> | undefined;
    if (!write) continue; // a kind from a newer scene than this table (cannot happen once it type-checks)
    const content = await write(layer, { scene, rect });
    if (content) body.push(`<g transform="translate(${num(rect.x)} ${num(rect.y)})" clip-path="url(#${clipOf(rect)})">${content}</g>`);
  }
  const defs = [...clips].map(([key, id]) => {
    const [w, h] = key.split('x');
    return `<clipPath id="${id}"><rect width="${w}" height="${h}"/></clipPath>`;
  });
  const width = scene.width / ratio;
  const height = scene.height / ratio;
  const texts = (input.texts ?? []).map((t) => textElement(t, font));
  const legend = legendElements(input.legend ?? [], scene.plot, ratio, font);
  const title = input.title ? `<title>${escapeXml(input.title)}</title>` : '';
  const desc = input.description ? `<desc>${escapeXml(input.description)}</desc>` : '';
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${num(width)}" height="${num(height)}" viewBox="0 0 ${scene.width} ${scene.height}" role="img">` +
    title +
    desc +
    `<defs>${defs.join('')}</defs>` +
    `<rect class="background" width="${scene.width}" height="${scene.height}" ${paint('fill', scene.background)}/>` +
    `<g class="scene">${body.join('')}</g>` +
    `<g class="overlay" transform="scale(${Math.round(ratio * 1000) / 1000})" font-family="${escapeXml(font.family)}" font-size="${font.size}">${texts.join('')}${legend}</g>` +
    `</svg>`
  );
}

const BASELINES = { middle: 'central', top: 'hanging', bottom: 'text-after-edge' } as const;

function textElement(t: ExportText, font: { color: string; axisColor: string }): string {
  const color = t.role === 'x-label' || t.role === 'y-label' ? (t.bold ? font.color : font.axisColor) : font.color;
  const rotate = t.rotate ? ` transform="rotate(${t.rotate} ${num(t.x)} ${num(t.y)})"` : '';
  const weight = t.bold ? ' font-weight="600"' : '';
  return `<text class="${t.role}" x="${num(t.x)}" y="${num(t.y)}" text-anchor="${t.anchor}" dominant-baseline="${BASELINES[t.baseline]}" fill="${escapeXml(color)}"${weight}${rotate}>${escapeXml(t.text)}</text>`;
}

/** The main legend at the plot's top left, one swatch and name per series (CSS px). */
function legendElements(entries: readonly ExportLegendEntry[], plot: PlotRect, ratio: number, font: { size: number; color: string }): string {
  if (entries.length === 0) return '';
  let x = plot.x / ratio + 8;
  const y = plot.y / ratio + 8 + font.size / 2;
  const parts: string[] = [];
  for (const entry of entries) {
    parts.push(`<rect x="${num(x)}" y="${num(y - 4)}" width="8" height="8" fill="${escapeXml(entry.color)}"/>`);
    parts.push(`<text x="${num(x + 12)}" y="${num(y)}" dominant-baseline="central" fill="${escapeXml(font.color)}">${escapeXml(entry.name)}</text>`);
    x += 12 + entry.name.length * font.size * 0.6 + 12;
  }
  return `<g class="legend">${parts.join('')}</g>`;
}

