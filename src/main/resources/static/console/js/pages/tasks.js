// The task list: filters, paging, start / pause / delete, and per-line counters and the pacing by
// seats that refresh themselves every REFRESH_MS without reloading the page (only the rows'
// figures change).
import { get, post, del, userPath, query } from '../api.js';
import { h, render, pager, flash, showError, onLeave } from '../dom.js';
import { dialModeName, pacingFigures } from '../pacing.js';

const REFRESH_MS = 2000;

const STATUS = { 1: '停止', 2: '拨打中', 3: '等待执行' };

const STATS = [
  ['dialed', '已拨', (c) => c.dialed_number_total],
  ['answered', '接通', (c) => c.answer_total],
  ['in_progress', '进行中', (c) => c.calling_count], // every open call, answered ones included
  ['gateway_errors', '网关错误', (c) => c.gateway_error_hangup_total],
];

/** The filter survives page changes and reloads within the tab. */
const FILTER = 'calltask.console.tasks';
const filter = { status: '', name: '', page: 1, per_page: 15, ...savedFilter() };

function savedFilter() {
  try {
    return JSON.parse(sessionStorage.getItem(FILTER)) || {};
  } catch {
    return {};
  }
}

export async function tasksPage() {
  const lineNames = await loadLineNames();
  const body = h('tbody');
  const live = h('span', { class: 'live', id: 'live' }, '');
  const pagerSlot = h('div');
  const statusSelect = h('select', { name: 'status', id: 'status-filter', onchange: () => { filter.status = statusSelect.value; filter.page = 1; load(); } },
    h('option', { value: '' }, '全部状态'),
    Object.entries(STATUS).map(([v, t]) => h('option', { value: v, selected: filter.status === v }, t)));
  const nameInput = h('input', { name: 'name', id: 'name-filter', type: 'search', placeholder: '按任务名称搜索', value: filter.name });
  const perPage = h('select', { id: 'per-page', onchange: () => { filter.per_page = Number(perPage.value); filter.page = 1; load(); } },
    [15, 50, 100, 1000].map((n) => h('option', { value: n, selected: filter.per_page === n }, `每页 ${n} 条`)));
  let timer = null;
  let inFlight = false;
  let gone = false;

  async function load(quiet = false) {
    if (inFlight) return;
    inFlight = true;
    sessionStorage.setItem(FILTER, JSON.stringify(filter));
    try {
      const result = await get(userPath(`/task${query({ ...filter, status: filter.status || undefined })}`));
      if (gone) return;
      fill(body, result.data, lineNames, load);
      pagerSlot.replaceChildren(pager(result.meta, (p) => { filter.page = p; load(); }));
      live.textContent = `已自动刷新 ${new Date().toLocaleTimeString('zh-CN', { hour12: false })}`;
      performance.mark('calltask:tasks-shown'); // bench/console-bench.sh reads these
      live.classList.remove('stale');
    } catch (error) {
      if (gone) return;
      live.textContent = `刷新失败：${error.message}（将自动重试）`;
      live.classList.add('stale');
      if (!quiet) showError(error);
    } finally {
      inFlight = false;
    }
  }

  render(
    h('h1', {}, '外呼任务'),
    h('div', { class: 'toolbar' },
      statusSelect,
      h('form', { onsubmit: (e) => { e.preventDefault(); filter.name = nameInput.value.trim(); filter.page = 1; load(); } },
        nameInput, ' ', h('button', { type: 'submit' }, '搜索')),
      perPage,
      h('span', { class: 'spacer' }),
      live,
      h('a', { class: 'button primary write', href: '#/tasks/new', id: 'new-task' }, '新建任务')),
    h('table', { id: 'tasks' },
      h('thead', {}, h('tr', {}, ['任务名称', '状态', '线路（已拨 / 接通 / 进行中 / 网关错误）', ...STATS.map((s) => s[1]), '号码数', '并发 / CPS', '外呼模式', '操作']
        .map((t) => h('th', {}, t)))),
      body),
    pagerSlot);
  await load();
  timer = setInterval(() => { if (!document.hidden) load(true); }, REFRESH_MS);
  onLeave(() => { gone = true; clearInterval(timer); });
}

async function loadLineNames() {
  try {
    const lines = await get(userPath('/line?per_page=1000'));
    return new Map(lines.data.map((l) => [l.line_id, l.name]));
  } catch (error) {
    if (error.kind !== 'api') throw error;
    return new Map();
  }
}

