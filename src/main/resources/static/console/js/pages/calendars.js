// Holiday calendars (节假日日历) of the agent, shared by all its customers' tasks (API.md 10): list,
// create and edit with their days (节假日, and 调休 workdays dialed as a chosen weekday), delete (a
// calendar a task uses is refused, 409, said in the bar).
import { get, post, put, del, query } from '../api.js';
import { h, render, table, pager, flash, showError } from '../dom.js';

const PATH = '/agent-api/holiday-calendar';

/** Monday first; 0 is Sunday, as in work_week. */
const WEEKDAYS = [[1, '周一'], [2, '周二'], [3, '周三'], [4, '周四'], [5, '周五'], [6, '周六'], [0, '周日']];

const weekdayName = (d) => WEEKDAYS.find(([v]) => v === d % 7)?.[1] ?? String(d);

export async function calendarsPage() {
  const list = h('div', { id: 'calendars' });
  const editor = h('div', { id: 'calendar-editor' });
  let page = 1;

  async function show(p) {
    page = p;
    const r = await get(`${PATH}${query({ page, per_page: 15 })}`);
    list.replaceChildren(table([
      { title: 'ID', cell: (c) => c.holiday_calendar_id, num: true },
      { title: '名称', cell: (c) => c.name },
      { title: '节假日', cell: (c) => c.days.filter((d) => d.type === 'holiday').map((d) => d.date).join('、') },
      { title: '调休工作日', cell: (c) => c.days.filter((d) => d.type === 'workday')
        .map((d) => `${d.date}（按${weekdayName(d.as_weekday)}）`).join('、') },
      { title: '', cell: (c) => h('span', {},
        h('button', { type: 'button', class: 'edit-calendar write', onclick: () => edit(c) }, '编辑'), ' ',
        h('button', { type: 'button', class: 'danger delete-calendar write', onclick: () => remove(c) }, '删除')) },
    ], r.data, { empty: '还没有节假日日历', rowAttrs: (c) => ({ dataset: { id: c.holiday_calendar_id } }) }),
    pager(r.meta, (n) => show(n).catch(showError)));
  }

  async function remove(calendar) {
    if (!window.confirm(`确定删除节假日日历「${calendar.name}」吗？`)) return;
    try {
      await del(`${PATH}/${calendar.holiday_calendar_id}`);
      flash(`节假日日历「${calendar.name}」已删除。`, 'ok');
      await show(1);
    } catch (error) {
      showError(error); // 409 while a task uses it: the message says how many
    }
  }

  function edit(calendar) {
    editor.replaceChildren(calendarForm(calendar, async (saved) => {
      flash(`节假日日历「${saved.name}」已${calendar ? '保存' : '创建'}。`, 'ok');
      edit(null);
      await show(calendar ? page : 1);
    }));
  }

  render(h('h1', {}, '节假日日历'),
    h('p', { class: 'muted' }, '代理商的所有客户共用。任务选用日历后：节假日不拨打；调休工作日（补班）按所选星期几的工作时间拨打，即使当天不在任务的工作日内。日期按服务的时区。'),
    editor, list);
  edit(null);
  await show(1);
}

