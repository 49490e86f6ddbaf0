// Events: the live stream of injections, filterable by service, rule, bucket and key.
import { get, stream } from '../api.js';
import { h, table, showError, when } from '../ui.js';

const KEEP = 500;

export function render(main, params, signal) {
  const fields = ['service', 'rule', 'bucket', 'key'].map(name =>
    h('label', {}, name, h('input', { id: `events-${name}`, name, value: params.get(name) || '', size: 14 })));
  const form = h('form', { id: 'events-form', class: 'inline' }, ...fields, h('button', { class: 'primary', type: 'submit' }, 'Filter'));
  const status = h('span', { id: 'events-status', class: 'muted' });
  const box = h('div', { id: 'events-list' });
  main.append(h('h1', {}, 'Events'), h('section', { class: 'card' }, form, h('p', {}, status)), box);

  let events = [];
  let streaming = null;
  const draw = () => box.replaceChildren(table('events-table', [
    ['Time', e => when(e.at)], ['Service', e => e.service], ['Point', e => e.point], ['Operation', e => e.operation ?? ''],
    ['Action', e => h('strong', {}, e.action)], ['Rule', e => e.rule_name || e.ruleName || e.rule_id || e.ruleId],
    ['Scenario', e => e.scenario ?? ''], ['Target', e => h('span', { class: 'mono' }, e.target ?? '')],
    ['Subject', e => subject(e.subject)],
  ], events.slice().reverse(), () => ({}), 'No injection recorded yet.'));

  async function start(ev) {
    ev?.preventDefault();
    if (streaming) streaming.abort();
    streaming = new AbortController();
    signal.addEventListener('abort', () => streaming.abort());
    const q = new URLSearchParams();
    for (const el of form.elements) if (el.name && el.value) q.set(el.name, el.value);
    try {
      events = (await get(`/api/v1/events?limit=100&${q}`)).events;
      draw();
    } catch (e) { showError(e); }
    status.textContent = 'Live: new injections appear as they are recorded.';
    stream(`/api/v1/events/stream?${q}`, (name, e) => {
      if (name !== 'fault') return;
      events.push(e);
      if (events.length > KEEP) events = events.slice(-KEEP);
      draw();
    }, streaming.signal);
  }
  form.addEventListener('submit', start);
  start();
}

function subject(s) {
  if (!s) return '';
  return [s.bucket, s.key].filter(Boolean).join('/') + (s.command_id || s.commandId ? ` (command ${s.command_id || s.commandId})` : '');
}
