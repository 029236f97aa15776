// The tile-server section: <gpu-chart tiles="…/v1/series/BTC-USD"> fed by `npm run serve`. When
// the server does not answer, the section says how to start it.
const chart = document.getElementById('tiles-chart');
const input = document.getElementById('tiles-url');
const status = document.getElementById('tiles-status');

function showHowToStart(why) {
  status.textContent = `No tile server at ${input.value} (${why}). Start one with: npm run serve   (first run generates a 100M-row sample; try --rows 1000000 for a quick one)`;
}

async function connect() {
  const url = input.value.trim();
  status.textContent = 'connecting…';
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(3000) });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const info = await response.json();
    status.textContent = `${info.name}: ${info.rows.toLocaleString()} rows, ${new Date(info.from).toISOString().slice(0, 10)} → ${new Date(info.to).toISOString().slice(0, 16)}${info.live ? ' (live)' : ''}`;
    chart.setAttribute('tiles', url);
  } catch (error) {
    chart.removeAttribute('tiles');
    showHowToStart(error instanceof Error ? error.message : String(error));
  }
}

chart.addEventListener('gpu-tiles', (event) => {
  const d = event.detail;
  if (d.state === 'error') status.textContent = `error: ${d.message} (the last picture stays; retrying)`;
  else status.textContent = `${d.state} · level 2^${d.level} ms columns · ${d.held}/${d.tiles} tiles · ${d.requests} requests · ${(d.bytes / 1024).toFixed(0)} kB received · ${d.hits} cache hits`;
});
document.getElementById('tiles-connect').addEventListener('click', connect);
void connect();
