// The signed-in agent: its API key lives in this tab's sessionStorage only (never in a URL, a
// cookie or a log) and is forgotten after IDLE_MS without use, or when the tab closes.

const STORE = 'calltask.console';
export const IDLE_MS = 30 * 60 * 1000;

function read() {
  try {
    return JSON.parse(sessionStorage.getItem(STORE)) || {};
  } catch {
    return {};
  }
}

function write(state) {
  sessionStorage.setItem(STORE, JSON.stringify(state));
}

/** The key, or null when signed out; {expired: true} when the session timed out since last use. */
export function current() {
  const state = read();
  if (!state.key) {
    return { key: null };
  }
  if (Date.now() - (state.lastUsed || 0) > IDLE_MS) {
    write({ userId: state.userId, userName: state.userName });
    return { key: null, expired: true };
  }
  return state;
}

export function touch() {
  const state = read();
  if (state.key) {
    state.lastUsed = Date.now();
    write(state);
  }
}

export function signIn(key, scope = 'full') {
  const state = read();
  write({ ...state, key, scope, lastUsed: Date.now() });
}

/** A read key: the console shows no write actions (the service answers 403 to them anyway). */
export function readOnly() {
  return read().scope === 'read';
}

export function signOut() {
  const state = read();
  document.body.classList.remove('read-only');
  write({ userId: state.userId, userName: state.userName });
}

export function user() {
  const state = read();
  return state.userId ? { id: state.userId, name: state.userName } : null;
}

export function pickUser(id, name) {
  write({ ...read(), userId: id, userName: name });
}
