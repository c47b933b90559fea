// Seats (坐席) and bridge groups (转接组): who takes the calls a task transfers to a person. People set a
// seat's status (签入示闲 / 小休示忙 / 签出), the dialer its call state; both, and each group's counts,
// refresh every REFRESH_MS while the page is shown (rows are kept, so a click is never lost to a refresh).
import { get, post, put, del, userPath, query } from '../api.js';
import { h, render, pager, flash, showError, showFieldErrors, onLeave } from '../dom.js';

const REFRESH_MS = 3000;

const SEAT_PAGE = 50;

export const SEAT_STATUS = { idle: '示闲', break: '小休', offline: '签出' };

const CALL_STATE = { free: '空闲', reserved: '已分配', ringing: '振铃中', talking: '通话中', wrap_up: '话后整理' };

/** The buttons of a seat's row: the status each sets, its label, what the message says after. */
const STATUS_ACTIONS = [['idle', '签入示闲', '已签入示闲'], ['break', '小休示忙', '已小休示忙'], ['offline', '签出', '已签出']];

const STRATEGY = { longest_idle: '最长空闲优先', top_down: '按顺序', fewest_calls: '今日接听最少优先', random: '随机' };

/** A group's live counts, in the order a supervisor reads them. */
const STATS = [['idle', '空闲'], ['reserved', '已分配'], ['ringing', '振铃'], ['talking', '通话'], ['wrap_up', '话后'],
  ['break', '小休'], ['offline', '签出'], ['waiting', '排队客户']];

