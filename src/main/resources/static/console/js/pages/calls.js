// A task's call records: outcome and phone filters, paging, intention, transfer to a person,
// recording, CSV download.
import { get, download, userPath, query } from '../api.js';
import { h, render, table, pager, flash, showError } from '../dom.js';
import { taskHeader } from './taskheader.js';

/** bridge_result (API.md 8.2); null while the call is in progress. */
const BRIDGE = { none: '未转', bridged: '已接通', fallback_bot: '回到机器人', abandoned: '放弃' };

const OUTCOME = { answered: '已接通', no_answer: '无人接听', busy: '忙线', bad_number: '空号/错号', gateway_error: '线路错误', cancelled: '已取消' };

export async function callsPage(taskId) {
  const header = await taskHeader(taskId, 'calls');
  const outcome = h('select', { id: 'outcome-filter', name: 'outcome' },
    h('option', { value: '' }, '全部结果'), Object.entries(OUTCOME).map(([v, t]) => h('option', { value: v }, t)));
  const phone = h('input', { id: 'phone-filter', name: 'phone', type: 'search', placeholder: '号码（精确）' });
  const list = h('div', { id: 'calls' });
  const filters = () => ({ outcome: outcome.value, phone: phone.value.trim() });

  async function show(page) {
    try {
      const r = await get(userPath(`/task/${taskId}/call${query({ ...filters(), page, per_page: 15 })}`));
      list.replaceChildren(table([
        { title: '号码', cell: (c) => c.phone },
        { title: '第几次', cell: (c) => c.attempt, num: true },
        { title: '开始', cell: (c) => c.start_datetime },
        { title: '接通', cell: (c) => c.answer_datetime || '' },
        { title: '时长 (秒)', cell: (c) => c.billsec ?? '', num: true },
        { title: '结果', cell: (c) => (c.outcome ? OUTCOME[c.outcome] || c.outcome : '进行中') },
        { title: '挂断原因', cell: (c) => c.hangup_cause || '' },
        { title: '意向', cell: (c) => c.intention || '' },
        { title: '转人工', cell: bridge },
        { title: '录音', cell: (c) => (c.recording_url ? h('a', { href: c.recording_url, target: '_blank', rel: 'noopener noreferrer' }, '播放') : '') },
      ], r.data, { empty: '没有通话记录' }), pager(r.meta, show));
    } catch (error) {
      showError(error);
    }
  }

  render(header,
    h('form', { class: 'toolbar', onsubmit: (e) => { e.preventDefault(); show(1); } },
      outcome, phone, h('button', { type: 'submit', id: 'filter-calls' }, '筛选'), h('span', { class: 'spacer' }),
      h('button', {
        type: 'button', id: 'download-calls',
        onclick: () => download(userPath(`/task/${taskId}/call${query({ format: 'csv', ...filters() })}`), `calls-${taskId}.csv`)
          .then((name) => flash(`已下载 ${name}`, 'ok'), showError),
      }, '下载 CSV')),
    list);
  await show(1);
}

/** The transfer's result; with a seat, who took the call and for how long. */
function bridge(call) {
  if (!call.bridge_result) return '';
  const result = h('span', { class: `bridge bridge-${call.bridge_result}` }, BRIDGE[call.bridge_result] || call.bridge_result);
  const waited = call.bridge_wait_ms != null ? `等待 ${(call.bridge_wait_ms / 1000).toFixed(1)} 秒` : null;
  if (call.bridge_result !== 'bridged') return h('span', { title: waited || '' }, result);
  return h('span', { title: waited || '' }, result,
    h('div', { class: 'bridge-seat' }, `${call.bridge_seat_name || `坐席 #${call.bridge_seat_id}`}，${call.bridge_billsec ?? 0} 秒`));
}
