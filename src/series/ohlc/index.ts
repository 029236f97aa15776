import { priceBarsModule } from '../shared/price-bars.js';

/** OHLC bars: a high-low bar with the open ticked left and the close right. */
export const ohlcSeries = priceBarsModule('ohlc');
