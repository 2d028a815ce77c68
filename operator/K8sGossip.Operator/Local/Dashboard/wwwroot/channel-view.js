// One card per channel: mode, orderer height, leaders per organization, current p50/p99 and the latency chart.

import { crownIcon, element, milliseconds, setData, setText } from './elements.js';
import { drawLatencyChart } from './latency-chart.js';

const channelCards = new Map();

/** Draws every channel's card and chart. */
export function renderChannels(status) {
  const container = document.querySelector('[data-testid="channels"]');
  const seen = new Set();
  for (const channel of status.channels ?? []) {
    seen.add(channel.name);
    const card = channelCard(container, channel);
    updateChannelCard(card, channel);
  }

  for (const [name, card] of channelCards) {
    if (!seen.has(name)) {
      card.root.remove();
      channelCards.delete(name);
    }
  }
}

function channelCard(container, channel) {
  let card = channelCards.get(channel.name);
  if (card) return card;
  const mode = element('span', { className: 'mode-badge', data: { testid: 'channel-mode' } });
  const height = element('dd', { data: { testid: 'channel-height' } });
  const p50 = element('dd', { data: { testid: 'channel-p50' } });
  const p99 = element('dd', { data: { testid: 'channel-p99' } });
  const leaders = element('ul', { className: 'channel-leaders', data: { testid: 'channel-leaders' } });
  const canvas = element('canvas', {
    className: 'latency-chart',
    data: { testid: 'latency-chart', channel: channel.name, points: 0 },
    attrs: { role: 'img', width: 600, height: 180 },
  });
  const stat = (label, value, className) => element('div', { className: `stat ${className ?? ''}`.trim() }, [element('dt', { text: label }), value]);
  const root = element('article', { className: 'channel', data: { testid: 'channel', channel: channel.name } }, [
    element('header', { className: 'channel-header' }, [element('h3', { text: channel.name }), mode]),
    element('dl', { className: 'channel-stats' }, [
      stat('Orderer height', height),
      stat('p50', p50, 'p50'),
      stat('p99', p99, 'p99'),
    ]),
    leaders,
    element('figure', { className: 'chart' }, [
      canvas,
      element('figcaption', { className: 'legend' }, [
        element('span', { className: 'legend-item p50', text: 'p50' }),
        element('span', { className: 'legend-item p99', text: 'p99' }),
      ]),
    ]),
  ]);
  container.append(root);
  card = { root, mode, height, p50, p99, leaders, canvas, history: [] };
  channelCards.set(channel.name, card);
  return card;
}

function updateChannelCard(card, channel) {
  setText(card.mode, channel.mode);
  setData(card.mode, 'mode', channel.mode);
  setText(card.height, channel.ordererHeight);
  setText(card.p50, milliseconds(channel.latencyP50Ms));
  setText(card.p99, milliseconds(channel.latencyP99Ms));

  const leaders = Object.entries(channel.leaders ?? {}).sort(([a], [b]) => a.localeCompare(b));
  const key = leaders.map(([org, peer]) => `${org}=${peer}`).join(' ');
  if (card.leaders.dataset.key !== key) {
    card.leaders.dataset.key = key;
    card.leaders.replaceChildren(...(leaders.length
      ? leaders.map(([org, peer]) => element('li', { className: 'channel-leader', data: { org, peer } }, [
        crownIcon(),
        element('span', { className: 'leader-peer', text: peer }),
        element('span', { className: 'leader-org', text: org }),
      ]))
      : [element('li', { className: 'no-leaders', text: channel.mode === 'gossip' ? 'No leader elected yet' : 'No leaders: every peer picks its own source' })]));
  }

  card.history = channel.latencyHistory ?? [];
  drawLatencyChart(card.canvas, card.history);
  card.canvas.setAttribute('aria-label',
    `Latency of ${channel.name} over time: p50 ${milliseconds(channel.latencyP50Ms)}, p99 ${milliseconds(channel.latencyP99Ms)}, ${card.history.length} points`);
}

/** Redraws every chart (after a resize or a colour scheme change). */
export function redrawCharts() {
  for (const card of channelCards.values()) drawLatencyChart(card.canvas, card.history);
}
