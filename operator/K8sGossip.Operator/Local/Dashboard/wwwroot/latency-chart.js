// A line chart of a channel's p50 and p99 dissemination latency over time, drawn on a canvas.
// Colours come from the page's CSS variables, so the chart follows the light or dark scheme.

import { clockTime, milliseconds } from './elements.js';

const MARGIN = { right: 12, top: 12, bottom: 24 };

function palette(canvas) {
  const style = getComputedStyle(canvas);
  const read = (name, fallback) => style.getPropertyValue(name).trim() || fallback;
  return {
    p50: read('--chart-p50', '#2563eb'),
    p99: read('--chart-p99', '#d97706'),
    grid: read('--chart-grid', 'rgba(128,128,128,0.25)'),
    text: read('--text-muted', '#6b7280'),
    font: `12px ${read('--font-sans', 'system-ui, sans-serif')}`,
  };
}

/** A round upper bound for the y axis: 1, 2 or 5 times a power of ten. */
function niceCeiling(value) {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

/** The history as numbers, oldest first, dropping points that are not finite. */
export function chartPoints(history) {
  return (history ?? [])
    .map((point) => ({ at: Date.parse(point.at), p50: point.p50Ms, p99: point.p99Ms }))
    .filter((point) => Number.isFinite(point.at) && Number.isFinite(point.p50) && Number.isFinite(point.p99))
    .sort((a, b) => a.at - b.at);
}

/** Draws <paramref>history</paramref> on <paramref>canvas</paramref>; sets data-points to how many points were drawn. */
export function drawLatencyChart(canvas, history) {
  const points = chartPoints(history);
  const colours = palette(canvas);
  const ratio = window.devicePixelRatio || 1;
  const width = Math.max(canvas.clientWidth, 200);
  const height = Math.max(canvas.clientHeight, 120);
  if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
  }

  const context = canvas.getContext('2d');
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  context.clearRect(0, 0, width, height);
  context.font = colours.font;
  context.textBaseline = 'middle';
  canvas.dataset.points = String(points.length);

  if (points.length === 0) {
    context.fillStyle = colours.text;
    context.textAlign = 'center';
    context.fillText('No blocks measured yet', width / 2, height / 2);
    return;
  }

  const top = niceCeiling(Math.max(...points.map((point) => Math.max(point.p50, point.p99))) * 1.1);
  // Five divisions for a top of 5·10^k and four otherwise, so every tick is a round number.
  const divisions = Math.round(top / 10 ** Math.floor(Math.log10(top))) === 5 ? 5 : 4;
  const ticks = Array.from({ length: divisions + 1 }, (_, step) => (top * step) / divisions)
    .map((value) => ({ value, label: value === 0 ? '0' : milliseconds(value).replace('.0 ms', ' ms') }));
  // The plot starts right of the widest axis label, so labels in seconds or milliseconds are never cut off.
  const left = Math.ceil(Math.max(...ticks.map((tick) => context.measureText(tick.label).width))) + 12;
  const plotWidth = width - left - MARGIN.right;
  const plotHeight = height - MARGIN.top - MARGIN.bottom;
  const first = points[0].at;
  const last = points.length > 1 ? points[points.length - 1].at : first + 1000;
  const x = (at) => left + ((at - first) / (last - first)) * plotWidth;
  const y = (ms) => MARGIN.top + plotHeight - (ms / top) * plotHeight;

  context.strokeStyle = colours.grid;
  context.lineWidth = 1;
  context.fillStyle = colours.text;
  context.textAlign = 'right';
  for (const tick of ticks) {
    const lineY = Math.round(y(tick.value)) + 0.5;
    context.beginPath();
    context.moveTo(left, lineY);
    context.lineTo(width - MARGIN.right, lineY);
    context.stroke();
    context.fillText(tick.label, left - 6, lineY);
  }

  context.textBaseline = 'alphabetic';
  context.textAlign = 'left';
  context.fillText(clockTime(first), left, height - 6);
  context.textAlign = 'right';
  context.fillText(clockTime(last), width - MARGIN.right, height - 6);

  drawSeries(context, points, (point) => point.p99, x, y, colours.p99, [5, 3]);
  drawSeries(context, points, (point) => point.p50, x, y, colours.p50, []);
}

function drawSeries(context, points, value, x, y, colour, dash) {
  context.strokeStyle = colour;
  context.fillStyle = colour;
  context.lineWidth = 2;
  context.lineJoin = 'round';
  context.setLineDash(dash);
  context.beginPath();
  points.forEach((point, index) => {
    if (index === 0) context.moveTo(x(point.at), y(value(point)));
    else context.lineTo(x(point.at), y(value(point)));
  });
  context.stroke();
  context.setLineDash([]);
  if (points.length <= 60) {
    for (const point of points) {
      context.beginPath();
      context.arc(x(point.at), y(value(point)), 2.5, 0, Math.PI * 2);
      context.fill();
    }
  }
}
