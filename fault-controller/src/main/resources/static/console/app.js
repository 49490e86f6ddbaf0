// The router: #/page?param=value selects a page module; leaving a page aborts its timers and streams.
import { call, get } from './api.js';
import { flash, showError } from './ui.js';

const PAGES = ['overview', 'rules', 'chaos', 'scenarios', 'dlq', 'topics', 'events', 'runs'];
let current = null;

async function route() {
  const [path, query] = (location.hash.replace(/^#\/?/, '') || 'overview').split('?');
  const name = PAGES.includes(path) ? path : 'overview';
  if (current) current.abort();
  current = new AbortController();
  document.querySelectorAll('#nav a').forEach(a => a.classList.toggle('active', a.id === `nav-${name}`));
  document.getElementById('flash').replaceChildren(); // a message belongs to the page it was shown on
  const main = document.getElementById('page');
  main.replaceChildren();
  main.dataset.page = name;
  const module = await import(`./pages/${name}.js`);
  module.render(main, new URLSearchParams(query || ''), current.signal);
}

async function refreshKillSwitch() {
  try {
    const { engaged } = await get('/api/v1/kill-switch');
    const state = document.getElementById('kill-switch-state');
    state.textContent = engaged ? 'kill switch engaged' : 'faults armed';
    state.className = `badge ${engaged ? 'engaged' : 'up'}`;
    document.getElementById('kill-switch-release').hidden = !engaged;
  } catch (e) { /* the next poll tries again */ }
}

/** The kill switch: agents stop injecting at once, then every fault is removed. */
async function killEverything() {
  if (!confirm('Engage the kill switch and remove every rule, chaos setting, scenario and process order?')) return;
  try {
    await call('PUT', '/api/v1/kill-switch');
    const removed = await call('DELETE', '/api/v1/faults');
    flash(`Kill switch engaged; removed ${removed.rules.length} rules, ${removed.chaos_topics.length} chaos topics, `
      + `${removed.scenarios.length} scenarios, ${removed.process_orders.length} process orders.`);
    document.body.dataset.killed = 'true';
  } catch (e) { showError(e); }
  await refreshKillSwitch();
  route();
}

async function release() {
  try {
    await call('DELETE', '/api/v1/kill-switch');
    flash('Kill switch released: new faults take effect again.');
  } catch (e) { showError(e); }
  refreshKillSwitch();
}

document.getElementById('kill-switch').addEventListener('click', killEverything);
document.getElementById('kill-switch-release').addEventListener('click', release);
window.addEventListener('hashchange', route);
setInterval(refreshKillSwitch, 3000);
refreshKillSwitch();
route();
