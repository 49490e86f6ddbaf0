// Topic browser: any mocks3.* topic by partition and offset, or by key; records decoded by their schema.
import { call, get } from '../api.js';
import { h, table, flash, showError, pretty, when } from '../ui.js';

export function render(main, params, signal) {
  const topic = h('select', { id: 'browse-topic', name: 'topic' });
  const partition = h('input', { id: 'browse-partition', name: 'partition', type: 'number', min: 0, value: params.get('partition') || 0, size: 4 });
  const offset = h('input', { id: 'browse-offset', name: 'offset', type: 'number', min: 0, placeholder: 'newest', size: 8 });
  const key = h('input', { id: 'browse-key', name: 'key', placeholder: 'e.g. a bucket', value: params.get('key') || '' });
  const limit = h('input', { id: 'browse-limit', name: 'limit', type: 'number', min: 1, max: 500, value: 50, size: 4 });
  const problems = h('div', { id: 'browse-problems' });
  const out = h('div', { id: 'browse-records' });
  const offsets = h('div', { id: 'browse-offsets', class: 'muted' });
  const form = h('form', { id: 'browse-form', novalidate: true, class: 'inline' }, h('label', {}, 'Topic', topic), h('label', {}, 'Partition', partition),
    h('label', {}, 'From offset', offset), h('label', {}, 'or key', key), h('label', {}, 'Limit', limit),
    h('button', { id: 'browse-go', class: 'primary', type: 'submit' }, 'Show'));
  main.append(h('h1', {}, 'Topic browser'), h('section', { class: 'card' }, form, offsets, problems), out);

  let topics = [];
  const showOffsets = () => {
    const t = topics.find(x => x.topic === topic.value);
    offsets.textContent = t ? `${t.records} records; partitions: ` + t.partitions.map(p => `${p.partition}: ${p.start}–${p.end}`).join(', ') : '';
  };
  topic.addEventListener('change', showOffsets);
  form.addEventListener('submit', ev => { ev.preventDefault(); show(); });

  async function show() {
    problems.replaceChildren();
    const q = new URLSearchParams({ limit: limit.value || 50 });
    if (key.value) q.set('key', key.value);
    else {
      q.set('partition', partition.value || 0);
      if (offset.value !== '') q.set('offset', offset.value);
    }
    try {
      const r = await get(`/api/v1/topics/${encodeURIComponent(topic.value)}/records?${q}`);
      out.replaceChildren(h('p', { class: 'muted' }, r.schema ? `Values read as ${r.schema}.` : 'Values shown as text.'),
        table('records', [
          ['Position', x => `${x.partition}@${x.offset}`, 'mono'], ['Time', x => when(x.timestamp)], ['Key', x => x.key ?? ''],
          ['Headers', x => Object.keys(x.headers).length ? pretty(x.headers) : ''],
          ['Type', x => x.type ? h('strong', {}, x.type) : ''],
          ['Value', x => x.value != null ? pretty(x.value) : x.text != null ? asJson(x.text, x.decode_error) : h('span', { class: 'muted' }, x.decode_error || 'null (a tombstone)')],
          ['', x => h('button', { class: 'small redrive-record', title: 'Append this record to its topic again (e.g. a command a chaos topic lost)',
            onclick: () => redrive(r.topic, x) }, 'Re-drive')],
        ], r.records, x => ({ dataset: { partition: x.partition, offset: x.offset } }), 'No record there.'));
    } catch (e) { showError(e, problems); }
  }

  async function redrive(t, x) {
    if (!confirm(`Append ${t} ${x.partition}@${x.offset} to ${t} again?`)) return;
    try {
      await call('POST', '/api/v1/redrive', { topic: t, partition: x.partition, offset: x.offset });
      flash(`${t} ${x.partition}@${x.offset} appended again.`);
    } catch (e) { showError(e); }
  }

  get('/api/v1/topics').then(r => {
    topics = r.topics;
    topics.forEach(t => topic.append(h('option', { value: t.topic }, t.topic)));
    if (params.get('topic')) topic.value = params.get('topic');
    showOffsets();
    show();
  }, e => showError(e, problems));
}

function asJson(text, error) {
  let body;
  try { body = pretty(JSON.parse(text)); } catch (e) { body = pretty(text); }
  return error ? h('div', {}, h('div', { class: 'problems' }, error), body) : body;
}
