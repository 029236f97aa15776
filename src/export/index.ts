// Exports of a chart's picture and data, DOM-free (tested in Node): SVG of the scene, CSV of rows,
// PNG encoding for the raster parts, and the overlay's text as exports place it.
export { sceneToSvg, type SvgExportInput } from './scene-svg.js';
export { frameTexts, type ExportText, type ExportLegendEntry } from './export-text.js';
export { rowsCsv, windowRows, csvCell, type CsvInput, type CsvColumn } from './csv.js';
export { encodePng, pngDataUrl, base64 } from './png-encode.js';
export { SVG_LAYERS, type SvgLayerTable, type SvgLayerWriter, type SvgLayerContext } from './svg-layers/index.js';
