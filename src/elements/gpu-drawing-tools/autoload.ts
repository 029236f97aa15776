// The toolbar's code is a lazy chunk: fetched when a <gpu-drawing-tools> element appears in the
// document (or when asked for), not by every page that shows charts.

let loading: Promise<void> | null = null;

/** Loads and defines `<gpu-drawing-tools>` (once; a failed load may be tried again). */
export function loadDrawingTools(): Promise<void> {
  loading ??= import('./gpu-drawing-tools.js').then(
    (module) => module.GpuDrawingTools.define(),
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}

const TAG = 'gpu-drawing-tools';

/**
 * Defines `<gpu-drawing-tools>` as soon as one is in the document: at once if there is one, else
 * at the first one added (a MutationObserver, disconnected then). Elements inside other
 * components' shadow roots are not seen: call loadDrawingTools() for those. Does nothing outside
 * a browser (server-side rendering imports the library too).
 */
export function autoloadDrawingTools(): void {
  if (typeof document === 'undefined' || typeof MutationObserver === 'undefined' || typeof customElements === 'undefined') return;
  if (customElements.get(TAG)) return;
  const load = (): void => {
    loadDrawingTools().catch((error: unknown) => console.error(`gpu-charts: <${TAG}> could not be loaded`, error));
  };
  if (document.querySelector(TAG)) {
    load();
    return;
  }
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node.nodeType !== 1) continue;
        const element = node as Element;
        if (element.localName === TAG || element.querySelector(TAG)) {
          observer.disconnect();
          load();
          return;
        }
      }
    }
  });
  observer.observe(document, { childList: true, subtree: true });
}
