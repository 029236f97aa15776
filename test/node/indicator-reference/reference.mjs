// Independent, deliberately naive reference implementations of every indicator,
// written from TA-Lib's definitions (and docs/indicators.md for the four TA-Lib
// lacks). No running sums, no shared code with src/indicators: each window is
// recomputed from scratch, EMAs use the textbook α·x + (1 − α)·prev form.
// Outputs are plain arrays aligned to the input, NaN where undefined.

const nans = (n) => new Array(n).fill(NaN);
const mean = (a, from, to) => { let s = 0; for (let i = from; i <= to; i++) s += a[i]; return s / (to - from + 1); };
const maxOf = (a, from, to) => { let m = -Infinity; for (let i = from; i <= to; i++) m = Math.max(m, a[i]); return m; };
const minOf = (a, from, to) => { let m = Infinity; for (let i = from; i <= to; i++) m = Math.min(m, a[i]); return m; };
const tr = (h, l, c, i) => Math.max(h[i] - l[i], Math.abs(h[i] - c[i - 1]), Math.abs(l[i] - c[i - 1]));
const tp = (h, l, c, i) => (h[i] + l[i] + c[i]) / 3;

export function refSma(x, p) {
  const out = nans(x.length);
  for (let i = p - 1; i < x.length; i++) out[i] = mean(x, i - p + 1, i);
  return out;
}

/** EMA whose first value is the SMA of x[start .. start+p-1]; NaN inputs before `start` ignored. */
export function refEma(x, p, start = 0) {
  const out = nans(x.length);
  const a = 2 / (p + 1);
  if (x.length - start < p) return out;
  let e = mean(x, start, start + p - 1);
  out[start + p - 1] = e;
  for (let i = start + p; i < x.length; i++) {
    e = a * x[i] + (1 - a) * e;
    out[i] = e;
  }
  return out;
}

export function refWma(x, p) {
  const out = nans(x.length);
  for (let i = p - 1; i < x.length; i++) {
    let s = 0;
    for (let j = 0; j < p; j++) s += (j + 1) * x[i - p + 1 + j];
    out[i] = s / ((p * (p + 1)) / 2);
  }
  return out;
}

export function refDema(x, p) {
  const e1 = refEma(x, p);
  const e2 = refEma(e1, p, p - 1);
  return e1.map((v, i) => (i >= 2 * (p - 1) ? 2 * v - e2[i] : NaN));
}

export function refTema(x, p) {
  const e1 = refEma(x, p);
  const e2 = refEma(e1, p, p - 1);
  const e3 = refEma(e2, p, 2 * (p - 1));
  return e1.map((v, i) => (i >= 3 * (p - 1) ? 3 * v - 3 * e2[i] + e3[i] : NaN));
}

export function refKama(x, n) {
  const out = nans(x.length);
  const fast = 2 / 3;
  const slow = 2 / 31;
  let prev = x[n - 1];
  for (let t = n; t < x.length; t++) {
    let path = 0;
    for (let j = t - n + 1; j <= t; j++) path += Math.abs(x[j] - x[j - 1]);
    const change = Math.abs(x[t] - x[t - n]);
    const er = path === 0 ? 1 : change / path;
    const sc = (er * (fast - slow) + slow) ** 2;
    prev = prev + sc * (x[t] - prev);
    out[t] = prev;
  }
  return out;
}

function popStd(x, from, to) {
  const m = mean(x, from, to);
  let s = 0;
  for (let i = from; i <= to; i++) s += (x[i] - m) ** 2;
  return Math.sqrt(s / (to - from + 1));
}

export function refStddev(x, p, nbDev = 1) {
  const out = nans(x.length);
  for (let i = p - 1; i < x.length; i++) out[i] = popStd(x, i - p + 1, i) * nbDev;
  return out;
}

export function refBbands(x, p, up, dn) {
  const middle = refSma(x, p);
  const sd = refStddev(x, p);
  return { upper: middle.map((m, i) => m + up * sd[i]), middle, lower: middle.map((m, i) => m - dn * sd[i]) };
}

