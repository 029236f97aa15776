/** A deterministic random walk: the same chart on every run, so tests can compare pixels. */
export function randomWalk(count: number, start = Date.UTC(2024, 0, 1), from = 100): { time: number[]; value: number[] } {
  const time: number[] = [];
  const value: number[] = [];
  let seed = start % 2147483647;
  let level = from;
  for (let i = 0; i < count; i++) {
    seed = (seed * 48271) % 2147483647;
    level += (seed / 2147483647 - 0.5) * 2;
    time.push(start + i * 60_000);
    value.push(level);
  }
  return { time, value };
}

/** `count` more points after the last one of `series`. */
export function extend(series: { time: number[]; value: number[] }, count: number): { time: number[]; value: number[] } {
  const last = series.time.length - 1;
  const more = randomWalk(count + 1, series.time[last], series.value[last]);
  return { time: [...series.time, ...more.time.slice(1)], value: [...series.value, ...more.value.slice(1)] };
}
