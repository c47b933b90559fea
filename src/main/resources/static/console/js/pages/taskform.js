// Create or edit a task: lines with their limits, 话术组, a work-week and hours editor, dates,
// concurrency and cps, the redial rule, transfer to a person (转人工), the dial mode (外呼模式)
// and notifications. Every error of the answer's `errors` is shown next to its field.
import { get, post, put, userPath } from '../api.js';
import { h, render, flash, showError, toLocalInput, fromLocalInput } from '../dom.js';
import { DIAL_MODES } from '../pacing.js';

/** Monday first, as a Chinese calendar shows it; wday 0 is Sunday. */
const DAYS = [[1, '周一'], [2, '周二'], [3, '周三'], [4, '周四'], [5, '周五'], [6, '周六'], [0, '周日']];

/** Keys the API may name that are shown under another field. */
const ALIASES = { call_per_second: 'cps', task_extras: 'work_hour' };

export async function taskFormPage(taskId) {
  const [task, lines, groups, rules, bridgeGroups, backgrounds, calendars] = await Promise.all([
    taskId ? get(userPath(`/task/${taskId}`)).then((r) => r.data) : null,
    listAll('/line'), listAll('/group'), listAll('/recycle-rule'), listAll('/bridge-group'), listAll('/background'),
    get('/agent-api/holiday-calendar?per_page=1000').then((r) => r.data),
  ]);
  const extras = task?.task_extras || {};
  const chosen = new Map((task?.new_task_extra?.line || []).map((l) => [l.id, l.limit]));
  const field = (name, label, input, hint) => [
    h('label', { for: `f-${name}` }, label),
    h('div', {}, input, hint ? h('div', { class: 'muted' }, hint) : null, h('div', { class: 'field-error', 'data-field': name })),
  ];
  const text = (name, value, attrs = {}) => h('input', { id: `f-${name}`, name, value: value ?? '', ...attrs });
  const number = (name, value, min, max) => text(name, value, { type: 'number', min, max, step: 1 });

  const lineList = h('div', { id: 'f-line' }, lines.length ? lines.map((l) => h('div', { class: 'line-pick' },
    h('label', {}, h('input', { type: 'checkbox', name: 'line-id', value: l.line_id, checked: chosen.has(l.line_id) }), ` ${l.name}`),
    h('span', { class: 'muted' }, `（${l.gateway}，上限 ${l.limit}，${l.cps} cps）本任务并发上限`),
    h('input', { type: 'number', class: 'line-limit', min: 1, max: l.limit, placeholder: String(l.limit),
      value: chosen.get(l.line_id) && chosen.get(l.line_id) !== l.limit ? chosen.get(l.line_id) : '' })))
    : h('span', { class: 'muted' }, '还没有线路，请先在「线路」页添加。'));
  const group = h('select', { id: 'f-destination_extension', name: 'destination_extension' },
    h('option', { value: '' }, taskId ? '不设置（任务不会拨打）' : '客户的默认话术组'),
    groups.map((g) => h('option', { value: String(g.id), selected: task && task.destination_extension === String(g.id) },
      `${g.name}${g.default ? '（默认）' : ''}`)));
  const rule = h('select', { id: 'f-auto_recycle_rule_id', name: 'auto_recycle_rule_id' },
    h('option', { value: '' }, '不重呼'),
    rules.map((r) => h('option', { value: r.id, selected: task?.auto_recycle_rule_id === r.id }, r.name)));
  const notifyType = h('select', { id: 'f-call_notify_type', name: 'call_notify_type' },
    [[2, '每通电话都推送'], [1, '只推送未接通的电话'], [0, '不推送']]
      .map(([v, t]) => h('option', { value: v, selected: (task?.call_notify_type ?? 2) === v }, t)));
  const popMode = h('select', { id: 'f-pop_mode', name: 'pop_mode' },
    [[1, '按导入顺序'], [2, '按导入倒序'], [0, '随机']]
      .map(([v, t]) => h('option', { value: v, selected: (task?.new_task_extra?.pop_mode ?? 1) === v }, t)));
  const transfer = transferFields(task, bridgeGroups, backgrounds, field, number);
  const pacing = pacingFields(task, field, text, number);
  const hours = hoursEditor(extras.work_week ?? [1, 2, 3, 4, 5], extras.work_hour);
  // The agent's holiday calendars (API.md 10): ticked ones are followed, in the list's order.
  const following = new Set(task?.holiday_calendar_ids || []);
  const calendarList = h('div', { id: 'f-holiday_calendar_ids' }, calendars.length
    ? calendars.map((c) => h('label', { class: 'calendar-pick' }, h('input', { type: 'checkbox', name: 'calendar-id',
      value: String(c.holiday_calendar_id), checked: following.has(c.holiday_calendar_id) }), ` ${c.name} `))
    : h('span', { class: 'muted' }, '还没有节假日日历，可在「节假日日历」页添加。'));

  const form = h('form', { class: 'grid', id: 'task-form', novalidate: true },
    field('name', '任务名称', text('name', task?.name, { maxlength: 100, required: true })),
    field('line', '线路', lineList, '不填本任务并发上限时用线路自身的上限。'),
    field('destination_extension', '话术组', group),
    field('work_hour', '工作时间', hours.element, '每天可设多个时段，结束时间可写 24:00；不勾选的日子不拨打。'),
    field('holiday_calendar_ids', '节假日日历', calendarList, '节假日不拨打；调休工作日按所设星期几的工作时间拨打。'),
    field('start_time', '开始时间', text('start_time', toLocalInput(extras.start_time ?? task?.new_task_extra?.start_time), { type: 'datetime-local', step: 1 }), '留空则立即开始'),
    field('stop_time', '结束时间', text('stop_time', toLocalInput(extras.stop_time ?? task?.new_task_extra?.stop_time), { type: 'datetime-local', step: 1 }), '留空则不限'),
    field('maximumcall', '并发数', number('maximumcall', task?.maximumcall ?? 1, 1, 10000)),
    field('cps', '每秒呼叫数 (CPS)', number('cps', task?.call_per_second ?? 1, 1, 1000)),
    field('pop_mode', '拨打顺序', popMode),
    field('auto_recycle_rule_id', '重呼规则', rule),
    transfer.fields,
    pacing.fields,
    field('call_notify_url', '通话结果推送地址', text('call_notify_url', task?.call_notify_url, { type: 'url', placeholder: 'https://…' })),
    field('call_notify_type', '推送范围', notifyType),
    field('call_stop_notify_url', '任务结束推送地址', text('call_stop_notify_url', task?.call_stop_notify_url, { type: 'url', placeholder: 'https://…' })),
    field('remark', '备注', text('remark', task?.remark, { maxlength: 255 })),
    h('span'),
    h('div', {}, h('button', { class: 'primary write', type: 'submit', id: 'save-task' }, taskId ? '保存' : '创建任务'), ' ',
      h('a', { href: '#/tasks' }, '取消')));

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const body = { ...read(form, hours, !taskId), ...transfer.read(), ...pacing.read() };
    const button = form.querySelector('#save-task');
    button.disabled = true;
    try {
      const saved = taskId ? await put(userPath(`/task/${taskId}`), body) : await post(userPath('/task'), body);
      flash(`任务「${saved.data.name}」已${taskId ? '保存' : '创建'}。`, 'ok', { keep: true });
      location.hash = '#/tasks';
    } catch (error) {
      const errors = Object.fromEntries(Object.entries(error.errors || {}).map(([k, v]) => [ALIASES[k] || k, v]));
      showError(error.kind ? { ...error, errors } : error, form);
    } finally {
      button.disabled = false;
    }
  });
  render(h('h1', {}, taskId ? `编辑任务：${task.name}` : '新建任务'), form);
}

