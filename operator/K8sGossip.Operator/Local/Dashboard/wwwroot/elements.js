// Small DOM and formatting functions shared by the views. No innerHTML anywhere: every text goes through textContent.

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Creates an element with a class, text, data-* and other attributes. */
export function element(tag, { className, text, data, attrs } = {}, children = []) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (data) for (const [key, value] of Object.entries(data)) node.dataset[key] = String(value);
  if (attrs) for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
  for (const child of children) if (child) node.append(child);
  return node;
}

/** Sets textContent only when it changed, so unchanged parts of the page are left alone. */
export function setText(node, text) {
  const value = String(text);
  if (node.textContent !== value) node.textContent = value;
}

/** Sets a data-* attribute only when it changed. */
export function setData(node, key, value) {
  const text = String(value);
  if (node.dataset[key] !== text) node.dataset[key] = text;
}

/** A small crown icon, drawn as SVG so it does not depend on the fonts installed. */
export function crownIcon() {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', 'crown');
  const path = document.createElementNS(SVG_NS, 'path');
  path.setAttribute('d', 'M3 8l4.5 4L12 5l4.5 7L21 8l-2 11H5z');
  svg.append(path);
  return svg;
}

const pad = (value) => String(value).padStart(2, '0');

/** hh:mm:ss of an ISO timestamp, in the viewer's time zone. */
export function clockTime(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '–';
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** A latency given in milliseconds: one decimal below 10 ms, whole milliseconds below a second, seconds above. */
export function milliseconds(value) {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  if (value < 10) return `${value.toFixed(1)} ms`;
  if (value < 1000) return `${Math.round(value)} ms`;
  return `${Number((value / 1000).toPrecision(3))} s`;
}

/** A resident memory size in MiB; empty while the process does not run. */
export function megabytes(value) {
  if (value === null || value === undefined || !Number.isFinite(value)) return '';
  return `${Math.round(value)} MiB`;
}
