import { useMemo, useState } from 'react';
import type { ChartConfigPatch } from 'gpu-charts';
import { extend, randomWalk } from 'gpu-charts-example-shared';

type Theme = 'light' | 'dark';

/** One chart bound to React state: data, config and an indicator change from the buttons. */
export function App() {
  const [data, setData] = useState(() => randomWalk(500));
  const [theme, setTheme] = useState<Theme>('light');
  const [indicator, setIndicator] = useState<'sma' | 'ema'>('sma');
  const [renderer, setRenderer] = useState('starting');
  const [viewportChanges, setViewportChanges] = useState(0);
  // A new object only when the theme changes: the chart diffs configs, but need not be asked.
  const config = useMemo<ChartConfigPatch>(() => ({ theme, grid: { style: 'dashed' } }), [theme]);

  return (
    <main>
      <h1>gpu-charts in React 19</h1>
      <gpu-chart
        style={{ display: 'block', width: '800px', height: '400px' }}
        data={data}
        config={config}
        label="Random walk with a moving average"
        ongpu-ready={(event) => setRenderer(event.detail.renderer)}
        ongpu-viewport-change={() => setViewportChanges((count) => count + 1)}
      >
        <gpu-indicator type={indicator} color="#f97316" line-width={2} />
      </gpu-chart>
      <p>
        <button id="theme" onClick={() => setTheme(theme === 'light' ? 'dark' : 'light')}>
          {theme === 'light' ? 'Dark' : 'Light'} theme
        </button>
        <button id="append" onClick={() => setData((current) => extend(current, 100))}>
          Add 100 points
        </button>
        <button id="indicator" onClick={() => setIndicator(indicator === 'sma' ? 'ema' : 'sma')}>
          Use {indicator === 'sma' ? 'EMA' : 'SMA'}
        </button>
      </p>
      <p>
        Renderer: <output id="renderer">{renderer}</output> · points: <output id="points">{data.time.length}</output> ·
        viewport changes: <output id="viewport-changes">{viewportChanges}</output>
      </p>
    </main>
  );
}
