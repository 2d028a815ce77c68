// The recent events (joins, deaths, restarts, leader changes), newest first.

import { clockTime, element } from './elements.js';

const MAX_SHOWN = 50;
let shownKey = '';

/** Lists status.events (oldest first in the status) newest first. */
export function renderEvents(status) {
  const events = (status.events ?? []).slice(-MAX_SHOWN).reverse();
  const key = events.map((event) => `${event.at}|${event.kind}|${event.subject}`).join('\n');
  if (key === shownKey) return;
  shownKey = key;
  const list = document.querySelector('[data-testid="events"]');
  list.replaceChildren(...events.map((event) => element('li', {
    className: 'event',
    data: { testid: 'event', kind: event.kind, subject: event.subject },
  }, [
    element('time', { className: 'event-time', text: clockTime(event.at), attrs: { datetime: event.at } }),
    element('span', { className: 'event-kind', text: event.kind }),
    element('span', { className: 'event-message', text: event.message }),
  ])));
  document.querySelector('[data-testid="events-empty"]').hidden = events.length > 0;
}
