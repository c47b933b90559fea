// A task's webhook delivery log, with redeliver for failed events.
import { get, post, userPath, query } from '../api.js';
import { h, render, table, pager, flash, showError } from '../dom.js';
import { taskHeader } from './taskheader.js';

const STATUS = { pending: '待推送', delivered: '已送达', failed: '失败' };

export async function notifyPage(taskId) {
  const header = await taskHeader(taskId, 'notify');
  const status = h('select', { id: 'notify-status', onchange: () => show(1) },
    h('option', { value: '' }, '全部'), Object.entries(STATUS).map(([v, t]) => h('option', { value: v }, t)));
  const list = h('div', { id: 'notify' });
  let current = 1;

  async function show(page) {
    current = page;
    try {
      const r = await get(userPath(`/task/${taskId}/notify${query({ status: status.value, page, per_page: 15 })}`));
      list.replaceChildren(table([
        { title: '事件', cell: (e) => e.type },
        { title: '状态', cell: (e) => STATUS[e.status] || e.status },
        { title: '尝试次数', cell: (e) => e.attempts, num: true },
        { title: '最近应答', cell: (e) => e.last_status_code ?? '' },
        { title: '最近错误', cell: (e) => e.last_error || '' },
        { title: '创建时间', cell: (e) => e.created_datetime },
        { title: '下次推送', cell: (e) => e.next_attempt_datetime || '' },
        { title: '送达时间', cell: (e) => e.delivered_datetime || '' },
        { title: '', cell: (e) => (e.status === 'failed' ? h('button', { type: 'button', class: 'redeliver write', onclick: () => redeliver(e) }, '重新推送') : '') },
      ], r.data, { empty: '没有推送记录（任务未设置推送地址，或还没有通话结束）' }), pager(r.meta, show));
    } catch (error) {
      showError(error);
    }
  }

  async function redeliver(event) {
    try {
      await post(userPath(`/task/${taskId}/notify/${event.id}/redeliver`));
      flash('已重新加入推送队列。', 'ok');
      await show(current);
    } catch (error) {
      showError(error);
    }
  }

  render(header, h('div', { class: 'toolbar' }, status), list);
  await show(1);
}
