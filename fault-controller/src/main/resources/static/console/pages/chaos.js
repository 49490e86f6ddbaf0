// Chaos topics: per topic (and consumer) the rates, key filter and seed; apply, remove, poison.
import { call, get } from '../api.js';
import { h, table, flash, showError, formJson, pretty, curl, every, when } from '../ui.js';

const RATES = [['loss_rate', 'Loss'], ['duplicate_rate', 'Duplicate'], ['dead_letter_rate', 'Dead-letter'],
  ['reorder_rate', 'Reorder'], ['delay_rate', 'Delay rate']];

export function render(main, params, signal) {
  const topic = h('select', { id: 'chaos-topic', name: 'topic' });
  const field = (name, label, attrs = {}) => h('label', {}, label, h('input', { id: `chaos-${name.replace(/_/g, '-')}`, name, ...attrs }));
  const rate = name => ({ type: 'number', min: 0, max: 1, step: 'any', placeholder: '0–1' });
  const problems = h('div', { id: 'chaos-problems' });
  const preview = h('div', { id: 'chaos-preview' });
  const form = h('form', { id: 'chaos-form', novalidate: true, class: 'inline' },
    h('label', {}, 'Topic', topic),
    field('consumer', 'Consumer', { placeholder: 'all, or e.g. metadata-projector' }),
    ...RATES.map(([name, label]) => field(name, label, rate(name))),
    field('reorder_window', 'Reorder window', { type: 'number', min: 1, placeholder: '1' }),
    field('delay', 'Delay', { placeholder: 'e.g. 500ms' }),
    field('key_filter', 'Key filter', { placeholder: 'bucket' }),
    field('seed', 'Seed', { type: 'number' }),
    field('ttl', 'Ends after', { placeholder: 'e.g. 5m' }),
    h('button', { id: 'chaos-apply', class: 'primary', type: 'submit' }, 'Apply'),
    h('button', { id: 'chaos-poison', type: 'button', title: 'Append an undeserializable record that consumers must dead-letter' }, 'Poison'));
  const list = h('div', { id: 'chaos-list' });
  main.append(h('h1', {}, 'Chaos topics'),
    h('section', { class: 'card' }, h('h2', {}, 'Apply chaos to a topic\'s consumers'), form, problems, preview),
    h('h2', {}, 'In force'), list);

  const body = () => { const b = formJson(form); delete b.topic; return b; };
  const showPreview = () => preview.replaceChildren(
    h('div', { class: 'grid2' }, h('div', {}, h('h2', {}, 'JSON'), pretty(body())),
      h('div', {}, h('h2', {}, 'curl'), pretty(curl('PUT', `/api/v1/chaos/topics/${topic.value}`, body())))));
  form.addEventListener('input', showPreview);
  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    form.querySelectorAll('.field-error').forEach(e => e.classList.remove('field-error'));
    problems.replaceChildren();
    try {
      await call('PUT', `/api/v1/chaos/topics/${encodeURIComponent(topic.value)}`, body());
      flash(`Chaos applied to ${topic.value}.`);
      await refresh();
    } catch (e) { showError(e, problems); }
  });
  document.getElementById('chaos-poison')?.addEventListener('click', async () => {
    const key = form.elements.key_filter.value || undefined;
    try {
      const r = await call('POST', `/api/v1/chaos/topics/${encodeURIComponent(topic.value)}/poison`, { count: 1, key });
      flash(`${r.poisoned} poison record(s) appended to ${topic.value}; they should reach ${r.dead_letter_topic}.`);
    } catch (e) { showError(e, problems); }
  });

  async function refresh() {
    const { topics, supported } = await get('/api/v1/chaos/topics');
    if (!topic.options.length) {
      supported.slice().sort().forEach(t => topic.append(h('option', { value: t }, t)));
      showPreview();
    }
    list.replaceChildren(table('chaos-table', [
      ['Topic', c => c.topic], ['Consumer', c => c.consumer || 'all'],
      ...RATES.map(([name, label]) => [label, c => c[name] ?? '', 'num']),
      ['Delay', c => c.delay ?? ''], ['Key filter', c => c.key_filter ?? ''], ['Seed', c => c.seed ?? ''],
      ['Ends', c => when(c.expiresAt || c.expires_at) || 'never'],
      ['', c => h('button', { class: 'small chaos-remove', onclick: () => remove(c.topic) }, 'Remove')],
    ], topics, c => ({ dataset: { topic: c.topic } }), 'No chaos in force.'));
  }

  async function remove(t) {
    try {
      await call('DELETE', `/api/v1/chaos/topics/${encodeURIComponent(t)}`);
      flash(`Chaos on ${t} removed.`);
      await refresh();
    } catch (e) { showError(e); }
  }
  every(3000, signal, refresh);
}