export async function seatsPage() {
  const state = { page: 1, status: '', groupId: '' };
  /** Every seat's name by id: for the groups' seat lists and the group editor. */
  let seatNames = new Map();
  let groups = [];
  let gone = false;
  let inFlight = false;
  let again = false;

  const live = h('span', { class: 'live', id: 'seats-live' }, '');
  const seatBody = h('tbody');
  const seatPager = h('div');
  const groupBody = h('tbody');
  const statusFilter = h('select', { id: 'seat-status-filter', onchange: () => { state.status = statusFilter.value; state.page = 1; refresh(); } },
    h('option', { value: '' }, '全部状态'), Object.entries(SEAT_STATUS).map(([v, t]) => h('option', { value: v }, t)));
  const groupFilter = h('select', { id: 'seat-group-filter', onchange: () => { state.groupId = groupFilter.value; state.page = 1; refresh(); } });

  const seatEditor = seatForm(async () => { await loadSeatNames(); await refresh(); });
  const groupEditor = groupForm(() => seatNames, refresh);

  async function loadSeatNames() {
    const r = await get(userPath('/seat?per_page=1000'));
    seatNames = new Map(r.data.map((s) => [s.seat_id, s.name]));
    groupEditor.seatsChanged();
  }

  /** Seats of the shown page and every group; a call asked for while one runs runs after it. */
  async function refresh(quiet = false) {
    if (inFlight) {
      again = true;
      return;
    }
    inFlight = true;
    try {
      const [seats, groupList] = await Promise.all([
        get(userPath(`/seat${query({ status: state.status, group_id: state.groupId, page: state.page, per_page: SEAT_PAGE })}`)),
        get(userPath('/bridge-group?per_page=1000')),
      ]);
      if (gone) return;
      groups = groupList.data;
      fillGroupFilter();
      const groupNames = new Map(groups.map((g) => [g.bridge_group_id, g.name]));
      keepRows(seatBody, 'seat', seats.data.map((s) => s.seat_id), (i) => seatRow(seats.data[i]), 11, '没有坐席');
      seats.data.forEach((s, i) => updateSeat(seatBody.children[i], s, groupNames));
      seatPager.replaceChildren(pager(seats.meta, (p) => { state.page = p; refresh(); }));
      keepRows(groupBody, 'group', groups.map((g) => g.bridge_group_id), (i) => groupRow(groups[i]), 6 + STATS.length, '没有转接组');
      groups.forEach((g, i) => updateGroup(groupBody.children[i], g, seatNames));
      live.textContent = `已自动刷新 ${new Date().toLocaleTimeString('zh-CN', { hour12: false })}`;
      live.classList.remove('stale');
    } catch (error) {
      if (gone) return;
      live.textContent = `刷新失败：${error.message}（将自动重试）`;
      live.classList.add('stale');
      if (!quiet) showError(error);
    } finally {
      inFlight = false;
      if (again && !gone) {
        again = false;
        refresh(quiet);
      }
    }
  }

  /** Rebuilt only when the groups change, so an open dropdown is not closed by a refresh. */
  function fillGroupFilter() {
    const shown = JSON.stringify(groups.map((g) => [g.bridge_group_id, g.name]));
    if (groupFilter.dataset.shown === shown) return;
    groupFilter.dataset.shown = shown;
    const chosen = groupFilter.value;
    groupFilter.replaceChildren(h('option', { value: '' }, '全部转接组'),
      ...groups.map((g) => h('option', { value: String(g.bridge_group_id), selected: chosen === String(g.bridge_group_id) }, g.name)));
    state.groupId = groupFilter.value; // a deleted group no longer filters
  }

  function seatRow(seat) {
    const name = () => seatNames.get(seat.seat_id) || seat.name;
    const setStatus = async (status, done, button) => {
      button.disabled = true;
      try {
        await put(userPath(`/seat/${seat.seat_id}/status`), { status });
        flash(`坐席「${name()}」${done}。`, 'ok');
        await refresh();
      } catch (error) {
        showError(error);
      } finally {
        button.disabled = false;
      }
    };
    const remove = async () => {
      if (!window.confirm(`确定删除坐席「${name()}」吗？它会从所在的转接组中移除。`)) return;
      try {
        await del(userPath(`/seat/${seat.seat_id}`));
        flash(`坐席「${name()}」已删除。`, 'ok');
        await loadSeatNames();
        await refresh();
      } catch (error) {
        showError(error);
      }
    };
    const actions = STATUS_ACTIONS.map(([status, label, done]) => h('button', {
      type: 'button', class: 'seat-action write', dataset: { status },
      onclick: (e) => setStatus(status, done, e.currentTarget),
    }, label));
    return h('tr', { dataset: { seat: seat.seat_id } },
      ['id', 'name', 'extension', 'contact'].map((k) => h('td', { dataset: { cell: k }, class: k === 'id' ? 'num' : undefined })),
      h('td', {}, h('span', { class: 'seat-status' })),
      h('td', {}, h('span', { class: 'call-state' })),
      ['since', 'groups'].map((k) => h('td', { dataset: { cell: k } })),
      ['calls', 'talk'].map((k) => h('td', { class: 'num', dataset: { cell: k } })),
      h('td', { class: 'actions' }, actions, ' ',
        h('button', { type: 'button', class: 'link edit write', onclick: () => seatEditor.edit(currentSeat(seat.seat_id)) }, '编辑'),
        h('button', { type: 'button', class: 'danger delete write', onclick: remove }, '删除')));
  }

  /** The seat as last shown (a row keeps the seat it was built with; edits need the latest). */
  const shownSeats = new Map();
  const currentSeat = (id) => shownSeats.get(id);

  function updateSeat(tr, seat, groupNames) {
    shownSeats.set(seat.seat_id, seat);
    const cell = (k, text) => { tr.querySelector(`[data-cell="${k}"]`).textContent = text ?? ''; };
    cell('id', seat.seat_id);
    cell('name', seat.name);
    cell('extension', seat.extension);
    cell('contact', seat.contact);
    cell('since', seat.status_datetime);
    cell('groups', (seat.group_ids || []).map((id) => groupNames.get(id) || `#${id}`).join('、'));
    cell('calls', seat.calls_today ?? 0);
    cell('talk', duration(seat.talk_seconds_today));
    const status = tr.querySelector('.seat-status');
    status.className = `seat-status seat-${seat.status}`;
    status.dataset.status = seat.status;
    status.textContent = (SEAT_STATUS[seat.status] || seat.status) + (seat.status_reason === 'no_answer' ? '（连续未接）' : '');
    status.title = seat.status_reason === 'no_answer' ? '连续未接达到上限，系统已将坐席置为小休' : '';
    const callState = tr.querySelector('.call-state');
    callState.className = `call-state call-${seat.call_state}`;
    callState.dataset.state = seat.call_state;
    callState.textContent = CALL_STATE[seat.call_state] || seat.call_state;
    tr.querySelectorAll('.seat-action').forEach((b) => b.classList.toggle('current', b.dataset.status === seat.status));
  }

  function groupRow(group) {
    const remove = async () => {
      const name = groups.find((g) => g.bridge_group_id === group.bridge_group_id)?.name || group.name;
      if (!window.confirm(`确定删除转接组「${name}」吗？`)) return;
      try {
        await del(userPath(`/bridge-group/${group.bridge_group_id}`));
        flash(`转接组「${name}」已删除。`, 'ok');
        await refresh();
      } catch (error) {
        showError(error);
      }
    };
    return h('tr', { dataset: { group: group.bridge_group_id } },
      ['id', 'name', 'seats', 'strategy', 'timeouts'].map((k) => h('td', { dataset: { cell: k }, class: k === 'id' ? 'num' : undefined })),
      STATS.map(([key]) => h('td', { class: 'num', dataset: { stat: key } })),
      h('td', { class: 'actions' },
        h('button', { type: 'button', class: 'link edit write', onclick: () => groupEditor.edit(groups.find((g) => g.bridge_group_id === group.bridge_group_id)) }, '编辑'),
        h('button', { type: 'button', class: 'danger delete write', onclick: remove }, '删除')));
  }

  function updateGroup(tr, group, names) {
    const cell = (k, text) => { tr.querySelector(`[data-cell="${k}"]`).textContent = text ?? ''; };
    cell('id', group.bridge_group_id);
    cell('name', group.name);
    cell('seats', group.seat_ids.map((id) => names.get(id) || `#${id}`).join(' → '));
    cell('strategy', STRATEGY[group.strategy] || group.strategy);
    cell('timeouts', `振铃 ${group.ring_timeout_seconds} 秒 / 等待 ${group.max_wait_seconds} 秒`);
    for (const [key] of STATS) tr.querySelector(`[data-stat="${key}"]`).textContent = group.stats?.[key] ?? 0;
  }

  render(
    h('h1', {}, '坐席'),
    h('p', { class: 'muted' }, '任务设置了转接组后，需要转人工的通话会接到该组中「示闲」且空闲的坐席。坐席签入后才会接到电话。'),
    seatEditor.element,
    h('div', { class: 'toolbar' }, statusFilter, groupFilter, h('span', { class: 'spacer' }), live),
    h('table', { id: 'seats' },
      h('thead', {}, h('tr', {}, ['ID', '名称', '分机', '呼叫串', '状态', '通话状态', '状态时间', '转接组', '今日接听', '今日通话时长', '操作']
        .map((t) => h('th', {}, t)))),
      seatBody),
    seatPager,
    h('h2', {}, '转接组'),
    groupEditor.element,
    h('table', { id: 'bridge-groups' },
      h('thead', {}, h('tr', {}, ['ID', '名称', '坐席（按顺序）', '分配策略', '超时', ...STATS.map(([, t]) => t), '操作']
        .map((t) => h('th', {}, t)))),
      groupBody));
  await loadSeatNames();
  await refresh();
  const timer = setInterval(() => { if (!document.hidden) refresh(true); }, REFRESH_MS);
  onLeave(() => { gone = true; clearInterval(timer); });
}

