// Small DOM helpers: the pages build plain elements, no framework.
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k === 'html') el.innerHTML = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/** A table: columns are [heading, cell(row), className?]; rowAttrs(row) gives a row's attributes. */
export function table(id, columns, rows, rowAttrs = () => ({}), empty = 'Nothing yet.') {
  const head = h('tr', {}, columns.map(([title, , cls]) => h('th', { class: cls }, title)));
  const body = rows.length
    ? rows.map(r => h('tr', rowAttrs(r), columns.map(([, cell, cls]) => h('td', { class: cls }, cell(r)))))
    : [h('tr', {}, h('td', { colspan: columns.length, class: 'muted' }, empty))];
  return h('table', { id }, h('thead', {}, head), h('tbody', {}, body));
}

export function badge(state) {
  const s = String(state ?? '').toLowerCase();
  return h('span', { class: `badge ${s}` }, state);
}

export function flash(message, error = false) {
  const box = document.getElementById('flash');
  const msg = h('div', { class: error ? 'msg error' : 'msg' }, message);
  box.append(msg);
  setTimeout(() => msg.remove(), error ? 8000 : 4000);
}

/** Shows an API error: its message and, when the server named them, the problems beside the form. */
export function showError(e, where) {
  const problems = (e.body && e.body.problems) || [];
  if (where) {
    where.replaceChildren(h('div', { class: 'problems', role: 'alert' }, e.message,
      problems.length ? h('ul', {}, problems.map(p => h('li', {}, p))) : null));
    const field = e.body && e.body.field;
    if (field) where.closest('section')?.querySelector(`[name="${field}"]`)?.classList.add('field-error');
  } else {
    flash(e.message + (problems.length ? ': ' + problems.join('; ') : ''), true);
  }
}

export function pretty(value) {
  return h('pre', {}, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
}

export function when(iso) {
  return iso ? new Date(iso).toLocaleString() : '';
}

/** Runs fn now and every ms until the page's signal aborts; no manual refresh anywhere. */
export function every(ms, signal, fn) {
  let timer = null;
  const tick = async () => {
    if (signal.aborted) return;
    try { await fn(); } catch (e) { /* shown by fn itself; the next tick tries again */ }
    if (!signal.aborted) timer = setTimeout(tick, ms);
  };
  tick();
  signal.addEventListener('abort', () => clearTimeout(timer));
}

export function formJson(form) {
  const out = {};
  for (const el of form.elements) {
    if (!el.name || el.value === '' || el.type === 'submit') continue;
    out[el.name] = el.type === 'number' ? Number(el.value) : el.type === 'checkbox' ? el.checked : el.value;
  }
  return out;
}

export function curl(method, path, body) {
  const data = body === undefined ? '' : ` \\\n  -H 'Content-Type: application/json' -d '${JSON.stringify(body)}'`;
  return `curl -X ${method} ${location.origin}${path}${data}`;
}