/**
 * The transfer half of a task (API.md 8.2): its bridge group (none: no transfer, the rest inert),
 * when a call goes to a seat, what happens with no free seat, the cap on transferred calls, the
 * pause when every seat is signed out, and the hold audio. read() answers the API's keys.
 */
function transferFields(task, bridgeGroups, backgrounds, field, number) {
  const groupId = task?.bridge_group_id ?? null;
  const known = bridgeGroups.some((g) => g.bridge_group_id === groupId);
  const group = h('select', { id: 'f-bridge_group_id', name: 'bridge_group_id' },
    h('option', { value: '' }, '不转人工'),
    bridgeGroups.map((g) => h('option', { value: String(g.bridge_group_id), selected: g.bridge_group_id === groupId },
      `${g.name}（${g.seat_ids.length} 个坐席）`)),
    groupId !== null && !known ? h('option', { value: String(groupId), selected: true }, `转接组 #${groupId}`) : null);
  const choice = (name, options, current) => h('select', { id: `f-${name}`, name },
    options.map(([v, t]) => h('option', { value: v, selected: current === v }, t)));
  const direct = choice('direct_bridge', [[0, '机器人先接待，需要时转人工'], [1, '接通即转人工（不经机器人）']], task?.direct_bridge ?? 0);
  const echo = choice('direct_bridge_echo', [[0, '客户排队等待空闲坐席'], [1, '立即回到机器人']], task?.direct_bridge_echo ?? 0);
  const cap = number('bridge_maximumcall', task?.bridge_maximumcall ?? 0, 0, 10000);
  const emptyStop = h('input', { type: 'checkbox', id: 'f-empty_seat_stop', name: 'empty_seat_stop', checked: task?.empty_seat_stop === 1 });
  const backgroundId = task?.background_file_id ?? '';
  const hold = h('select', { id: 'f-background_file_id', name: 'background_file_id' },
    h('option', { value: '' }, '默认等待音'),
    backgrounds.map((b) => h('option', { value: String(b.id), selected: String(b.id) === backgroundId }, b.name)),
    backgroundId && !backgrounds.some((b) => String(b.id) === backgroundId)
      ? h('option', { value: backgroundId, selected: true }, `背景音 #${backgroundId}`) : null);
  const rows = [
    field('direct_bridge', '转人工时机', direct),
    field('direct_bridge_echo', '无空闲坐席时', echo, '排队的客户最多等转接组的「客户最长等待」秒数。'),
    field('bridge_maximumcall', '转人工并发上限', cap, '排队、振铃坐席和与坐席通话中的电话合计；0 为不限。'),
    field('empty_seat_stop', '坐席全部签出', h('label', {}, emptyStop, ' 转接组的坐席全部签出时自动暂停任务')),
    field('background_file_id', '等待音', hold, '客户等待坐席接听时听到的声音。'),
  ].flat();
  // Without a group the rest is inert (API.md 8.2): shown faded, still kept.
  const sync = () => rows.forEach((el) => el.classList.toggle('transfer-off', !group.value));
  group.addEventListener('change', sync);
  sync();
  return {
    fields: [...field('bridge_group_id', '转人工（转接组）', group, bridgeGroups.length ? null : '还没有转接组，请先在「坐席」页添加。'), ...rows],
    read() {
      const int = (select) => (select.value === '' ? null : Number(select.value));
      const body = {
        bridge_group_id: int(group),
        direct_bridge: int(direct),
        direct_bridge_echo: int(echo),
        bridge_maximumcall: cap.value.trim() === '' ? null : Number(cap.value),
        empty_seat_stop: emptyStop.checked ? 1 : 0,
        background_file_id: hold.value || null,
      };
      // The seed's background_file_name names the file; it follows a change of background only.
      if (hold.value !== backgroundId) body.background_file_name = backgrounds.find((b) => String(b.id) === hold.value)?.name ?? null;
      return body;
    },
  };
}

