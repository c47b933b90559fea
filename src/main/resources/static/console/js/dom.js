// Small DOM helpers: elements, the flash message, tables, pagers and field errors.

/** h('button', {class: 'x', onclick: f}, 'text', child…); attrs starting with 'on' are listeners. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k in el && typeof v !== 'string') el[k] = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c !== undefined && c !== null && c !== false) el.append(c instanceof Node ? c : String(c));
  }
  return el;
}

export function view() {
  return document.getElementById('view');
}

/** Replaces the page's content. */
export function render(...children) {
  view().replaceChildren(...children);
}

let keepFlash = false;

/**
 * The message bar above the page: kind 'bad' or 'ok'; empty text clears it. A change of page
 * clears it, unless keep is set: a message said just before moving on ("任务已创建", then the list).
 */
export function flash(text, kind = 'bad', { keep = false } = {}) {
  const el = document.getElementById('flash');
  el.className = text ? kind : '';
  el.textContent = text || '';
  keepFlash = keep;
}

/** On a change of page: clears the message unless it was meant for the next page. */
export function clearStaleFlash() {
  if (keepFlash) keepFlash = false;
  else flash('');
}

/**
 * Shows an ApiError (or any error) in the message bar, never a raw stack. An error envelope's
 * `errors` go next to their fields when the form is given (showFieldErrors), the bar then asking to
 * correct them; reasons no field takes, or all of them without a form, follow the message.
 */
export function showError(error, form) {
  if (!error || !error.kind) {
    flash(`出错了：${error?.message || error}`);
    return;
  }
  const errors = error.errors || {};
  // A conflict (409) names its field with the message itself: said once.
  const unplaced = form ? showFieldErrors(form, errors) : Object.values(errors).flat().filter((r) => r !== error.message);
  if (unplaced.length) {
    flash(`${error.message}：${unplaced.join('；')}`);
  } else if (form && Object.keys(errors).length) {
    flash(`${error.message}，请按提示修改。`);
    form.querySelector('.field-error:not(:empty)')?.scrollIntoView({ block: 'center' });
  } else {
    flash(error.message);
  }
}

/** A table: columns [{title, cell(item) → node|string, num}]; empty → a row saying so. */
export function table(columns, items, { empty = '暂无数据', rowAttrs } = {}) {
  const head = h('tr', {}, columns.map((c) => h('th', {}, c.title)));
  const rows = items.length
    ? items.map((item) => h('tr', rowAttrs ? rowAttrs(item) : {},
      columns.map((c) => h('td', { class: c.num ? 'num' : undefined }, c.cell(item) ?? ''))))
    : [h('tr', {}, h('td', { colspan: columns.length, class: 'muted' }, empty))];
  return h('table', {}, h('thead', {}, head), h('tbody', {}, rows));
}

/** Previous / next with "第 x / y 页，共 n 条"; go(page) loads another page. */
export function pager(meta, go) {
  if (!meta) return h('div');
  return h('div', { class: 'pager' },
    h('button', { type: 'button', disabled: meta.current_page <= 1, onclick: () => go(meta.current_page - 1) }, '上一页'),
    h('span', { class: 'page-info' }, `第 ${meta.current_page} / ${meta.last_page} 页，共 ${meta.total} 条`),
    h('button', { type: 'button', disabled: meta.current_page >= meta.last_page, onclick: () => go(meta.current_page + 1) }, '下一页'));
}

/**
 * Puts each key of an error envelope's errors next to its field: the element with
 * data-field="<key>" (a key like work_hour[2] or line.0 goes to work_hour / line). Answers the
 * messages no field took.
 */
export function showFieldErrors(form, errors) {
  form.querySelectorAll('.field-error').forEach((e) => { e.textContent = ''; });
  form.querySelectorAll('.invalid').forEach((e) => e.classList.remove('invalid'));
  const unplaced = [];
  for (const [key, reasons] of Object.entries(errors || {})) {
    const base = key.split(/[.[]/)[0];
    const slot = form.querySelector(`.field-error[data-field="${CSS.escape(base)}"]`);
    const text = `${[].concat(reasons).join('；')}`;
    if (slot) {
      slot.textContent = slot.textContent ? `${slot.textContent}；${text}` : text;
      form.querySelector(`[name="${CSS.escape(base)}"]`)?.classList.add('invalid');
    } else {
      unplaced.push(`${key}：${text}`);
    }
  }
  return unplaced;
}

/** "yyyy-MM-dd HH:mm:ss" ⇄ the value of <input type="datetime-local">. */
export function toLocalInput(datetime) {
  return datetime ? datetime.slice(0, 16).replace(' ', 'T') : '';
}

export function fromLocalInput(value) {
  if (!value) return null;
  const v = value.replace('T', ' ');
  return v.length === 16 ? `${v}:00` : v;
}

let leaveHook = null;

/** A page that polls registers its stop here; the shell calls it when the page is left. */
export function onLeave(fn) {
  leaveHook = fn;
}

export function leavePage() {
  const fn = leaveHook;
  leaveHook = null;
  if (fn) fn();
}