/** Keeps the rows when the same ids are shown in the same order; rebuilds them otherwise. */
function keepRows(body, key, ids, build, columns, empty) {
  const rows = [...body.querySelectorAll(`tr[data-${key}]`)];
  const same = rows.length === ids.length && rows.every((tr, i) => tr.dataset[key] === String(ids[i]));
  if (same && (ids.length || body.children.length)) return;
  body.replaceChildren(...(ids.length ? ids.map((_, i) => build(i))
    : [h('tr', {}, h('td', { colspan: columns, class: 'muted' }, empty))]));
}

function duration(seconds) {
  const s = Number(seconds) || 0;
  const m = Math.floor(s / 60);
  return m ? `${m} 分 ${s % 60} 秒` : `${s} 秒`;
}

/** An input with its error slot; ids are `${prefix}-${name}`. */
function input(prefix, name, attrs = {}) {
  return h('span', {}, h('input', { name, id: `${prefix}-${name}`, ...attrs }), h('div', { class: 'field-error', 'data-field': name }));
}

function labelled(text, control) {
  return h('label', { class: 'inline' }, `${text} `, control);
}

/** Adds a seat, or edits one (edit(seat)); saved() runs after each save. */
function seatForm(saved) {
  let editing = null;
  const title = h('h2', { id: 'seat-form-title', class: 'write' }, '添加坐席');
  const save = h('button', { class: 'primary', type: 'submit', id: 'save-seat' }, '添加坐席');
  const cancel = h('button', { type: 'button', id: 'cancel-seat', hidden: true, onclick: () => stopEditing() }, '取消编辑');
  const form = h('form', {
    class: 'toolbar write', id: 'seat-form',
    onsubmit: async (e) => {
      e.preventDefault();
      const v = (n) => form.elements[n].value.trim();
      const body = { name: v('name'), extension: v('extension') };
      for (const n of ['wrap_up_seconds', 'max_no_answer']) if (v(n)) body[n] = Number(v(n));
      // Left empty the contact follows the deployment's template (user/{extension}); on an edit it is
      // sent only when changed, so a templated contact keeps following the extension.
      if (!editing) {
        if (v('contact')) body.contact = v('contact');
      } else if (v('contact') !== (editing.contact || '')) {
        body.contact = v('contact') || null;
      }
      save.disabled = true;
      try {
        if (editing) await put(userPath(`/seat/${editing.seat_id}`), body);
        else await post(userPath('/seat'), body);
        showFieldErrors(form, {});
        flash(`坐席「${body.name}」已${editing ? '保存' : '添加'}。`, 'ok');
        stopEditing();
        await saved();
      } catch (error) {
        showError(error, form);
      } finally {
        save.disabled = false;
      }
    },
  }, input('seat', 'name', { placeholder: '坐席名称', maxlength: 100 }),
  input('seat', 'extension', { placeholder: '分机号', inputmode: 'numeric', maxlength: 20 }),
  input('seat', 'contact', { placeholder: '呼叫串，默认 user/分机号', size: 24 }),
  labelled('话后整理', input('seat', 'wrap_up_seconds', { type: 'number', min: 0, max: 3600, placeholder: '10' })), '秒',
  labelled('连续未接', input('seat', 'max_no_answer', { type: 'number', min: 1, placeholder: '3' })), '次后小休',
  save, cancel);

  function stopEditing() {
    editing = null;
    form.reset();
    showFieldErrors(form, {});
    title.textContent = '添加坐席';
    save.textContent = '添加坐席';
    cancel.hidden = true;
  }

  return {
    element: h('section', {}, title, form),
    edit(seat) {
      editing = seat;
      showFieldErrors(form, {});
      for (const n of ['name', 'extension', 'contact', 'wrap_up_seconds', 'max_no_answer']) form.elements[n].value = seat[n] ?? '';
      title.textContent = `编辑坐席：${seat.name}`;
      save.textContent = '保存坐席';
      cancel.hidden = false;
      form.elements.name.focus();
    },
  };
}

