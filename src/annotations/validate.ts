import { isCssColor } from '../config/css-color.js';
import { ANNOTATION_KINDS, DASH_STYLES, DEFAULT_FIB_LEVELS, DEFAULTS, MARKER_SIDES, pointCount, usesPrice, usesTime, type Annotation, type AnnotationKind } from './types.js';

/** What is wrong with an annotation, and where (`annotations.trend1.points[1].price`). */
export interface AnnotationIssue {
  path: string;
  message: string;
}

export type ValidationResult = { annotation: Annotation; issues: AnnotationIssue[] } | { annotation: null; issues: AnnotationIssue[] };

const KNOWN_KEYS = new Set(['id', 'kind', 'points', 'pane', 'color', 'fill', 'width', 'dash', 'label', 'font', 'text', 'side', 'size', 'levels', 'editable', 'visible']);
const MAX_TEXT = 1000;
const MAX_LEVELS = 32;

/**
 * A time: epoch ms, or a date string (ISO 8601, or what Date.parse reads). NaN when neither.
 * Date-only strings are UTC midnight, as in the data loaders.
 */
export function parseTime(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '') {
    const text = value.trim();
    if (/^[+-]?\d+(\.\d+)?$/.test(text)) return Number(text);
    return Date.parse(text);
  }
  return NaN;
}

/**
 * Checks one declared annotation (JSON from config, an element or the API). Fatal problems
 * (unknown kind, missing or non-finite points) give no annotation; a bad style value is reported
 * and replaced by its default, so the drawing still shows. `base` is the path prefix.
 */
export function validateAnnotation(raw: unknown, base: string): ValidationResult {
  const issues: AnnotationIssue[] = [];
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { annotation: null, issues: [{ path: base, message: 'expected an object' }] };
  const input = raw as Record<string, unknown>;
  const id = typeof input.id === 'string' && input.id.trim() !== '' ? input.id : null;
  if (id === null) return { annotation: null, issues: [{ path: `${base}.id`, message: 'expected a non-empty string id' }] };
  const path = (key: string) => `${base}.${key}`;
  for (const key of Object.keys(input)) if (!KNOWN_KEYS.has(key)) issues.push({ path: path(key), message: `unknown key "${key}" (expected ${[...KNOWN_KEYS].join(', ')})` });
  const kind = input.kind;
  if (typeof kind !== 'string' || !(ANNOTATION_KINDS as readonly string[]).includes(kind)) {
    issues.push({ path: path('kind'), message: `expected ${ANNOTATION_KINDS.join(' | ')}, got ${JSON.stringify(kind ?? null)}` });
    return { annotation: null, issues };
  }
  const k = kind as AnnotationKind;
  const points = readPoints(k, input.points, path('points'), issues);
  if (!points) return { annotation: null, issues };

  const annotation: Annotation = {
    id,
    kind: k,
    points,
    pane: readString(input, 'pane', base, issues, 64) ?? DEFAULTS.pane,
    color: readColor(input, 'color', base, issues),
    fill: readColor(input, 'fill', base, issues),
    width: readNumber(input, 'width', base, issues, 0.25, 20) ?? DEFAULTS.width,
    dash: readChoice(input, 'dash', DASH_STYLES, base, issues) ?? DEFAULTS.dash,
    label: readString(input, 'label', base, issues, MAX_TEXT),
    font: readString(input, 'font', base, issues, 200),
    text: readString(input, 'text', base, issues, MAX_TEXT),
    side: readChoice(input, 'side', MARKER_SIDES, base, issues) ?? DEFAULTS.side,
    size: readNumber(input, 'size', base, issues, 2, 64) ?? DEFAULTS.size,
    levels: readLevels(input.levels, path('levels'), issues),
    editable: readBoolean(input, 'editable', base, issues) ?? DEFAULTS.editable,
    visible: readBoolean(input, 'visible', base, issues) ?? DEFAULTS.visible,
  };
  return { annotation, issues };
}

