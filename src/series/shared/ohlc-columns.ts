export const OHLC_COLUMNS = ['open', 'high', 'low', 'close'] as const;

/** Whether the data has the four price columns candlestick and OHLC series need. */
export function hasOhlc(columns: readonly string[]): boolean {
  return OHLC_COLUMNS.every((name) => columns.includes(name));
}
