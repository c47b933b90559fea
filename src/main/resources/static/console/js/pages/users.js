// Users (客户): pick the one to work in, or create one.
import * as session from '../session.js';
import { get, post, query } from '../api.js';
import { h, render, table, pager, flash, showError, view } from '../dom.js';
import { contactPolicyForm } from './contactpolicy.js';

export async function usersPage(page = 1) {
  const result = await get(`/agent-api/user${query({ page, per_page: 15 })}`);
  const name = h('input', { name: 'name', id: 'new-user-name', placeholder: '客户名称', maxlength: 100 });
  const form = h('form', {
    class: 'toolbar write',
    onsubmit: async (e) => {
      e.preventDefault();
      try {
        const created = await post('/agent-api/user', { name: name.value.trim() });
        pick(created.data);
      } catch (error) {
        showError(error, form);
      }
    },
  }, name, h('button', { class: 'primary', type: 'submit' }, '新建客户'), h('span', { class: 'field-error', 'data-field': 'name' }));
  const current = session.user();
  render(
    h('h1', {}, '客户'),
    h('p', { class: 'muted' }, current ? `当前客户：${current.name}` : '请选择或新建一个客户，任务、线路和黑名单都属于客户。'),
    form,
    table([
      { title: '名称', cell: (u) => u.name },
      { title: '客户 ID', cell: (u) => h('code', {}, u.user_id) },
      { title: '创建时间', cell: (u) => u.create_datetime },
      { title: '', cell: (u) => h('button', { type: 'button', class: 'pick', onclick: () => pick(u) }, current?.id === u.user_id ? '当前' : '选择') },
    ], result.data, { empty: '还没有客户' }),
    pager(result.meta, (p) => usersPage(p).catch(showError)));
  if (current) {
    view().append(await contactPolicyForm());
  }
}

function pick(user) {
  session.pickUser(user.user_id, user.name);
  flash(`已切换到客户「${user.name}」。`, 'ok', { keep: true });
  location.hash = '#/tasks';
}
