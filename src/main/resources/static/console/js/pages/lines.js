// Caller lines (SIP trunks) and 话术组 (where answered calls go): list, add, delete.
import { get, post, del, userPath, query } from '../api.js';
import { h, render, table, pager, flash, showError, showFieldErrors } from '../dom.js';

export async function linesPage() {
  const list = h('div', { id: 'lines' });

  async function show(page) {
    const r = await get(userPath(`/line${query({ page, per_page: 15 })}`));
    list.replaceChildren(table([
      { title: '名称', cell: (l) => l.name },
      { title: '网关', cell: (l) => l.gateway },
      { title: 'FreeSWITCH 节点', cell: (l) => l.node_id },
      { title: 'CPS', cell: (l) => l.cps, num: true },
      { title: '并发上限', cell: (l) => l.limit, num: true },
      { title: '主叫号码', cell: (l) => l.caller_number },
      { title: '', cell: (l) => h('button', { type: 'button', class: 'danger write', onclick: () => remove(l) }, '删除') },
    ], r.data, { empty: '还没有线路' }), pager(r.meta, (p) => show(p).catch(showError)));
  }

  async function remove(line) {
    if (!window.confirm(`确定删除线路「${line.name}」吗？`)) return;
    try {
      await del(userPath(`/line/${line.line_id}`));
      flash(`线路「${line.name}」已删除。`, 'ok');
      await show(1);
    } catch (error) {
      showError(error);
    }
  }

  const input = (name, placeholder, attrs = {}) => h('span', {}, h('input', { name, id: `line-${name}`, placeholder, ...attrs }),
    h('div', { class: 'field-error', 'data-field': name }));
  const form = h('form', {
    class: 'toolbar write',
    onsubmit: async (e) => {
      e.preventDefault();
      const v = (n) => form.elements[n].value.trim();
      const body = { name: v('name'), gateway: v('gateway'), node_id: v('node_id') };
      for (const n of ['cps', 'limit']) if (v(n)) body[n] = Number(v(n));
      if (v('caller_number')) body.caller_number = v('caller_number');
      try {
        await post(userPath('/line'), body);
        showFieldErrors(form, {});
        flash(`线路「${body.name}」已添加。`, 'ok');
        form.reset();
        await show(1);
      } catch (error) {
        showError(error, form);
      }
    },
  }, input('name', '线路名称'), input('gateway', '网关名'), input('node_id', 'FreeSWITCH 节点'),
  input('cps', 'CPS', { type: 'number', min: 1 }), input('limit', '并发上限', { type: 'number', min: 1 }),
  input('caller_number', '主叫号码'), h('button', { class: 'primary', type: 'submit', id: 'add-line' }, '添加线路'));
  render(h('h1', {}, '线路'), form, list, await groupsSection());
  await show(1);
}

/** The 话术组: a task needs one to dial (without one it waits). */
async function groupsSection() {
  const list = h('div', { id: 'groups' });
  async function show() {
    const r = await get(userPath('/group?per_page=1000'));
    list.replaceChildren(table([
      { title: 'ID', cell: (g) => g.id, num: true },
      { title: '名称', cell: (g) => g.name },
      { title: '默认', cell: (g) => (g.default ? '是' : '') },
    ], r.data, { empty: '还没有话术组：任务需要话术组才会拨打' }));
  }
  const name = h('input', { name: 'name', id: 'group-name', placeholder: '话术组名称', maxlength: 100 });
  const isDefault = h('input', { type: 'checkbox', id: 'group-default' });
  const form = h('form', {
    class: 'toolbar write',
    onsubmit: async (e) => {
      e.preventDefault();
      try {
        await post(userPath('/group'), { name: name.value.trim(), default: isDefault.checked });
        showFieldErrors(form, {});
        flash(`话术组「${name.value.trim()}」已添加。`, 'ok');
        form.reset();
        await show();
      } catch (error) {
        showError(error, form);
      }
    },
  }, h('span', {}, name, h('div', { class: 'field-error', 'data-field': 'name' })),
  h('label', {}, isDefault, ' 设为默认（新任务不选话术组时用它）'),
  h('button', { class: 'primary', type: 'submit', id: 'add-group' }, '添加话术组'));
  await show();
  return h('section', {}, h('h2', {}, '话术组'), form, list);
}
