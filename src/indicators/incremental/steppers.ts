import { DemaStep, EmaStep, KamaStep, SmaStep, TemaStep, TrixStep, WmaStep } from './averages.js';
import { BbandsStep, DonchianStep, KeltnerStep, StdDevBarStep } from './bands.js';
import { AroonStep, CciStep, ChangeStep, MacdStep, RsiStep, StochStep, UltoscStep, WillrStep } from './momentum.js';
import { AdxStep, AtrBarStep, SarStep } from './volatility.js';
import { AdStep, AdoscStep, MfiStep, ObvStep, VwapStep } from './volume.js';
import { IchimokuStep } from './ichimoku.js';
import { SingleStep } from './single.js';
import type { BarStepper } from './types.js';

type P = Record<string, number>;

/** The stepper of each registry indicator: one bar in, its outputs out, state kept between bars. */
const STEPPERS: Record<string, (p: P) => BarStepper> = {
  sma: (p) => new SingleStep(new SmaStep(p.period!)),
  ema: (p) => new SingleStep(new EmaStep(p.period!)),
  wma: (p) => new SingleStep(new WmaStep(p.period!)),
  dema: (p) => new SingleStep(new DemaStep(p.period!)),
  tema: (p) => new SingleStep(new TemaStep(p.period!)),
  kama: (p) => new SingleStep(new KamaStep(p.period!)),
  trix: (p) => new SingleStep(new TrixStep(p.period!)),
  bbands: (p) => new BbandsStep(p.period!, p.nbDevUp!, p.nbDevDn!),
  stddev: (p) => new StdDevBarStep(p.period!, p.nbDev!),
  rsi: (p) => new SingleStep(new RsiStep(p.period!)),
  macd: (p) => new MacdStep(p.fast!, p.slow!, p.signal!),
  stoch: (p) => new StochStep(p.fastK!, p.slowK!, p.slowD!),
  willr: (p) => new WillrStep(p.period!),
  cci: (p) => new CciStep(p.period!),
  roc: (p) => new SingleStep(new ChangeStep(p.period!, true)),
  mom: (p) => new SingleStep(new ChangeStep(p.period!, false)),
  aroon: (p) => new AroonStep(p.period!),
  ultosc: (p) => new UltoscStep(p.period1!, p.period2!, p.period3!),
  atr: (p) => new AtrBarStep(p.period!, false),
  natr: (p) => new AtrBarStep(p.period!, true),
  adx: (p) => new AdxStep(p.period!),
  sar: (p) => new SarStep(p.acceleration!, p.maximum!),
  obv: () => new ObvStep(),
  ad: () => new AdStep(),
  adosc: (p) => new AdoscStep(p.fast!, p.slow!),
  mfi: (p) => new MfiStep(p.period!),
  vwap: (p) => new VwapStep(p.session!, p.offset!),
  keltner: (p) => new KeltnerStep(p.period!, p.multiplier!, p.atrPeriod!),
  donchian: (p) => new DonchianStep(p.period!),
  ichimoku: (p) => new IchimokuStep(p.tenkan!, p.kijun!, p.senkouB!, p.displacement!),
};

/**
 * A fresh stepper for a registry type with resolved parameters. `createIncremental` wraps one with
 * validation and checkpoints per bar; IndicatorStream steps one directly (a checkpoint only before
 * the last bar, which is what makes its full reset fast).
 */
export function createStepper(type: string, params: P): BarStepper {
  const make = STEPPERS[type];
  if (!make) throw new Error(`no stepper for indicator type "${type}"`);
  return make(params);
}
