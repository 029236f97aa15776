/** A copy of `old` in a new array of `length` entries (same type): growing reused buffers. */
export function resized<T extends Float64Array | Uint32Array>(old: T, length: number): T {
  const next = new (old.constructor as new (length: number) => T)(length);
  next.set(old.length > length ? old.subarray(0, length) : old);
  return next;
}
