// The picked user's contact policy (联系策略): how often and when its callees may be called, across all its tasks.
import { get, put, userPath } from '../api.js';
import { h, flash, showError, showFieldErrors } from '../dom.js';

const num = (id, value, min) => h('input', { id, name: id, type: 'number', min, step: 1, value: value ?? '', placeholder: '不限' });
const error = (field) => h('div', { class: 'field-error', 'data-field': field });

/** The form, filled from the service; saving PUTs the whole policy (empty fields: no limit / no window). */
export async function contactPolicyForm() {
  const p = (await get(userPath('/contact-policy'))).data;
  const perDay = num('policy-max-per-day', p.max_per_day, 1);
  const perWeek = num('policy-max-per-week', p.max_per_week, 1);
  const interval = num('policy-min-interval', p.min_interval_minutes, 0);
  const begin = h('input', { id: 'policy-window-begin', name: 'window.begin', placeholder: '08:00', value: p.window?.begin ?? '' });
  const end = h('input', { id: 'policy-window-end', name: 'window.end', placeholder: '21:00', value: p.window?.end ?? '' });
  const zone = h('select', { id: 'policy-timezone-source', name: 'timezone_source' },
    h('option', { value: 'phone' }, '按被叫号码所在时区'), h('option', { value: 'deployment' }, '按系统时区'));
  zone.value = p.timezone_source;
  const optout = h('input', { id: 'policy-optout', name: 'optout_to_blacklist', type: 'checkbox' });
  optout.checked = p.optout_to_blacklist;
  const whole = (input) => (input.value.trim() === '' ? null : Number(input.value));

  const form = h('form', {
    id: 'contact-policy',
    class: 'form',
    onsubmit: async (e) => {
      e.preventDefault();
      const body = {
        max_per_day: whole(perDay),
        max_per_week: whole(perWeek),
        min_interval_minutes: whole(interval) ?? 0,
        window: begin.value.trim() || end.value.trim() ? { begin: begin.value.trim(), end: end.value.trim() } : null,
        timezone_source: zone.value,
        optout_to_blacklist: optout.checked,
      };
      try {
        await put(userPath('/contact-policy'), body);
        showFieldErrors(form, {});
        flash('联系策略已保存，5 秒内对未拨打的号码生效。', 'ok');
      } catch (err) {
        showError(err, form);
      }
    },
  },
  h('label', {}, '每个号码每天最多呼叫（次）', perDay), error('max_per_day'),
  h('label', {}, '每个号码每周最多呼叫（次，周一起）', perWeek), error('max_per_week'),
  h('label', {}, '同一号码两次呼叫最小间隔（分钟）', interval), error('min_interval_minutes'),
  h('label', {}, '被叫当地可呼叫时段', h('span', { class: 'toolbar' }, begin, ' 至 ', end)), error('window'),
  h('label', {}, '时区', zone), error('timezone_source'),
  h('label', {}, optout, ' 被叫要求不再来电时加入黑名单'), error('optout_to_blacklist'),
  h('div', { class: 'toolbar' }, h('button', { class: 'primary write', type: 'submit', id: 'policy-save' }, '保存联系策略')));
  return h('section', {}, h('h2', {}, '联系策略'),
    h('p', { class: 'muted' }, '对该客户的所有任务和线路生效：同一号码（按 E.164 比较）的呼叫次数、间隔和被叫当地时段。留空表示不限。'),
    form);
}
