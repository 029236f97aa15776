// How the overlay writes its figures; pure, so the figures tests expect are these functions' output.

/** Milliseconds with two decimals below 10 ms, one above; `n/a` when unmeasured. */
export function formatMs(ms: number | null): string {
  if (ms === null) return 'n/a';
  return `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;
}

/** Bytes in binary units (KiB, MiB, GiB), one decimal. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

/** Thousands separated (en), whatever the page's locale, so figures line up and tests are stable. */
export function formatCount(count: number): string {
  return count.toLocaleString('en');
}

/**
 * An SVG path through frame times, right-aligned in a `slots`-wide box of `width` × `height`,
 * `top` ms at the top edge (clipped above). NaN leaves a gap (frames without a GPU time).
 */
export function sparklinePath(values: readonly number[], slots: number, top: number, width: number, height: number): string {
  let path = '';
  let penDown = false;
  const offset = slots - values.length;
  const step = width / Math.max(1, slots - 1);
  for (let i = 0; i < values.length; i++) {
    const ms = values[i]!;
    if (Number.isNaN(ms)) {
      penDown = false;
      continue;
    }
    const x = (offset + i) * step;
    const y = height - Math.min(ms / top, 1) * height;
    path += `${penDown ? 'L' : 'M'}${x.toFixed(1)} ${y.toFixed(1)}`;
    penDown = true;
  }
  return path;
}