export function refRsi(x, p) {
  const out = nans(x.length);
  let g = 0;
  let l = 0;
  for (let i = 1; i <= p && i < x.length; i++) {
    const d = x[i] - x[i - 1];
    g += Math.max(d, 0);
    l += Math.max(-d, 0);
  }
  g /= p;
  l /= p;
  const value = () => (g + l === 0 ? 0 : l === 0 ? 100 : 100 - 100 / (1 + g / l));
  if (x.length > p) out[p] = value();
  for (let i = p + 1; i < x.length; i++) {
    const d = x[i] - x[i - 1];
    g = (g * (p - 1) + Math.max(d, 0)) / p;
    l = (l * (p - 1) + Math.max(-d, 0)) / p;
    out[i] = value();
  }
  return out;
}

export function refMacd(x, fast, slow, signal) {
  if (slow < fast) [fast, slow] = [slow, fast];
  const es = refEma(x, slow);
  const ef = refEma(x, fast, slow - fast);
  const line = es.map((s, i) => ef[i] - s);
  const sig = refEma(line, signal, slow - 1);
  const lb = slow - 1 + signal - 1;
  const macd = line.map((v, i) => (i >= lb ? v : NaN));
  return { macd, signal: sig, histogram: macd.map((v, i) => v - sig[i]) };
}

export function refStoch(h, l, c, fastK, slowK, slowD) {
  const n = c.length;
  const raw = nans(n);
  for (let i = fastK - 1; i < n; i++) {
    const hh = maxOf(h, i - fastK + 1, i);
    const ll = minOf(l, i - fastK + 1, i);
    raw[i] = hh === ll ? 0 : (100 * (c[i] - ll)) / (hh - ll);
  }
  const k = nans(n);
  for (let i = fastK - 1 + slowK - 1; i < n; i++) k[i] = mean(raw, i - slowK + 1, i);
  const d = nans(n);
  const lb = fastK - 1 + slowK - 1 + slowD - 1;
  for (let i = lb; i < n; i++) d[i] = mean(k, i - slowD + 1, i);
  return { k: k.map((v, i) => (i >= lb ? v : NaN)), d };
}

export function refAtr(h, l, c, p) {
  const out = nans(c.length);
  if (c.length <= p) return out;
  let s = 0;
  for (let i = 1; i <= p; i++) s += tr(h, l, c, i);
  let a = s / p;
  out[p] = a;
  for (let i = p + 1; i < c.length; i++) {
    a = (a * (p - 1) + tr(h, l, c, i)) / p;
    out[i] = a;
  }
  return out;
}

export function refNatr(h, l, c, p) {
  return refAtr(h, l, c, p).map((a, i) => (c[i] === 0 ? 0 : (100 * a) / c[i]));
}

export function refObv(x, v) {
  const out = [];
  let acc = v[0];
  for (let i = 0; i < x.length; i++) {
    if (i > 0) acc += x[i] > x[i - 1] ? v[i] : x[i] < x[i - 1] ? -v[i] : 0;
    out.push(acc);
  }
  return out;
}

export function refAdx(h, l, c, p) {
  const n = c.length;
  const plus = nans(n);
  const minus = nans(n);
  const trs = nans(n);
  for (let i = 1; i < n; i++) {
    const up = h[i] - h[i - 1];
    const down = l[i - 1] - l[i];
    plus[i] = up > 0 && up > down ? up : 0;
    minus[i] = down > 0 && down > up ? down : 0;
    trs[i] = tr(h, l, c, i);
  }
  // Smoothed sums: plain sum of bars 1..p-1, then S = S − S/p + today from bar p on.
  let sp = 0, sm = 0, st = 0;
  for (let i = 1; i < p; i++) { sp += plus[i]; sm += minus[i]; st += trs[i]; }
  const dx = nans(n);
  for (let i = p; i < n; i++) {
    sp = sp - sp / p + plus[i];
    sm = sm - sm / p + minus[i];
    st = st - st / p + trs[i];
    if (Math.abs(st) < 1e-14) continue;
    const pdi = (100 * sp) / st;
    const mdi = (100 * sm) / st;
    if (Math.abs(pdi + mdi) < 1e-14) continue;
    dx[i] = (100 * Math.abs(pdi - mdi)) / (pdi + mdi);
  }
  const out = nans(n);
  if (n < 2 * p) return out;
  let s = 0;
  for (let i = p; i < 2 * p; i++) if (!Number.isNaN(dx[i])) s += dx[i];
  let adx = s / p;
  out[2 * p - 1] = adx;
  for (let i = 2 * p; i < n; i++) {
    if (!Number.isNaN(dx[i])) adx = (adx * (p - 1) + dx[i]) / p;
    out[i] = adx;
  }
  return out;
}

