// The console's only way to the service: the public /agent-api routes with the session's key.
// Every call has a timeout; every failure becomes an ApiError with a message fit for the page.
import * as session from './session.js';

const TIMEOUT_MS = 15000;

/** A failed call: kind is 'network', 'timeout', 'auth', 'expired' or 'api' (an error envelope). */
export class ApiError extends Error {
  constructor(kind, message, status = 0, errors = {}) {
    super(message);
    this.kind = kind;
    this.status = status;
    this.errors = errors || {};
  }
}

const listeners = new Set();

/** Called with every ApiError of kind auth/expired, so the shell can go back to sign-in. */
export function onSignedOut(listener) {
  listeners.add(listener);
}

function keyOrThrow() {
  const state = session.current();
  if (!state.key) {
    const error = state.expired
      ? new ApiError('expired', '会话已过期（超过 30 分钟未操作），请重新输入 API 密钥登录。')
      : new ApiError('expired', '请先输入 API 密钥登录。');
    listeners.forEach((l) => l(error));
    throw error;
  }
  session.touch();
  return state.key;
}

function authFailed(status, envelope) {
  session.signOut();
  const error = new ApiError('auth', `API 密钥无效或已被停用（${envelope?.message || status}），请重新登录。`, status);
  listeners.forEach((l) => l(error));
  return error;
}

async function envelopeOf(response) {
  try {
    return await response.json();
  } catch {
    return null;
  }
}

function failure(status, envelope) {
  if (status === 401) {
    return authFailed(status, envelope);
  }
  const message = envelope?.message || `服务返回 HTTP ${status}`;
  return new ApiError('api', message, status, envelope?.errors);
}

/** fetch with the key and a timeout; answers the Response or throws an ApiError. */
async function send(method, path, { body, contentType, key, accept } = {}) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  const headers = { Authorization: `Bearer ${key ?? keyOrThrow()}` };
  if (accept) headers.Accept = accept;
  if (body !== undefined) headers['Content-Type'] = contentType || 'application/json';
  try {
    return await fetch(path, {
      method, headers, signal: controller.signal, cache: 'no-store',
      body: body === undefined ? undefined : (contentType ? body : JSON.stringify(body)),
    });
  } catch (e) {
    if (e.name === 'AbortError') {
      throw new ApiError('timeout', `服务在 ${TIMEOUT_MS / 1000} 秒内没有应答，请稍后重试。`);
    }
    throw new ApiError('network', '网络错误：无法连接到服务，请检查网络后重试。');
  } finally {
    clearTimeout(timer);
  }
}

/** A JSON call: answers the envelope ({data, meta, message}). */
export async function call(method, path, body, key) {
  const response = await send(method, path, { body, key });
  const envelope = await envelopeOf(response);
  if (!response.ok || !envelope || envelope.status !== 'success') {
    throw failure(response.status, envelope);
  }
  return envelope;
}

export const get = (path) => call('GET', path);
export const post = (path, body) => call('POST', path, body);
export const put = (path, body) => call('PUT', path, body);
export const del = (path, body) => call('DELETE', path, body);

/** Checks a key before keeping it: answers its scope ('full' or 'read'), or throws the reason. */
export async function verifyKey(key) {
  const keys = await call('GET', '/agent-api/key', undefined, key);
  return keys.data.find((k) => k.current)?.scope || 'full';
}

/** Uploads a file as the body with progress (fetch has no upload progress, XHR has). */
export function upload(path, file, contentType, onProgress) {
  const key = keyOrThrow();
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.timeout = 10 * 60 * 1000;
    xhr.setRequestHeader('Authorization', `Bearer ${key}`);
    xhr.setRequestHeader('Content-Type', contentType);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded, e.total);
    xhr.onload = () => {
      let envelope = null;
      try { envelope = JSON.parse(xhr.responseText); } catch { /* not JSON */ }
      if (xhr.status >= 200 && xhr.status < 300 && envelope?.status === 'success') {
        resolve(envelope);
      } else {
        reject(failure(xhr.status, envelope));
      }
    };
    xhr.onerror = () => reject(new ApiError('network', '网络错误：上传中断，请检查网络后重试。'));
    xhr.ontimeout = () => reject(new ApiError('timeout', '上传超时，请稍后重试。'));
    xhr.send(file);
  });
}

/**
 * Downloads a CSV route as a plain link: the service gives a one-time link (60 s) for this path, and
 * the browser streams the file to disk itself, so a large export is never held in the page's memory.
 */
export async function download(path, name) {
  const link = await call('POST', '/agent-api/download-token', { path });
  const a = document.createElement('a');
  a.href = link.data.url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  return name;
}

/** /agent-api/new/user/{current user} + suffix. */
export function userPath(suffix) {
  const user = session.user();
  return `/agent-api/new/user/${encodeURIComponent(user.id)}${suffix}`;
}

/** A query string of the non-empty values. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (Array.isArray(v)) v.forEach((x) => q.append(k, x));
    else if (v !== undefined && v !== null && v !== '') q.append(k, v);
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}
