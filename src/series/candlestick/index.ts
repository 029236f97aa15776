import { priceBarsModule } from '../shared/price-bars.js';

/** Candles: a body from open to close and a one-pixel wick from low to high. */
export const candlestickSeries = priceBarsModule('candlestick');
