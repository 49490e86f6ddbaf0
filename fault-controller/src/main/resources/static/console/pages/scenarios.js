// Scenarios: start one for a duration, watch its countdown, stop it; process scenarios where enabled.
import { call, get } from '../api.js';
import { h, table, badge, flash, showError, every } from '../ui.js';

export function render(main, params, signal) {
  const list = h('div', { id: 'scenarios-list' });
  const processBox = h('div', { id: 'process-scenarios' });
  main.append(h('h1', {}, 'Scenarios'), list, processBox);
  let state = { available: [], active: [] };

  const act = async (label, method, path, body) => {
    try { await call(method, path, body); flash(label); await refresh(); } catch (e) { showError(e); }
  };

  function countdown(run) {
    if (!run) return badge('idle');
    const ends = run.deadline || run.ends_at || run.endsAt;
    if (!ends) return h('span', {}, badge('running'), ' until stopped');
    const left = Math.max(0, Math.round((new Date(ends) - Date.now()) / 1000));
    return h('span', {}, badge('running'), ' ', h('span', { class: 'countdown' }, `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')} left`));
  }

  function draw() {
    const active = Object.fromEntries(state.active.map(a => [a.name, a]));
    list.replaceChildren(table('scenarios-table', [
      ['Scenario', d => h('strong', {}, d.name)], ['What it does', d => d.description || ''], ['State', d => countdown(active[d.name])],
      ['', d => {
        const duration = h('input', { class: 'scenario-duration', size: 6, placeholder: '5m', 'aria-label': 'duration' });
        return h('div', { class: 'row-actions' }, duration,
          h('button', { class: 'small primary scenario-start', onclick: () => act(`${d.name} started.`, 'POST',
            `/api/v1/scenarios/${d.name}/start`, duration.value ? { duration: duration.value } : {}) }, 'Start'),
          active[d.name] ? h('button', { class: 'small scenario-stop', onclick: () => act(`${d.name} stopped.`, 'POST', `/api/v1/scenarios/${d.name}/stop`) }, 'Stop') : null);
      }],
    ], state.available, d => ({ dataset: { scenario: d.name } })));
  }

  async function refresh() {
    state = await get('/api/v1/scenarios');
    draw();
    const process = state.process_scenarios;
    if (!process || (Array.isArray(process) && !process.length)) { processBox.replaceChildren(); return; }
    const { orders } = await get('/api/v1/process');
    const target = h('input', { id: 'process-target', value: 'all', size: 14, 'aria-label': 'target' });
    const names = (Array.isArray(process) ? process : Object.values(process)).map(p => p.name || p);
    processBox.replaceChildren(h('h2', {}, 'Process scenarios'),
      h('p', { class: 'muted' }, 'Misbehaviour of the processes themselves (CPU, memory, threads, disk), ordered to one service, instance or all.'),
      h('div', { class: 'toolbar' }, 'Target', target, ...names.map(n => h('button', { class: 'small process-start',
        onclick: () => act(`${n} ordered.`, 'POST', `/api/v1/process/${encodeURIComponent(target.value)}/scenarios/${n}/start`, {}) }, n))),
      table('process-orders', [['Target', o => o.target], ['Steps', o => JSON.stringify(o.steps)],
        ['', o => h('button', { class: 'small', onclick: () => act(`${o.target} stopped.`, 'POST', `/api/v1/process/${o.target}/stop`) }, 'Stop')]],
      orders, () => ({}), 'No process order.'));
  }
  every(5000, signal, refresh);
  const tick = setInterval(draw, 1000);
  signal.addEventListener('abort', () => clearInterval(tick));
}