/** Keeps the rows of the same tasks (so a click is never lost to a refresh), rebuilds otherwise. */
function fill(body, tasks, lineNames, reload) {
  const rows = [...body.querySelectorAll('tr[data-task]')];
  const same = rows.length === tasks.length && rows.every((tr, i) => tr.dataset.task === tasks[i].uuid);
  if (!same) {
    body.replaceChildren(...(tasks.length ? tasks.map((t) => row(t, reload))
      : [h('tr', {}, h('td', { colspan: 11, class: 'muted' }, '没有符合条件的任务'))]));
  }
  tasks.forEach((t, i) => update(body.children[i], t, lineNames));
}

function row(task, reload) {
  const toggle = h('button', { type: 'button', class: 'toggle write' });
  toggle.addEventListener('click', async () => {
    const starting = toggle.dataset.action === 'start';
    toggle.disabled = true;
    try {
      await post(userPath(`/task/${task.uuid}/${starting ? 'start' : 'pause'}`));
      flash(`任务「${task.name}」已${starting ? '启动' : '暂停'}。`, 'ok');
      await reload();
    } catch (error) {
      showError(error);
    } finally {
      toggle.disabled = false;
    }
  });
  const remove = h('button', {
    type: 'button', class: 'danger delete write',
    onclick: async () => {
      if (!window.confirm(`确定删除任务「${task.name}」吗？正在进行的通话会被挂断，删除后不能恢复。`)) return;
      try {
        await del(userPath(`/task/${task.uuid}`));
        flash(`任务「${task.name}」已删除。`, 'ok');
        await reload();
      } catch (error) {
        showError(error);
      }
    },
  }, '删除');
  const base = `#/tasks/${task.uuid}`;
  return h('tr', { dataset: { task: task.uuid } },
    h('td', {}, h('a', { href: `${base}/edit`, class: 'name' }, task.name)),
    h('td', {}, h('span', { class: 'status' }), h('div', { class: 'no-group error', hidden: true }, '未设置话术组')),
    h('td', { class: 'lines-cell' }),
    STATS.map(([key]) => h('td', { class: 'num', dataset: { stat: key } })),
    h('td', { class: 'num', dataset: { stat: 'numbers' } }),
    h('td', { class: 'num limits' }),
    h('td', { class: 'pacing-cell' }),
    h('td', { class: 'actions' }, toggle, ' ',
      h('a', { href: `${base}/numbers` }, '号码'), ' ',
      h('a', { href: `${base}/calls` }, '通话记录'), ' ',
      h('a', { href: `${base}/notify` }, '推送'), ' ',
      h('a', { href: `${base}/edit`, class: 'write' }, '编辑'), ' ', remove));
}

function update(tr, task, lineNames) {
  const extra = task.new_task_extra || {};
  const info = extra.call_info || {};
  const lines = (extra.line || []).map((l) => l.id);
  Object.keys(info).forEach((id) => lines.includes(id) || lines.push(id));
  const status = tr.querySelector('.status');
  status.className = `status status-${task.status}`;
  status.textContent = STATUS[task.status] || task.status_str;
  status.title = task.status === 3 && !task.destination_extension ? '未设置话术组，任务不会拨打' : '';
  tr.querySelector('.no-group').hidden = !(task.enable && !task.destination_extension);
  tr.querySelector('.lines-cell').replaceChildren(...(lines.length ? lines.map((id) => {
    const c = info[id] || {};
    return h('div', { dataset: { line: id } }, `${c.line_name || lineNames.get(id) || id.slice(0, 8)}：`,
      STATS.map(([, , f]) => f(c) || 0).join(' / '));
  }) : [h('span', { class: 'muted' }, '未选线路')]));
  for (const [key, , f] of STATS) {
    tr.querySelector(`[data-stat="${key}"]`).textContent = Object.values(info).reduce((sum, c) => sum + (f(c) || 0), 0);
  }
  tr.querySelector('[data-stat="numbers"]').textContent = extra.number_count ?? 0;
  tr.querySelector('.limits').textContent = `${task.maximumcall} / ${task.call_per_second}`;
  showPacing(tr.querySelector('.pacing-cell'), task);
  const toggle = tr.querySelector('.toggle');
  if (!toggle.disabled) {
    toggle.dataset.action = task.enable ? 'pause' : 'start';
    toggle.textContent = task.enable ? '暂停' : '启动';
  }
}

/**
 * The mode the task dials in and, unless `fixed` (pacing null), the dialer's last word on it: the
 * level, the seats available and today's abandon rate.
 */
function showPacing(cell, task) {
  const mode = task.pacing?.mode ?? task.dial_mode;
  cell.replaceChildren(
    h('div', { dataset: { pacing: 'mode' }, class: task.pacing ? null : 'muted' }, dialModeName(mode)),
    ...pacingFigures(task.pacing).map(([key, label, value, title]) => h('div', { class: 'pacing-figure', title },
      `${label} `, h('span', { dataset: { pacing: key } }, value))));
}