/** The form of one calendar (null: a new one): its name and its days, each with its own error line. */
function calendarForm(calendar, saved) {
  const name = h('input', { name: 'name', id: 'calendar-name', placeholder: '日历名称，如 中国 2027', maxlength: 100, value: calendar?.name ?? '' });
  const days = h('div', { class: 'calendar-days', id: 'calendar-days' });
  const dayRow = (day) => {
    const type = h('select', { class: 'day-type' },
      h('option', { value: 'holiday', selected: day.type !== 'workday' }, '节假日（不拨打）'),
      h('option', { value: 'workday', selected: day.type === 'workday' }, '调休工作日'));
    const weekday = h('select', { class: 'day-weekday' },
      WEEKDAYS.map(([v, t]) => h('option', { value: v, selected: (day.as_weekday ?? 1) % 7 === v }, `按${t}的工作时间`)));
    const sync = () => { weekday.hidden = type.value !== 'workday'; };
    type.addEventListener('change', sync);
    sync();
    return h('div', { class: 'calendar-day' },
      h('input', { type: 'date', class: 'day-date', value: day.date ?? '' }), ' ', type, ' ', weekday, ' ',
      h('button', { type: 'button', class: 'link remove-day', title: '删除这一天', onclick: (e) => e.target.closest('.calendar-day').remove() }, '×'),
      h('div', { class: 'field-error day-error' }));
  };
  (calendar?.days ?? []).forEach((d) => days.append(dayRow(d)));
  const nameError = h('div', { class: 'field-error', 'data-field': 'name' });
  const daysError = h('div', { class: 'field-error', 'data-field': 'days' });
  const form = h('form', {
    class: 'calendar-form write',
    onsubmit: async (e) => {
      e.preventDefault();
      const body = {
        name: name.value.trim(),
        days: [...days.querySelectorAll('.calendar-day')].map((row) => {
          const type = row.querySelector('.day-type').value;
          const day = { date: row.querySelector('.day-date').value, type };
          if (type === 'workday') day.as_weekday = Number(row.querySelector('.day-weekday').value);
          return day;
        }),
      };
      try {
        const r = calendar ? await put(`${PATH}/${calendar.holiday_calendar_id}`, body) : await post(PATH, body);
        await saved(r.data);
      } catch (error) {
        showError(placeDayErrors(form, error));
      }
    },
  },
  h('h2', {}, calendar ? `编辑：${calendar.name}` : '新建节假日日历'),
  h('div', {}, name, nameError),
  days, daysError,
  h('div', { class: 'toolbar' },
    h('button', { type: 'button', id: 'add-holiday', onclick: () => days.append(dayRow({ type: 'holiday' })) }, '+ 节假日'),
    h('button', { type: 'button', id: 'add-workday', onclick: () => days.append(dayRow({ type: 'workday', as_weekday: 1 })) }, '+ 调休工作日'),
    h('button', { class: 'primary', type: 'submit', id: 'save-calendar' }, calendar ? '保存' : '创建日历'),
    calendar ? h('button', { type: 'button', class: 'link', onclick: () => form.replaceWith(calendarForm(null, saved)) }, '取消编辑') : null));
  return form;
}

/**
 * Puts the answer's errors next to what they name: `days[2].date` on the third day's row, `name` and
 * `days` under their fields; answers the error with what no field took, for the bar.
 */
function placeDayErrors(form, error) {
  form.querySelectorAll('.field-error').forEach((e) => { e.textContent = ''; });
  form.querySelectorAll('.invalid').forEach((e) => e.classList.remove('invalid'));
  if (!error.kind) return error;
  const rows = [...form.querySelectorAll('.calendar-day')];
  const rest = {};
  for (const [key, reasons] of Object.entries(error.errors || {})) {
    const text = [].concat(reasons).join('；');
    const day = /^days\[(\d+)\](?:\.(\w+))?$/.exec(key);
    const slot = day ? rows[Number(day[1])]?.querySelector('.day-error')
      : form.querySelector(`.field-error[data-field="${key}"]`);
    if (slot) {
      slot.textContent = slot.textContent ? `${slot.textContent}；${text}` : text;
      const input = day ? rows[Number(day[1])].querySelector({ date: '.day-date', type: '.day-type', as_weekday: '.day-weekday' }[day[2]] || '.day-date')
        : form.querySelector(`[name="${key}"]`);
      input?.classList.add('invalid');
    } else {
      rest[key] = reasons;
    }
  }
  const placed = Object.keys(rest).length < Object.keys(error.errors || {}).length;
  const message = placed && !Object.keys(rest).length ? `${error.message}，请按提示修改。` : error.message;
  return Object.assign(Object.create(Object.getPrototypeOf(error)), error, { message, errors: rest });
}
