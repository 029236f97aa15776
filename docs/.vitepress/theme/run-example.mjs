// Runs an example's code in a preview element: the HTML goes in, each <script> runs as the body of
// an async function with `root` (the preview) and `GpuCharts` (the library) in scope. What goes
// wrong is collected, not thrown: script errors, and the charts' own error events (bad config,
// bad data, a renderer that cannot draw), so the example can show them in place.

const AsyncFunction = (async () => {}).constructor;

/** The error events of the elements, and which of their details count as errors. */
const ERROR_EVENTS = {
  'gpu-config-error': (d) => (d?.issues ?? []).map((i) => `config ${i.path || '(root)'}: ${i.message}`),
  'gpu-data-error': (d) => (d?.severity === 'warning' ? [] : [`data: ${d?.message ?? d?.code}`]),
  'gpu-load-progress': (d) => (d?.phase === 'error' ? [`loading ${d.url} failed`] : []),
  'gpu-fallback': (d) => (d?.renderer === 'none' ? [`cannot draw: ${d.message ?? d.reason}`] : []),
};

/** Splits code into HTML (scripts removed) and the scripts' sources, in order. */
export function splitExample(code) {
  const template = document.createElement('template');
  template.innerHTML = code;
  const scripts = [...template.content.querySelectorAll('script')].map((script) => {
    script.remove();
    return script.textContent ?? '';
  });
  return { fragment: template.content, scripts };
}

/**
 * Replaces `root`'s content with the example and runs it. Resolves with
 * `{ errors, charts }`; `errors` grows afterwards too when a chart reports a problem later
 * (`onError` is told each time). Call the returned `dispose` before running again.
 */
export async function runExample(root, code, GpuCharts, onError) {
  const errors = [];
  const report = (message) => {
    errors.push(message);
    onError?.(message);
  };
  const listeners = Object.entries(ERROR_EVENTS).map(([type, messages]) => {
    const listener = (event) => messages(event.detail).forEach(report);
    root.addEventListener(type, listener);
    return [type, listener];
  });
  const dispose = () => {
    for (const [type, listener] of listeners) root.removeEventListener(type, listener);
    root.replaceChildren();
  };
  root.replaceChildren();
  let parts;
  try {
    parts = splitExample(code);
  } catch (error) {
    report(`HTML: ${error.message}`);
    return { errors, dispose, charts: [] };
  }
  root.append(parts.fragment);
  for (const [index, source] of parts.scripts.entries()) {
    const where = parts.scripts.length > 1 ? `script ${index + 1}` : 'script';
    let run;
    try {
      run = new AsyncFunction('root', 'GpuCharts', source);
    } catch (error) {
      report(`${where}: ${error.name}: ${error.message}`);
      break;
    }
    try {
      await run(root, GpuCharts);
    } catch (error) {
      report(`${where}: ${error?.name ?? 'Error'}: ${error?.message ?? error}`);
      break;
    }
  }
  return { errors, dispose, charts: [...root.querySelectorAll('gpu-chart')] };
}

/** Resolves once every chart has drawn a frame (or gave up): true when all drew. */
export async function chartsDrawn(charts, timeoutMs = 30_000) {
  const until = performance.now() + timeoutMs;
  for (;;) {
    const states = charts.map((chart) => chart.state);
    if (charts.every((chart) => chart.frameCount > 0)) return true;
    if (states.includes('failed') || states.includes('disposed') || performance.now() > until) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
