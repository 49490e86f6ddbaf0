// Overview: services, the faults in force, topics and consumer groups, live by server-sent events.
import { stream } from '../api.js';
import { h, table, badge } from '../ui.js';

export function render(main, params, signal) {
  const body = h('div', { id: 'overview' }, h('p', { class: 'muted' }, 'Connecting…'));
  main.append(h('h1', {}, 'Overview'), body);
  stream('/api/v1/overview/stream', (name, o) => { if (name === 'overview') show(body, o); }, signal);
}

function show(body, o) {
  const behind = s => s.agent_position === undefined ? '' : Math.max(0, o.controller_position - s.agent_position);
  body.replaceChildren(
    h('section', { class: 'card' }, h('div', { class: 'kv', id: 'fault-summary' },
      h('div', {}, 'Kill switch'), h('div', {}, badge(o.kill_switch ? 'engaged' : 'released')),
      h('div', {}, 'Rules'), h('div', { id: 'overview-rules' }, o.rules),
      h('div', {}, 'Chaos topics'), h('div', { id: 'overview-chaos' }, o.chaos_topics),
      h('div', {}, 'Scenarios running'), h('div', {}, o.active_scenarios.join(', ') || 'none'),
      h('div', {}, 'Process orders'), h('div', {}, o.process_orders.join(', ') || 'none'),
      h('div', {}, 'Rules position (mocks3.faults)'), h('div', {}, o.controller_position))),
    h('h2', {}, 'Services'),
    table('services', [
      ['Service', s => s.name], ['Health', s => badge(s.status)], ['URL', s => h('span', { class: 'mono' }, s.url)],
      ['Agent position', s => s.agent_position ?? '', 'num'], ['Behind the controller', behind, 'num'],
      ['Rules seen', s => s.agent_rules ?? '', 'num'], ['Kill switch seen', s => s.agent_kill_switch === undefined ? '' : (s.agent_kill_switch ? 'engaged' : 'no')],
    ], o.services, s => ({ dataset: { service: s.name } })),
    h('div', { class: 'grid2' },
      h('div', {}, h('h2', {}, 'Topics'), table('topics', [
        ['Topic', t => h('a', { href: `#/topics?topic=${encodeURIComponent(t.topic)}` }, t.topic)],
        ['End offsets by partition', t => t.partitions.map(p => p.end).join(' · '), 'mono'],
        ['Records', t => t.records, 'num'],
      ], o.topics.filter(t => !/\.retry-\d+$/.test(t.topic)), t => ({ dataset: { topic: t.topic } }))),
      h('div', {}, h('h2', {}, 'Consumer groups'), table('groups', [
        ['Group', g => g.group], ['Lag', g => h('span', { class: g.lag > 100 ? 'lag-high' : '' }, g.lag), 'num'],
        ['By topic', g => Object.entries(g.topics).filter(([, lag]) => lag > 0).map(([t, lag]) => `${t}: ${lag}`).join(', ') || 'caught up'],
      ], o.consumer_groups, g => ({ dataset: { group: g.group } })))));
}
