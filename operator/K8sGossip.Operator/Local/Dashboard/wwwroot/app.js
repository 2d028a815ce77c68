// The dashboard's entry point: follows the network live over Server-Sent Events and falls back to polling
// /api/status when the stream is unavailable, then renders each snapshot.

import { clockTime, setData, setText } from './elements.js';
import { redrawCharts, renderChannels } from './channel-view.js';
import { renderEvents } from './events-view.js';
import { renderOrganizations, renderSummary } from './network-view.js';

const POLL_INTERVAL_MS = 1000;
const STREAM_RETRY_MS = 10000;

let latest = null;
let stream = null;
let pollTimer = null;
let streamRetryTimer = null;

function setConnection(state, label) {
  const node = document.querySelector('[data-testid="connection"]');
  setData(node, 'connection', state);
  setText(node, label);
}

function render(status) {
  latest = status;
  renderSummary(status);
  renderOrganizations(status);
  renderChannels(status);
  renderEvents(status);
  const updated = document.querySelector('[data-testid="updated-at"]');
  setText(updated, clockTime(status.at));
  updated.setAttribute('datetime', status.at);
  document.body.dataset.loaded = 'true';
}

function accept(text) {
  let status;
  try {
    status = JSON.parse(text);
  } catch (problem) {
    console.warn('The dashboard received a status it cannot read:', problem);
    return false;
  }

  render(status);
  return true;
}

function startPolling() {
  if (pollTimer !== null) return;
  const poll = async () => {
    try {
      const response = await fetch('/api/status', { cache: 'no-store' });
      if (response.ok) {
        if (accept(await response.text()) && stream === null) setConnection('polling', 'polling');
      } else {
        setConnection('unavailable', 'status unavailable');
      }
    } catch {
      setConnection('offline', 'offline');
    }
  };
  poll();
  pollTimer = setInterval(poll, POLL_INTERVAL_MS);
}

function stopPolling() {
  if (pollTimer === null) return;
  clearInterval(pollTimer);
  pollTimer = null;
}

function connectStream() {
  streamRetryTimer = null;
  if (!('EventSource' in window)) {
    startPolling();
    return;
  }

  const source = new EventSource('/api/events');
  stream = source;
  source.addEventListener('status', (message) => {
    if (accept(message.data)) {
      setConnection('live', 'live');
      stopPolling();
    }
  });
  source.addEventListener('unavailable', () => setConnection('unavailable', 'status unavailable'));
  source.addEventListener('error', () => {
    // EventSource retries by itself after a dropped connection; a refused or failed stream is closed for good,
    // so the page polls meanwhile and tries the stream again later.
    if (source.readyState === EventSource.CLOSED || latest === null) {
      source.close();
      stream = null;
      setConnection('polling', 'polling');
      startPolling();
      if (streamRetryTimer === null) streamRetryTimer = setTimeout(connectStream, STREAM_RETRY_MS);
    } else {
      setConnection('reconnecting', 'reconnecting');
    }
  });
}

async function loadNetworkInfo() {
  try {
    const response = await fetch('/api/network', { cache: 'no-store' });
    if (!response.ok) return;
    const info = await response.json();
    if (info.name) {
      setText(document.querySelector('[data-testid="network-name"]'), info.name);
      document.title = `${info.name} · K8sGossip`;
    }
    if (info.stateDirectory) setText(document.querySelector('[data-testid="state-dir"]'), info.stateDirectory);
  } catch {
    // The header simply stays without a name.
  }
}

function redraw() {
  if (latest !== null) redrawCharts();
}

window.addEventListener('resize', redraw);
window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', redraw);

loadNetworkInfo();
connectStream();
