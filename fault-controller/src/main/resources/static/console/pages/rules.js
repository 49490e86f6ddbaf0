// Rules: the list with live hit counts; create, edit and delete with a form, the equivalent JSON and curl beside it.
import { call, get } from '../api.js';
import { h, table, badge, flash, showError, pretty, curl, every } from '../ui.js';

const EXAMPLE_CONDITIONS = '[{"type": "operation", "value": "PutObject"}, {"type": "bucket", "value": "my-bucket"}, {"type": "probability", "value": 0.5}]';
const EXAMPLE_ACTION = '{"type": "http_error", "http_code": 503, "message": "Slow down"}';

export function render(main, params, signal) {
  let editing = null;
  const input = (name, attrs = {}) => h('input', { id: `rule-${name}`, name, ...attrs });
  const form = h('form', { id: 'rule-form', novalidate: true, class: 'stack' },
    h('label', {}, 'Name'), input('name', { placeholder: 'slow PUTs' }),
    h('label', {}, 'Service'), input('service', { placeholder: 'gateway, storage-service, metadata-service...' }),
    h('div', { class: 'grid3' },
      h('div', {}, h('label', {}, 'Priority'), input('priority', { type: 'number' })),
      h('div', {}, h('label', {}, 'Ends after (ttl)'), input('ttl', { placeholder: '5m' })),
      h('div', {}, h('label', {}, 'Enabled'), h('select', { id: 'rule-enabled', name: 'enabled' },
        h('option', { value: 'true' }, 'yes'), h('option', { value: 'false' }, 'no')))),
    h('label', {}, 'Conditions (JSON list)'), h('textarea', { id: 'rule-conditions', name: 'conditions', rows: 4 }, EXAMPLE_CONDITIONS),
    h('label', {}, 'Action (JSON)'), h('textarea', { id: 'rule-action', name: 'action', rows: 3 }, EXAMPLE_ACTION),
    h('div', { class: 'toolbar' }, h('button', { id: 'rule-save', class: 'primary', type: 'submit' }, 'Create rule'),
      h('button', { id: 'rule-new', type: 'button', onclick: () => edit(null) }, 'New')));
  const problems = h('div', { id: 'rule-problems' });
  const preview = h('div', { id: 'rule-preview' });
  const list = h('div', { id: 'rules-list' });
  main.append(h('h1', {}, 'Rules'), h('div', { class: 'grid2' },
    h('section', { class: 'card' }, h('h2', { id: 'rule-form-title' }, 'New rule'), form, problems),
    h('section', { class: 'card' }, h('h2', {}, 'Equivalent request'), preview)), h('h2', {}, 'Rules in force'), list);

  function body() {
    const b = {};
    for (const el of form.elements) {
      if (!el.name || el.value === '') continue;
      if (el.name === 'conditions' || el.name === 'action') {
        try { b[el.name] = JSON.parse(el.value); } catch (e) { b[el.name] = `(not JSON: ${e.message})`; }
      } else if (el.name === 'priority') b.priority = Number(el.value);
      else if (el.name === 'enabled') b.enabled = el.value === 'true';
      else b[el.name] = el.value;
    }
    return b;
  }
  const path = () => editing ? `/api/v1/rules/${encodeURIComponent(editing)}` : '/api/v1/rules';
  const showPreview = () => preview.replaceChildren(h('h2', {}, 'JSON'), pretty(body()), h('h2', {}, 'curl'),
    pretty(curl(editing ? 'PUT' : 'POST', path(), body())));
  form.addEventListener('input', showPreview);
  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    form.querySelectorAll('.field-error').forEach(e => e.classList.remove('field-error'));
    problems.replaceChildren();
    try {
      const saved = await call(editing ? 'PUT' : 'POST', path(), body());
      flash(`Rule ${saved.name || saved.id} saved.`);
      edit(null);
      await refresh();
    } catch (e) { showError(e, problems); }
  });

  function edit(rule) {
    editing = rule ? rule.id : null;
    document.getElementById('rule-form-title').textContent = rule ? `Edit rule ${rule.name || rule.id}` : 'New rule';
    document.getElementById('rule-save').textContent = rule ? 'Save changes' : 'Create rule';
    for (const el of form.elements) {
      if (!el.name) continue;
      const v = rule ? rule[el.name] : undefined;
      el.value = el.name === 'conditions' ? JSON.stringify(v ?? JSON.parse(EXAMPLE_CONDITIONS))
        : el.name === 'action' ? JSON.stringify(v ?? JSON.parse(EXAMPLE_ACTION))
        : el.name === 'enabled' ? String(v !== false) : (v ?? '');
    }
    showPreview();
  }

  async function remove(id) {
    if (!confirm(`Delete rule ${id}?`)) return;
    try { await call('DELETE', `/api/v1/rules/${encodeURIComponent(id)}`); flash('Rule deleted.'); await refresh(); } catch (e) { showError(e); }
  }

  async function refresh() {
    const [{ rules }, stats] = await Promise.all([get('/api/v1/rules'), get('/api/v1/stats')]);
    const hits = stats.by_rule || {};
    list.replaceChildren(table('rules-table', [
      ['Name', r => r.name || r.id], ['Service', r => r.service || 'all'], ['State', r => badge(r.enabled === false ? 'disabled' : 'enabled')],
      ['Conditions', r => h('code', {}, JSON.stringify(r.conditions))], ['Action', r => h('code', {}, JSON.stringify(r.action))],
      ['Hits', r => hits[r.id] ?? 0, 'num'], ['Scenario', r => r.scenario || ''],
      ['', r => h('div', { class: 'row-actions' }, h('button', { class: 'small rule-edit', onclick: () => edit(r) }, 'Edit'),
        h('button', { class: 'small rule-delete', onclick: () => remove(r.id) }, 'Delete'))],
    ], rules, r => ({ dataset: { ruleId: r.id } }), 'No rule in force.'));
  }
  edit(null);
  every(3000, signal, refresh);
}
