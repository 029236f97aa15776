// The panel's data source: the inspected page's registry, read through
// chrome.devtools.inspectedWindow.eval (the only way a DevTools panel sees the page's globals).
import { revealExpression, snapshotExpression, updateConfigExpression } from './panel-logic.js';

/** `evaluate(expression, callback(result, exceptionInfo))`, chrome.devtools.inspectedWindow.eval's shape. */
export function inspectedWindowSource(evaluate = (expression, callback) => chrome.devtools.inspectedWindow.eval(expression, callback)) {
  const run = (expression) =>
    new Promise((resolve, reject) => {
      evaluate(expression, (result, exception) => {
        if (exception && (exception.isException || exception.isError)) {
          reject(new Error(exception.value ?? exception.description ?? exception.code ?? 'evaluation failed'));
        } else resolve(result);
      });
    });
  return {
    snapshot: (detail) => run(snapshotExpression(detail)),
    updateConfig: (id, patch) => run(updateConfigExpression(id, patch)),
    reveal: (id) => run(revealExpression(id)),
  };
}