/**
 * Dialing paced by seats (API.md 9): the mode, 并发比例 (bridge_proportion, used by `ratio` and by
 * the default), and predictive's highest level and abandon rate. Fields a mode does not use are
 * faded, still kept. The item shows the mode the task dials in, not whether it was set or left to
 * the default: an edit sends dial_mode only when the operator changed it, so a task left to the
 * default stays so. read() answers the API's keys.
 */
function pacingFields(task, field, text, number) {
  const initial = task?.dial_mode ?? '';
  const mode = h('select', { id: 'f-dial_mode', name: 'dial_mode' },
    h('option', { value: '', selected: initial === '' }, '默认'),
    DIAL_MODES.map(([v, t]) => h('option', { value: v, selected: initial === v }, `${t}（${v}）`)));
  const proportion = number('bridge_proportion', task?.bridge_proportion ?? 0, 0, 1000);
  const decimal = (name, value, min, max) => text(name, value, { type: 'number', min, max, step: 0.1 });
  const level = decimal('max_dial_level', task?.max_dial_level ?? 3, 1, 10);
  const rate = decimal('max_abandon_rate', task?.max_abandon_rate ?? 3, 0, 10);
  const proportionRows = field('bridge_proportion', '并发比例', proportion,
    '每个可用坐席（示闲且不在通话中）同时外呼的电话数；按坐席比例时至少为 1，0 为不用。');
  const predictiveRows = [
    field('max_dial_level', '最大拨号倍数', level, '预测式自动调整每个坐席的线路数，在 1.0 与此值之间（1.0–10.0）。'),
    field('max_abandon_rate', '最大放弃率 (%)', rate, '客户接通并要转人工后，没有及时接通坐席即为放弃；预测式让当天的放弃率不超过此值（0–10）。'),
  ].flat();
  const sync = () => {
    proportionRows.forEach((el) => el.classList.toggle('pacing-off', mode.value === 'fixed' || mode.value === 'predictive'));
    predictiveRows.forEach((el) => el.classList.toggle('pacing-off', mode.value !== 'predictive'));
  };
  mode.addEventListener('change', sync);
  sync();
  return {
    fields: [...field('dial_mode', '外呼模式', mode,
      '默认：有转接组且并发比例大于 0 时按坐席比例，否则固定并发。按坐席比例和预测式需要转接组。'), ...proportionRows, ...predictiveRows],
    read() {
      const num = (input) => (input.value.trim() === '' ? null : Number(input.value));
      const body = { bridge_proportion: num(proportion), max_dial_level: num(level), max_abandon_rate: num(rate) };
      if (!task || mode.value !== initial) body.dial_mode = mode.value || null;
      return body;
    },
  };
}

