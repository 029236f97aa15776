// Writes the Markdown beside a gpu-bench JSON report:
//   node bench/gpu/report.mjs bench/results/gpu-h100.json [--command "what was run"] [--note "…"]…
// --command replaces the recorded command (say, the device tool's full command line); each --note
// adds a line under "Notes".
import { readFileSync, writeFileSync } from 'node:fs';
import { markdown } from './format.mjs';

const argv = process.argv.slice(2);
const file = argv.find((a, i) => !a.startsWith('--') && (i === 0 || !argv[i - 1].startsWith('--')));
if (!file) {
  console.error('usage: node bench/gpu/report.mjs <report.json> [--title T] [--command C] [--note N]…');
  process.exit(2);
}
const report = JSON.parse(readFileSync(file, 'utf8'));
let title;
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--command') report.command = argv[++i];
  else if (argv[i] === '--note') (report.notes ??= []).push(argv[++i]);
  else if (argv[i] === '--title') title = argv[++i];
}
const out = file.replace(/\.json$/, '') + '.md';
writeFileSync(out, markdown(report, { title }));
console.log(`wrote ${out}`);