/** Adds a bridge group, or edits one; its seats are picked one by one and put in order. */
function groupForm(seatNames, saved) {
  let editing = null;
  let chosen = [];
  const title = h('h3', { id: 'bridge-group-form-title', class: 'write' }, '添加转接组');
  const picker = h('select', { id: 'bg-seat-pick' });
  const order = h('ol', { id: 'bg-seats', class: 'seat-order' });
  const save = h('button', { class: 'primary', type: 'submit', id: 'save-bridge-group' }, '添加转接组');
  const cancel = h('button', { type: 'button', id: 'cancel-bridge-group', hidden: true, onclick: () => stopEditing() }, '取消编辑');
  const strategy = h('select', { name: 'strategy', id: 'bg-strategy' },
    Object.entries(STRATEGY).map(([v, t]) => h('option', { value: v }, t)));

  function showOrder() {
    const names = seatNames();
    const move = (i, by) => { [chosen[i], chosen[i + by]] = [chosen[i + by], chosen[i]]; showOrder(); };
    order.replaceChildren(...(chosen.length ? chosen.map((id, i) => h('li', { dataset: { seat: id } },
      names.get(id) || `#${id}`, ' ',
      h('button', { type: 'button', class: 'link up', title: '上移', disabled: i === 0, onclick: () => move(i, -1) }, '↑'),
      h('button', { type: 'button', class: 'link down', title: '下移', disabled: i === chosen.length - 1, onclick: () => move(i, 1) }, '↓'),
      h('button', { type: 'button', class: 'link remove', title: '移出', onclick: () => { chosen.splice(i, 1); showOrder(); } }, '×')))
      : [h('li', { class: 'muted empty' }, '还没有选坐席')]));
    picker.replaceChildren(h('option', { value: '' }, '选择坐席…'),
      ...[...names].filter(([id]) => !chosen.includes(id)).map(([id, name]) => h('option', { value: String(id) }, name)));
  }

  const form = h('form', {
    class: 'grid write', id: 'bridge-group-form', novalidate: true,
    onsubmit: async (e) => {
      e.preventDefault();
      const v = (n) => form.elements[n].value.trim();
      const body = { name: v('name'), seat_ids: [...chosen], strategy: strategy.value };
      for (const n of ['ring_timeout_seconds', 'max_wait_seconds']) if (v(n)) body[n] = Number(v(n));
      save.disabled = true;
      try {
        if (editing) await put(userPath(`/bridge-group/${editing.bridge_group_id}`), body);
        else await post(userPath('/bridge-group'), body);
        flash(`转接组「${body.name}」已${editing ? '保存' : '添加'}。`, 'ok');
        stopEditing();
        await saved();
      } catch (error) {
        showError(error, form);
      } finally {
        save.disabled = false;
      }
    },
  },
  h('label', { for: 'bg-name' }, '名称'), input('bg', 'name', { maxlength: 100, placeholder: '转接组名称' }),
  h('label', { for: 'bg-seat-pick' }, '坐席'),
  h('div', {}, h('div', { class: 'toolbar' }, picker, h('button', {
    type: 'button', id: 'bg-seat-add',
    onclick: () => { if (picker.value) { chosen.push(Number(picker.value)); showOrder(); } },
  }, '加入')), order, h('div', { class: 'muted' }, '「按顺序」策略从上往下找第一个空闲坐席。'),
  h('div', { class: 'field-error', 'data-field': 'seat_ids' })),
  h('label', { for: 'bg-strategy' }, '分配策略'), h('div', {}, strategy, h('div', { class: 'field-error', 'data-field': 'strategy' })),
  h('label', { for: 'bg-ring_timeout_seconds' }, '振铃超时（秒）'),
  input('bg', 'ring_timeout_seconds', { type: 'number', min: 5, max: 300, placeholder: '20' }),
  h('label', { for: 'bg-max_wait_seconds' }, '客户最长等待（秒）'),
  input('bg', 'max_wait_seconds', { type: 'number', min: 0, max: 3600, placeholder: '30' }),
  h('span'), h('div', {}, save, ' ', cancel));

  function stopEditing() {
    editing = null;
    chosen = [];
    form.reset();
    showFieldErrors(form, {});
    title.textContent = '添加转接组';
    save.textContent = '添加转接组';
    cancel.hidden = true;
    showOrder();
  }

  showOrder();
  return {
    element: h('section', {}, title, form),
    seatsChanged() {
      chosen = chosen.filter((id) => seatNames().has(id));
      showOrder();
    },
    edit(group) {
      editing = group;
      chosen = [...group.seat_ids];
      showFieldErrors(form, {});
      form.elements.name.value = group.name;
      strategy.value = group.strategy;
      form.elements.ring_timeout_seconds.value = group.ring_timeout_seconds;
      form.elements.max_wait_seconds.value = group.max_wait_seconds;
      title.textContent = `编辑转接组：${group.name}`;
      save.textContent = '保存转接组';
      cancel.hidden = false;
      showOrder();
      form.scrollIntoView({ block: 'center' });
    },
  };
}