export function refCci(h, l, c, p) {
  const n = c.length;
  const t = Array.from({ length: n }, (_, i) => tp(h, l, c, i));
  const out = nans(n);
  for (let i = p - 1; i < n; i++) {
    const m = mean(t, i - p + 1, i);
    let md = 0;
    for (let j = i - p + 1; j <= i; j++) md += Math.abs(t[j] - m);
    md /= p;
    // A window whose typical prices are all equal has no deviation: 0.
    let flat = true;
    for (let j = i - p + 1; j <= i; j++) if (t[j] !== t[i]) flat = false;
    out[i] = flat ? 0 : (t[i] - m) / (0.015 * md);
  }
  return out;
}

export function refWillr(h, l, c, p) {
  const out = nans(c.length);
  for (let i = p - 1; i < c.length; i++) {
    const hh = maxOf(h, i - p + 1, i);
    const ll = minOf(l, i - p + 1, i);
    out[i] = hh === ll ? 0 : (-100 * (hh - c[i])) / (hh - ll);
  }
  return out;
}

export function refMfi(h, l, c, v, p) {
  const n = c.length;
  const out = nans(n);
  for (let i = p; i < n; i++) {
    let pos = 0, neg = 0;
    for (let j = i - p + 1; j <= i; j++) {
      const t = tp(h, l, c, j);
      const prev = tp(h, l, c, j - 1);
      if (t > prev) pos += t * v[j];
      else if (t < prev) neg += t * v[j];
    }
    out[i] = pos + neg === 0 ? 0 : (100 * pos) / (pos + neg);
  }
  return out;
}

/** Wilder's Parabolic SAR with TA-Lib's start: direction from bar 0→1, first SAR = bar 0's extreme. */
export function refSar(h, l, accel, max) {
  const n = h.length;
  const out = nans(n);
  if (n < 2) return out;
  if (accel > max) accel = max;
  const up = h[1] - h[0];
  const down = l[0] - l[1];
  let long = !(down > 0 && down > up);
  let sar = long ? l[0] : h[0];
  let ep = long ? h[1] : l[1];
  let af = accel;
  for (let i = 1; i < n; i++) {
    const prevH = i === 1 ? h[1] : h[i - 1];
    const prevL = i === 1 ? l[1] : l[i - 1];
    if (long && l[i] <= sar) {
      // Reversal to short: SAR = extreme point, at least the last two highs.
      long = false;
      sar = Math.max(ep, prevH, h[i]);
      out[i] = sar;
      ep = l[i];
      af = accel;
      sar = Math.max(sar + af * (ep - sar), prevH, h[i]);
    } else if (!long && h[i] >= sar) {
      long = true;
      sar = Math.min(ep, prevL, l[i]);
      out[i] = sar;
      ep = h[i];
      af = accel;
      sar = Math.min(sar + af * (ep - sar), prevL, l[i]);
    } else {
      out[i] = sar;
      if (long && h[i] > ep) { ep = h[i]; af = Math.min(af + accel, max); }
      if (!long && l[i] < ep) { ep = l[i]; af = Math.min(af + accel, max); }
      sar = sar + af * (ep - sar);
      sar = long ? Math.min(sar, prevL, l[i]) : Math.max(sar, prevH, h[i]);
    }
  }
  return out;
}

export function refRoc(x, p) {
  return x.map((v, i) => (i < p ? NaN : x[i - p] === 0 ? 0 : (100 * (v - x[i - p])) / x[i - p]));
}

export function refMom(x, p) {
  return x.map((v, i) => (i < p ? NaN : v - x[i - p]));
}

export function refTrix(x, p) {
  const e1 = refEma(x, p);
  const e2 = refEma(e1, p, p - 1);
  const e3 = refEma(e2, p, 2 * (p - 1));
  return e3.map((v, i) => (i < 3 * (p - 1) + 1 ? NaN : (100 * (v - e3[i - 1])) / e3[i - 1]));
}

