// Runs: start and stop chaos experiments, live counters while one runs, and each run's report with its charts.
import { call, get } from '../api.js';
import { h, table, badge, flash, showError, formJson, pretty, every, when } from '../ui.js';
import { timeline, lagHistogram, writeFates } from '../charts.js';

export function render(main, params, signal) {
  let selected = params.get('run');
  const problems = h('div', { id: 'run-problems' });
  const scenario = h('select', { id: 'run-scenario', name: 'scenario' }, h('option', { value: '' }, 'none'));
  const form = h('form', { id: 'run-form', novalidate: true, class: 'inline' },
    h('label', {}, 'Name', h('input', { id: 'run-name', name: 'name', required: true, placeholder: 'loss 10%' })),
    h('label', {}, 'Scenario', scenario),
    h('label', {}, 'Seed', h('input', { id: 'run-seed', name: 'seed', type: 'number' })),
    h('label', {}, 'Settle', h('input', { id: 'run-settle', name: 'settle', placeholder: '5s' })),
    h('label', { class: 'wide' }, 'Chaos, rules, expectations (JSON, optional)', h('textarea', { id: 'run-extra', name: 'extra', rows: 2, cols: 60,
      placeholder: '{"chaos": [{"topic": "mocks3.commands", "loss_rate": 0.05}], "expectations": {"lost_acknowledged_writes": 0}}' })),
    h('button', { id: 'run-start', class: 'primary', type: 'submit' }, 'Start run'));
  const list = h('div', { id: 'runs-list' });
  const report = h('div', { id: 'run-report-box' });
  main.append(h('h1', {}, 'Runs'), h('section', { class: 'card' }, h('h2', {}, 'Start a chaos experiment'), form, problems,
    h('p', { class: 'muted' }, 'The form posts to /api/v1/runs; stopping removes the run\'s faults, lets the system settle and writes its report.')),
    list, report);

  get('/api/v1/scenarios').then(s => s.available.forEach(d => scenario.append(h('option', { value: d.name }, d.name))), showError);
  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    problems.replaceChildren();
    try {
      const { extra, ...fields } = formJson(form);
      let more = {};
      if (extra) {
        try { more = JSON.parse(extra); } catch (e) { throw { message: `extra: not JSON: ${e.message}`, body: { field: 'extra' } }; }
      }
      const run = await call('POST', '/api/v1/runs', { ...fields, ...more });
      flash(`Run ${run.name} started.`);
      selected = run.id;
      await refresh();
    } catch (e) { showError(e, problems); }
  });

  async function stop(id, button) {
    button.disabled = true;
    button.textContent = 'Settling…';
    try {
      await call('POST', `/api/v1/runs/${id}/stop`);
      flash('Run ended.');
      selected = id;
      await refresh();
    } catch (e) { showError(e); button.disabled = false; }
  }

  async function refresh() {
    const { runs } = await get('/api/v1/runs');
    runs.sort((a, b) => (b.started_at || '').localeCompare(a.started_at || ''));
    list.replaceChildren(table('runs-table', [
      ['Run', r => h('a', { href: `#/runs?run=${r.id}`, class: 'run-open' }, r.name)], ['State', r => badge(r.state)],
      ['Scenario', r => r.scenario || ''], ['Started', r => when(r.started_at)], ['Ended', r => when(r.ended_at)],
      ['', r => h('div', { class: 'row-actions' },
        r.state === 'OPEN' ? h('button', { class: 'small run-stop', onclick: ev => stop(r.id, ev.target) }, 'Stop') : null,
        h('a', { href: `/api/v1/runs/${r.id}/report.html`, target: '_blank' }, 'printable'))],
    ], runs, r => ({ dataset: { runId: r.id, state: r.state } }), 'No run yet.'));
    if (selected) await showReport(runs.find(r => r.id === selected));
  }

  let drawn = null;
  async function showReport(run) {
    // An ended run's report no longer changes: drawn once, not again at every poll.
    if (!run || (drawn === `${run.id}/ENDED` && run.state === 'ENDED')) return;
    const r = await get(`/api/v1/runs/${run.id}/report`);
    drawn = `${run.id}/${run.state}`;
    const s = r.summary || {};
    report.replaceChildren(h('section', { class: 'card', id: 'run-report', dataset: { runId: run.id, state: run.state } },
      h('div', { class: 'toolbar' }, h('h2', {}, `Report: ${run.name}`), badge(run.state),
        run.state === 'ENDED' ? badge(r.verdict?.pass ? 'pass' : 'fail') : h('span', { class: 'muted' }, 'live: counters update while the run is open')),
      h('div', { class: 'kv', id: 'run-counters' },
        h('div', {}, 'Operations'), h('div', {}, s.operations ?? 0),
        h('div', {}, 'Acknowledged writes'), h('div', {}, s.acknowledged_writes ?? 0),
        h('div', {}, 'Reads / listings'), h('div', {}, `${s.reads ?? 0} / ${s.lists ?? 0}`),
        h('div', {}, 'Fault events'), h('div', {}, r.faults?.total ?? 0),
        h('div', {}, 'Read anomalies'), h('div', {}, JSON.stringify(r.reads?.anomaly_counts || {}))),
      h('h2', {}, 'Timeline: faults against anomalies'), timeline(r),
      h('h2', {}, 'Fate of acknowledged writes'), writeFates(r),
      h('h2', {}, 'Read-after-write lag'), lagHistogram(r),
      h('h2', {}, 'Expectations'), table('run-checks', [
        ['Expectation', c => c.name], ['At most', c => c.expected, 'num'], ['Measured', c => c.measured, 'num'],
        ['', c => badge(c.pass ? 'pass' : 'fail')]], r.verdict?.checks || [], () => ({}), 'No expectation set.'),
      h('details', {}, h('summary', {}, 'Report JSON'), pretty(r))));
  }
  every(5000, signal, refresh);
}