async function listAll(kind) {
  return (await get(userPath(`${kind}?per_page=1000`))).data;
}

/**
 * The request body from the form; empty optional fields are null (the API's default). An empty
 * 话术组 on create leaves the key out, so the user's default group is taken.
 */
function read(form, hours, creating) {
  const value = (name) => form.elements[name].value.trim();
  const int = (name) => (value(name) === '' ? null : Number(value(name)));
  const line = [...form.querySelectorAll('input[name="line-id"]:checked')].map((box) => {
    const limit = box.closest('.line-pick').querySelector('.line-limit').value;
    return limit ? { id: box.value, limit: Number(limit) } : box.value;
  });
  return {
    name: value('name'),
    line,
    destination_extension: value('destination_extension') || (creating ? undefined : null),
    ...hours.read(),
    holiday_calendar_ids: [...form.querySelectorAll('input[name="calendar-id"]:checked')].map((box) => Number(box.value)),
    start_time: fromLocalInput(value('start_time')),
    stop_time: fromLocalInput(value('stop_time')),
    maximumcall: int('maximumcall'),
    cps: int('cps'),
    pop_mode: int('pop_mode'),
    auto_recycle_rule_id: value('auto_recycle_rule_id') || null,
    call_notify_url: value('call_notify_url') || null,
    call_notify_type: int('call_notify_type'),
    call_stop_notify_url: value('call_stop_notify_url') || null,
    remark: value('remark') || null,
  };
}

/**
 * One row per weekday: a "works" box and its time ranges (add, remove, copy to every work day).
 * read() answers {work_week, work_hour} as the API takes them.
 */
function hoursEditor(week, workHours) {
  const ranges = new Map(DAYS.map(([d]) => [d, []]));
  for (const w of workHours || []) ranges.get(Number(w.wday))?.push([w.begin, w.end]);
  const element = h('fieldset', { class: 'hours', id: 'f-work_hour' });
  const rangeInput = (value, role) => h('input', { class: role, value, size: 5, maxlength: 5, placeholder: role === 'begin' ? '09:00' : '18:00' });
  const range = ([begin, end]) => h('span', { class: 'range' },
    rangeInput(begin, 'begin'), '–', rangeInput(end, 'end'),
    h('button', { type: 'button', class: 'link remove-range', title: '删除时段', onclick: (e) => e.target.closest('.range').remove() }, '×'));
  for (const [day, label] of DAYS) {
    const box = h('input', { type: 'checkbox', class: 'works', checked: week.includes(day) });
    const list = h('span', { class: 'ranges' }, (ranges.get(day).length ? ranges.get(day) : [['09:00', '18:00']]).map(range));
    const row = h('div', { class: 'day', dataset: { wday: day } },
      h('strong', {}, label), h('label', {}, box, ' 工作'), list,
      h('button', { type: 'button', class: 'link add-range', onclick: () => list.append(range(['14:00', '18:00'])) }, '+ 时段'),
      h('button', { type: 'button', class: 'link copy-day', onclick: () => copyToWorkDays(element, row) }, '复制到所有工作日'));
    const sync = () => row.classList.toggle('off', !box.checked);
    box.addEventListener('change', sync);
    sync();
    element.append(row);
  }
  return {
    element,
    read() {
      const days = [...element.querySelectorAll('.day')].filter((r) => r.querySelector('.works').checked);
      return {
        work_week: days.map((r) => Number(r.dataset.wday)).sort(),
        work_hour: days.flatMap((r) => [...r.querySelectorAll('.range')].map((s) => ({
          wday: Number(r.dataset.wday), begin: s.querySelector('.begin').value.trim(), end: s.querySelector('.end').value.trim(),
        }))),
      };
    },
  };
}

function copyToWorkDays(element, from) {
  const source = from.querySelector('.ranges');
  element.querySelectorAll('.day').forEach((row) => {
    if (row !== from && row.querySelector('.works').checked) {
      const copy = source.cloneNode(true);
      copy.querySelectorAll('.begin, .end').forEach((input, i) => { input.value = source.querySelectorAll('.begin, .end')[i].value; });
      copy.querySelectorAll('.remove-range').forEach((b) => b.addEventListener('click', (e) => e.target.closest('.range').remove()));
      row.querySelector('.ranges').replaceWith(copy);
    }
  });
}