export function refAroon(h, l, p) {
  const n = h.length;
  const up = nans(n);
  const down = nans(n);
  for (let i = p; i < n; i++) {
    let hi = i - p, lo = i - p;
    for (let j = i - p; j <= i; j++) {
      if (h[j] >= h[hi]) hi = j; // ties: the most recent
      if (l[j] <= l[lo]) lo = j;
    }
    up[i] = (100 * (p - (i - hi))) / p;
    down[i] = (100 * (p - (i - lo))) / p;
  }
  return { down, up };
}

const mfv = (h, l, c, v, i) => (h[i] > l[i] ? ((2 * c[i] - l[i] - h[i]) / (h[i] - l[i])) * v[i] : 0);

export function refAd(h, l, c, v) {
  const out = [];
  let acc = 0;
  for (let i = 0; i < c.length; i++) out.push((acc += mfv(h, l, c, v, i)));
  return out;
}

export function refAdosc(h, l, c, v, fast, slow) {
  const adl = refAd(h, l, c, v);
  // EMAs seeded with the first A/D value, no SMA seed (TA-Lib's ADOSC).
  let ef = adl[0], es = adl[0];
  const kf = 2 / (fast + 1), ks = 2 / (slow + 1);
  const lb = Math.max(fast, slow) - 1;
  return adl.map((a, i) => {
    if (i > 0) { ef += kf * (a - ef); es += ks * (a - es); }
    return i >= lb ? ef - es : NaN;
  });
}

export function refUltosc(h, l, c, p1, p2, p3) {
  const [a, b, d] = [p1, p2, p3].sort((x, y) => x - y);
  const n = c.length;
  const out = nans(n);
  const avg = (i, p) => {
    let bp = 0, trs = 0;
    for (let j = i - p + 1; j <= i; j++) { bp += c[j] - Math.min(l[j], c[j - 1]); trs += tr(h, l, c, j); }
    return trs === 0 ? 0 : bp / trs;
  };
  for (let i = d; i < n; i++) out[i] = (100 * (4 * avg(i, a) + 2 * avg(i, b) + avg(i, d))) / 7;
  return out;
}

export function refVwap(h, l, c, v, t, sessionMs = 86_400_000, offset = 0) {
  const out = [];
  let key = null, pv = 0, vol = 0;
  for (let i = 0; i < c.length; i++) {
    const k = sessionMs === 0 ? 0 : Math.floor((t[i] - offset) / sessionMs);
    if (k !== key) { key = k; pv = 0; vol = 0; }
    pv += tp(h, l, c, i) * v[i];
    vol += v[i];
    out.push(vol > 0 ? pv / vol : NaN);
  }
  return out;
}

export function refKeltner(h, l, c, p, mult, atrP) {
  const t = c.map((_, i) => tp(h, l, c, i));
  const mid = refEma(t, p);
  const a = refAtr(h, l, c, atrP);
  const lb = Math.max(p - 1, atrP);
  const cut = (arr) => arr.map((v, i) => (i >= lb ? v : NaN));
  return { upper: cut(mid.map((m, i) => m + mult * a[i])), middle: cut(mid), lower: cut(mid.map((m, i) => m - mult * a[i])) };
}

export function refDonchian(h, l, p) {
  const n = h.length;
  const upper = nans(n), lower = nans(n), middle = nans(n);
  for (let i = p - 1; i < n; i++) {
    upper[i] = maxOf(h, i - p + 1, i);
    lower[i] = minOf(l, i - p + 1, i);
    middle[i] = (upper[i] + lower[i]) / 2;
  }
  return { upper, middle, lower };
}

export function refIchimoku(h, l, c, tk, kj, sb, d) {
  const n = c.length;
  const mid = (i, p) => (i < p - 1 ? NaN : (maxOf(h, i - p + 1, i) + minOf(l, i - p + 1, i)) / 2);
  const tenkan = Array.from({ length: n }, (_, i) => mid(i, tk));
  const kijun = Array.from({ length: n }, (_, i) => mid(i, kj));
  const senkouA = Array.from({ length: n }, (_, i) => (i < d ? NaN : (mid(i - d, tk) + mid(i - d, kj)) / 2));
  const senkouB = Array.from({ length: n }, (_, i) => (i < d ? NaN : mid(i - d, sb)));
  const chikou = Array.from({ length: n }, (_, i) => (i + d < n ? c[i + d] : NaN));
  return { tenkan, kijun, senkouA, senkouB, chikou };
}
