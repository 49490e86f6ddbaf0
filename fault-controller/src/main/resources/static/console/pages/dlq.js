// Dead letters: per DLQ the waiting records with their headers and decoded payload; re-drive one or
// all, discard one, purge.
import { call, get } from '../api.js';
import { h, table, flash, showError, pretty, every, when } from '../ui.js';

const HEADERS = [['x-mocks3-dlq-reason', 'Reason'], ['x-mocks3-dlq-original-topic', 'Original topic'],
  ['x-mocks3-dlq-original-partition', 'Partition'], ['x-mocks3-dlq-original-offset', 'Offset'],
  ['x-mocks3-dlq-consumer', 'Consumer'], ['x-mocks3-fault-rule', 'Fault rule']];

export function render(main, params, signal) {
  let selected = params.get('topic');
  const topics = h('div', { id: 'dlq-topics' });
  const records = h('div', { id: 'dlq-records-box' });
  main.append(h('h1', {}, 'Dead letters'), topics, records);

  const go = async (label, method, path) => {
    try {
      const r = await call(method, path);
      const counts = ['redriven', 'discarded_poison', 'discarded', 'purged'].filter(k => typeof r[k] === 'number');
      flash(`${label}: ` + counts.map(k => `${r[k]} ${k.replace(/_/g, ' ')}`).join(', '));
      await refresh();
    } catch (e) { showError(e); }
  };

  async function refresh() {
    const list = (await get('/api/v1/dlq')).topics;
    if (!selected) selected = (list.find(t => t.waiting > 0) || list[0] || {}).topic;
    topics.replaceChildren(table('dlq-topic-table', [
      ['Dead-letter topic', t => h('a', { href: `#/dlq?topic=${encodeURIComponent(t.topic)}`, class: 'dlq-open' }, t.topic)],
      ['Waiting', t => t.waiting, 'num'], ['In the topic', t => t.total, 'num'],
    ], list, t => ({ dataset: { topic: t.topic }, class: t.topic === selected ? 'selected' : null })));
    if (!selected) return;
    const t = encodeURIComponent(selected);
    const { records: waiting } = await get(`/api/v1/dlq/${t}?limit=500`);
    records.replaceChildren(
      h('div', { class: 'toolbar' }, h('h2', {}, selected),
        h('button', { id: 'dlq-redrive-all', class: 'primary', onclick: () => go('Re-driven', 'POST', `/api/v1/dlq/${t}/redrive`) }, 'Re-drive all'),
        h('button', { id: 'dlq-purge', onclick: () => confirm(`Purge every waiting record of ${selected}?`) && go('Purged', 'DELETE', `/api/v1/dlq/${t}`) }, 'Purge')),
      table('dlq-records', [
        ['Position', r => `${r.partition}@${r.offset}`, 'mono'], ['Key', r => r.key ?? ''],
        ['First failure', r => when(r.dead_lettered_at)],
        ['Headers', r => h('div', { class: 'kv' }, HEADERS.filter(([k]) => r.headers[k] !== undefined)
          .flatMap(([k, label]) => [h('div', {}, label), h('div', {}, r.headers[k])]),
          r.headers['kafka_exception-message'] ? [h('div', {}, 'Exception'), h('div', {}, r.headers['kafka_exception-message'])] : [])],
        ['Payload', r => payload(r.value)],
        ['', r => h('div', { class: 'row-actions' },
          h('button', { class: 'small redrive-one', onclick: () => go('Re-driven', 'POST', `/api/v1/dlq/${t}/redrive?partition=${r.partition}&offset=${r.offset}`) }, 'Re-drive'),
          h('button', { class: 'small discard-one', onclick: () => go('Discarded', 'DELETE', `/api/v1/dlq/${t}/records/${r.partition}/${r.offset}`) }, 'Discard'))],
      ], waiting, r => ({ dataset: { key: r.key ?? '', partition: r.partition, offset: r.offset } }), 'Nothing waits here.'));
  }
  every(3000, signal, refresh);
}

/** The payload as JSON (the topic's records are JSON of their schema); poison shown as it is. */
function payload(value) {
  if (value == null) return '';
  try { return pretty(JSON.parse(value)); } catch (e) { return h('span', { class: 'muted' }, `not JSON: ${value.slice(0, 200)}`); }
}
