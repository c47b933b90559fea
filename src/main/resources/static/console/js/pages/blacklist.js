// The user's blacklist (do-not-call list): list (with why each phone is on it), add and remove phones.
import { get, post, del, userPath, query } from '../api.js';
import { h, render, table, pager, flash, showError, showFieldErrors } from '../dom.js';

// reason: added here or through the API, or the callee refused further calls in a call (opt-out).
const REASONS = { manual: '手动添加', optout: '通话中拒绝再呼（退订）' };

export async function blacklistPage() {
  const list = h('div', { id: 'blacklist' });
  const phones = h('textarea', { id: 'blacklist-phones', name: 'phones', placeholder: '每行一个号码，或用逗号、空格分隔' });
  let current = 1;

  async function show(page) {
    current = page;
    const r = await get(userPath(`/blacklist${query({ page, per_page: 15 })}`));
    list.replaceChildren(table([
      { title: '号码', cell: (b) => b.phone },
      { title: '原因', cell: (b) => REASONS[b.reason] || b.reason },
      { title: '来源通话', cell: (b) => b.callid ? h('code', { class: 'callid' }, b.callid) : '—' },
      { title: '加入时间', cell: (b) => b.create_datetime },
      { title: '', cell: (b) => h('button', { type: 'button', class: 'danger write', onclick: () => change('remove', [b.phone]) }, '移出') },
    ], r.data, { empty: '黑名单为空' }), pager(r.meta, (p) => show(p).catch(showError)));
  }

  async function change(action, values) {
    try {
      if (action === 'add') {
        const r = await post(userPath('/blacklist'), { phones: values });
        flash(`新增 ${r.data.added} 个，已存在 ${r.data.existing} 个；${r.data.filtered_numbers} 个待拨号码不再拨打。`, 'ok');
        phones.value = '';
      } else {
        const r = await del(userPath('/blacklist'), { phones: values });
        flash(`移出 ${r.data.removed} 个；${r.data.restored_numbers} 个号码恢复待拨。`, 'ok');
      }
      showFieldErrors(form, {});
      await show(action === 'add' ? 1 : current);
    } catch (error) {
      showError(error, form);
    }
  }

  const split = () => phones.value.split(/[\s,，;；]+/).filter(Boolean);
  const form = h('form', { class: 'write', onsubmit: (e) => { e.preventDefault(); change('add', split()); } },
    phones, h('div', { class: 'field-error', 'data-field': 'phones' }),
    h('div', { class: 'toolbar' }, h('button', { class: 'primary', type: 'submit', id: 'blacklist-add' }, '加入黑名单'),
      h('button', { type: 'button', onclick: () => change('remove', split()) }, '移出黑名单')));
  render(h('h1', {}, '黑名单'),
    h('p', { class: 'muted' }, '黑名单对该客户的所有任务生效：已导入但未拨打的号码会被过滤。号码按国际格式比对：'
      + '13800138000 与 +8613800138000 视为同一号码。'),
    form, list);
  await show(1);
}
