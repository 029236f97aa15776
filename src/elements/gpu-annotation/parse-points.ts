/**
 * The `points` attribute: `"2024-01-02 101.5; 2024-01-09T12:00Z 108"` (pairs separated by `;`,
 * time then price separated by spaces or a comma; times as epoch ms or date strings), or a JSON
 * array of `{ time, price }`. Values are left as written: the annotation validator says what is
 * wrong with them, and where.
 */
export function parsePointsAttribute(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) {
    try {
      return JSON.parse(trimmed) as unknown;
    } catch {
      return trimmed;
    }
  }
  if (trimmed === '') return [];
  return trimmed.split(';').map((pair) => {
    const parts = pair.trim().split(/[\s,]+/).filter(Boolean);
    const point: { time?: unknown; price?: unknown } = {};
    if (parts[0] !== undefined) point.time = parts[0];
    if (parts[1] !== undefined) point.price = Number(parts[1]);
    return point;
  });
}
