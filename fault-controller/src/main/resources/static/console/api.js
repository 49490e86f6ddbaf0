// The console is a client of the REST API: every call goes through here. The optional control
// token lives in sessionStorage (this tab only) and is sent as a bearer token; a 401 asks for it.
const TOKEN = 'mocks3.token';

export class ApiError extends Error {
  constructor(status, body) {
    super((body && body.error) || `HTTP ${status}`);
    this.status = status;
    this.body = body || {};
  }
}

function headers(extra = {}) {
  const h = { ...extra };
  const token = sessionStorage.getItem(TOKEN);
  if (token) h['Authorization'] = `Bearer ${token}`;
  return h;
}

let asking = null;
/** Shows the token prompt once, however many calls were refused at the same time. */
export function askToken() {
  if (!asking) {
    asking = new Promise(resolve => {
      const dialog = document.getElementById('token-dialog');
      const input = document.getElementById('token-input');
      input.value = '';
      dialog.addEventListener('close', () => {
        if (input.value) sessionStorage.setItem(TOKEN, input.value.trim());
        asking = null;
        resolve();
      }, { once: true });
      dialog.showModal();
    });
  }
  return asking;
}

/** A JSON call; state-changing ones send JSON (never a form), so no other site can post them. */
export async function call(method, path, body) {
  for (let attempt = 0; attempt < 3; attempt++) {
    const init = { method, headers: headers({ 'Accept': 'application/json' }) };
    if (method !== 'GET') init.headers['Content-Type'] = 'application/json';
    if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
    const res = await fetch(path, init);
    if (res.status === 401) {
      await askToken();
      continue;
    }
    const text = await res.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch (e) { json = { error: text }; }
    if (!res.ok) throw new ApiError(res.status, json);
    return json;
  }
  throw new ApiError(401, { error: 'the control plane refused the token' });
}

export const get = path => call('GET', path);

/**
 * Server-sent events read with fetch, so that the token travels in the Authorization header (an
 * EventSource cannot send one); reconnects until the signal aborts.
 */
export async function stream(path, onEvent, signal) {
  while (!signal.aborted) {
    try {
      const res = await fetch(path, { headers: headers({ 'Accept': 'text/event-stream' }), signal });
      if (res.status === 401) { await askToken(); continue; }
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value.replace(/\r\n/g, '\n');
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          dispatch(buffer.slice(0, end), onEvent);
          buffer = buffer.slice(end + 2);
        }
      }
    } catch (e) {
      if (signal.aborted) return;
    }
    await new Promise(r => setTimeout(r, 2000)); // the server went away: try again shortly
  }
}

function dispatch(block, onEvent) {
  let name = 'message';
  const data = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('event:')) name = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
  }
  if (data.length) onEvent(name, JSON.parse(data.join('\n')));
}
