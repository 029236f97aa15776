/** Axis ticks and labels: calendar-aware time ticks, linear/log value ticks, and their formatters. */
export { timeTicks } from './time-ticks.js';
export type { TimeTick, TimeTickResult, TimeUnit } from './time-ticks.js';
export { formatValue, linearTicks, logTicks } from './value-ticks.js';
export type { ValueTick } from './value-ticks.js';
export { formatTime, isValidTimeZone, wallClockToUtc, zoneOffsetMs } from '../../time/time-zone.js';
export { formatNumeric, numericLogTicks, numericTicks, PLAIN_LABEL_MAX } from './numeric-ticks.js';
export type { NumericTick } from './numeric-ticks.js';