function readPoints(kind: AnnotationKind, value: unknown, path: string, issues: AnnotationIssue[]): Annotation['points'] | null {
  const needed = pointCount(kind);
  if (!Array.isArray(value)) {
    issues.push({ path, message: `expected ${needed} point${needed > 1 ? 's' : ''} ({ time, price }) for a ${kind}` });
    return null;
  }
  if (value.length < needed) {
    issues.push({ path, message: `a ${kind} needs ${needed} point${needed > 1 ? 's' : ''}, got ${value.length}` });
    return null;
  }
  if (value.length > needed) issues.push({ path, message: `a ${kind} uses ${needed} point${needed > 1 ? 's' : ''}; the ${value.length - needed} after are ignored` });
  const out: Annotation['points'] = [];
  for (let i = 0; i < needed; i++) {
    const p = value[i] as unknown;
    const at = `${path}[${i}]`;
    if (p === null || typeof p !== 'object') {
      issues.push({ path: at, message: 'expected { time, price }' });
      return null;
    }
    const point = p as Record<string, unknown>;
    let time = 0;
    let price = 0;
    if (usesTime(kind)) {
      time = parseTime(point.time);
      if (!Number.isFinite(time)) {
        issues.push({ path: `${at}.time`, message: `expected a finite time (epoch ms or a date string), got ${JSON.stringify(point.time ?? null)}` });
        return null;
      }
    } else if (point.time !== undefined) {
      // An hline's time only places its handle; a bad one is dropped, not fatal.
      const t = parseTime(point.time);
      time = Number.isFinite(t) ? t : NaN;
    } else {
      time = NaN;
    }
    if (usesPrice(kind)) {
      const optional = kind === 'marker' && point.price === undefined;
      price = optional ? NaN : typeof point.price === 'number' ? point.price : NaN;
      if (!optional && !Number.isFinite(price)) {
        issues.push({ path: `${at}.price`, message: `expected a finite number, got ${JSON.stringify(point.price ?? null)}` });
        return null;
      }
    } else {
      price = typeof point.price === 'number' && Number.isFinite(point.price) ? point.price : NaN;
    }
    out.push({ time, price });
  }
  return out;
}

function readLevels(value: unknown, path: string, issues: AnnotationIssue[]): number[] {
  if (value === undefined) return DEFAULT_FIB_LEVELS.slice();
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_LEVELS || !value.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    issues.push({ path, message: `expected 1 to ${MAX_LEVELS} finite numbers; drawing the default levels` });
    return DEFAULT_FIB_LEVELS.slice();
  }
  return (value as number[]).slice();
}

function readString(input: Record<string, unknown>, key: string, base: string, issues: AnnotationIssue[], max: number): string | null {
  const value = input[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || value.length > max) {
    issues.push({ path: `${base}.${key}`, message: `expected a string of at most ${max} characters` });
    return null;
  }
  return value;
}

function readColor(input: Record<string, unknown>, key: string, base: string, issues: AnnotationIssue[]): string | null {
  const value = input[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || !isCssColor(value.trim())) {
    issues.push({ path: `${base}.${key}`, message: `expected a CSS colour, got ${JSON.stringify(value)}; drawing the default colour` });
    return null;
  }
  return value.trim();
}

function readNumber(input: Record<string, unknown>, key: string, base: string, issues: AnnotationIssue[], min: number, max: number): number | null {
  const value = input[key];
  if (value === undefined || value === null) return null;
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n) || n < min || n > max) {
    issues.push({ path: `${base}.${key}`, message: `expected a number from ${min} to ${max}, got ${JSON.stringify(value)}` });
    return null;
  }
  return n;
}

function readChoice<T extends string>(input: Record<string, unknown>, key: string, choices: readonly T[], base: string, issues: AnnotationIssue[]): T | null {
  const value = input[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || !(choices as readonly string[]).includes(value)) {
    issues.push({ path: `${base}.${key}`, message: `expected ${choices.join(' | ')}, got ${JSON.stringify(value)}` });
    return null;
  }
  return value as T;
}

function readBoolean(input: Record<string, unknown>, key: string, base: string, issues: AnnotationIssue[]): boolean | null {
  const value = input[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'boolean') {
    issues.push({ path: `${base}.${key}`, message: `expected true or false, got ${JSON.stringify(value)}` });
    return null;
  }
  return value;
}
