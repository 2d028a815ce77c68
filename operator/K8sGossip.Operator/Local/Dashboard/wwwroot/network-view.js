// The header figures and the organizations with their peer cards. Cards are kept per peer and updated in place,
// so the page does not flicker and a keyboard user's focus survives each update.

import { crownIcon, element, megabytes, setData, setText } from './elements.js';

const organizationBoxes = new Map();
const peerCards = new Map();

/** Updates the header's orderer height, orderer state, peers alive and time of the snapshot. */
export function renderSummary(status) {
  setText(document.querySelector('[data-testid="orderer-height"]'), status.ordererHeight ?? '–');
  const orderer = document.querySelector('[data-testid="orderer-state"]');
  setText(orderer, status.ordererState ?? 'unknown');
  setData(orderer, 'state', status.ordererState ?? 'unknown');
  const peers = (status.organizations ?? []).flatMap((org) => org.peers ?? []);
  const alive = peers.filter((peer) => peer.state === 'alive').length;
  setText(document.querySelector('[data-testid="peers-alive"]'), `${alive} / ${peers.length}`);
}

/** Draws every organization as a box of peer cards. */
export function renderOrganizations(status) {
  const container = document.querySelector('[data-testid="organizations"]');
  const seenOrganizations = new Set();
  const seenPeers = new Set();
  for (const organization of status.organizations ?? []) {
    seenOrganizations.add(organization.name);
    const box = organizationBox(container, organization);
    const peers = organization.peers ?? [];
    const alive = peers.filter((peer) => peer.state === 'alive').length;
    setText(box.count, `${alive} of ${peers.length} alive`);
    setData(box.root, 'healthy', alive === peers.length);
    peers.forEach((peer, index) => {
      seenPeers.add(peer.name);
      const card = peerCard(box.peers, peer);
      updatePeerCard(card, peer);
      if (box.peers.children[index] !== card.root) box.peers.insertBefore(card.root, box.peers.children[index] ?? null);
    });
  }

  removeMissing(organizationBoxes, seenOrganizations);
  removeMissing(peerCards, seenPeers);
}

function organizationBox(container, organization) {
  let box = organizationBoxes.get(organization.name);
  if (box) return box;
  const count = element('span', { className: 'org-count' });
  const peers = element('div', { className: 'peers' });
  const heading = element('h3', { text: organization.name, attrs: { id: `org-${organization.name}` } });
  const root = element('section', {
    className: 'organization',
    data: { testid: 'organization', org: organization.name },
    attrs: { 'aria-labelledby': `org-${organization.name}` },
  }, [
    element('header', { className: 'organization-header' }, [
      heading,
      element('span', { className: 'msp-id', text: organization.mspId }),
      count,
    ]),
    peers,
  ]);
  container.append(root);
  box = { root, count, peers };
  organizationBoxes.set(organization.name, box);
  return box;
}

function peerCard(container, peer) {
  let card = peerCards.get(peer.name);
  if (card) return card;
  const figure = (label, testid) => {
    const value = element('dd', { data: { testid } });
    return { value, row: element('div', { className: 'peer-stat' }, [element('dt', { text: label }), value]) };
  };
  const height = figure('Height', 'peer-height');
  const lag = figure('Lag', 'peer-lag');
  const restarts = figure('Restarts', 'peer-restarts');
  const memory = element('span', { className: 'peer-memory', data: { testid: 'peer-memory' }, attrs: { title: 'Resident memory of the peer process' } });
  const state = element('span', { className: 'state-pill', data: { testid: 'peer-state' } });
  const leaders = element('ul', { className: 'leader-badges', data: { testid: 'leader-badges' }, attrs: { 'aria-label': 'Leads' } });
  const channels = element('span', { className: 'peer-channels', data: { testid: 'peer-channels' }, attrs: { title: 'Height per channel' } });
  const root = element('article', {
    className: 'peer',
    data: { testid: 'peer-card', peer: peer.name },
    attrs: { tabindex: '0' },
  }, [
    element('h4', { className: 'peer-name', text: peer.name }),
    element('div', { className: 'peer-tags' }, [state, leaders]),
    element('dl', { className: 'peer-stats' }, [height.row, lag.row, restarts.row]),
    element('p', { className: 'peer-footer' }, [channels, memory]),
  ]);
  container.append(root);
  card = { root, state, leaders, channels, memory, height: height.value, lag: lag.value, restarts: restarts.value };
  peerCards.set(peer.name, card);
  return card;
}

function updatePeerCard(card, peer) {
  const leaderOf = [...(peer.leaderOf ?? [])].sort();
  setData(card.root, 'state', peer.state);
  setData(card.root, 'leaderOf', leaderOf.join(' '));
  setText(card.state, peer.state);
  setText(card.height, peer.height);
  setText(card.lag, peer.lag);
  setData(card.lag, 'lagging', peer.lag > 0);
  setText(card.restarts, peer.restarts);
  setData(card.restarts, 'restarted', peer.restarts > 0);
  setText(card.memory, megabytes(peer.memoryMb));

  const channelHeights = Object.entries(peer.channels ?? {}).sort(([a], [b]) => a.localeCompare(b));
  setText(card.channels, channelHeights.map(([name, height]) => `${name} ${height}`).join(' · '));

  const leaderKey = leaderOf.join(' ');
  if (card.leaders.dataset.channels !== leaderKey) {
    card.leaders.dataset.channels = leaderKey;
    card.leaders.replaceChildren(...leaderOf.map((channel) => element('li', {
      className: 'leader-badge',
      data: { testid: 'leader-badge', channel },
      attrs: { title: `Leads its organization in ${channel}` },
    }, [crownIcon(), element('span', { text: channel })])));
  }

  const leads = leaderOf.length ? `, leader of ${leaderOf.join(' and ')}` : '';
  card.root.setAttribute('aria-label', `${peer.name}: ${peer.state}, height ${peer.height}, lag ${peer.lag}${leads}, ${peer.restarts} restarts`);
}

function removeMissing(map, seen) {
  for (const [name, item] of map) {
    if (!seen.has(name)) {
      item.root.remove();
      map.delete(name);
    }
  }
}
