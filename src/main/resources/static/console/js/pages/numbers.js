// A task's numbers: upload a CSV file (with progress, then the import's counts and invalid rows),
// the list by status, and the CSV download.
import { get, upload, download, userPath, query } from '../api.js';
import { h, render, table, pager, flash, showError } from '../dom.js';
import { taskHeader } from './taskheader.js';

// Why the contact policy holds a pending number back (until 下次拨打).
const BLOCKED = { contact_limit: '已达呼叫次数上限', contact_interval: '未到最小间隔', callee_window: '不在被叫当地时段' };
const STATUS = { pending: '待拨打', calling: '拨打中', called: '已拨打', failed: '失败', filtered: '已过滤（黑名单）' };

export async function numbersPage(taskId) {
  const header = await taskHeader(taskId, 'numbers');
  const file = h('input', { type: 'file', id: 'csv-file', accept: '.csv,text/csv' });
  const charset = h('select', { id: 'csv-charset', title: '文件编码' },
    h('option', { value: 'UTF-8' }, 'UTF-8 编码'), h('option', { value: 'GBK' }, 'GBK 编码（Excel 另存的中文 CSV）'));
  const progress = h('progress', { id: 'upload-progress', max: 100, value: 0, hidden: true });
  const progressText = h('span', { class: 'muted', id: 'upload-progress-text' });
  const result = h('div', { id: 'import-result' });
  const list = h('div');
  const status = h('select', { id: 'number-status', onchange: () => show(1) },
    h('option', { value: '' }, '全部状态'), Object.entries(STATUS).map(([v, t]) => h('option', { value: v }, t)));
  const button = h('button', { class: 'primary', type: 'submit', id: 'upload' }, '上传并导入');

  async function show(page) {
    try {
      const r = await get(userPath(`/task/${taskId}/number${query({ status: status.value, page, per_page: 15 })}`));
      list.replaceChildren(table([
        { title: '号码', cell: (n) => n.phone },
        { title: '状态', cell: (n) => STATUS[n.status] || n.status },
        { title: '已拨次数', cell: (n) => n.attempts, num: true },
        { title: '最近挂断原因', cell: (n) => n.last_hangup_cause || '' },
        { title: '下次拨打', cell: (n) => n.next_attempt_at || '' },
        { title: '暂缓原因', cell: (n) => BLOCKED[n.blocked_reason] || n.blocked_reason || '' },
        { title: '变量', cell: (n) => Object.entries(n.variables || {}).map(([k, v]) => `${k}=${v}`).join('，') },
        { title: '导入时间', cell: (n) => n.create_datetime },
      ], r.data, { empty: '没有号码' }), pager(r.meta, show));
    } catch (error) {
      showError(error);
    }
  }

  const form = h('form', {
    class: 'toolbar write',
    onsubmit: async (e) => {
      e.preventDefault();
      const chosen = file.files[0];
      if (!chosen) {
        flash('请先选择一个 CSV 文件（第一行是表头，需有 phone 列）。');
        return;
      }
      button.disabled = true;
      progress.hidden = false;
      progress.value = 0;
      result.replaceChildren();
      try {
        const r = await upload(userPath(`/task/${taskId}/number`), chosen, `text/csv; charset=${charset.value}`, (loaded, total) => {
          progress.value = Math.round((loaded / total) * 100);
          progressText.textContent = loaded < total ? `已上传 ${progress.value}%` : '上传完成，正在导入…';
        });
        progress.value = 100;
        progressText.textContent = '导入完成';
        result.replaceChildren(importResult(r.data));
        flash(`导入完成：新增 ${r.data.accepted} 个号码。`, 'ok');
        show(1);
      } catch (error) {
        progressText.textContent = '导入失败，没有号码被导入';
        showError(error);
        const reasons = Object.values(error.errors || {}).flat();
        if (reasons.length) result.replaceChildren(h('ul', { class: 'error' }, reasons.map((r) => h('li', {}, r))));
      } finally {
        button.disabled = false;
      }
    },
  }, file, charset, button, progress, progressText);

  render(header, h('h2', {}, '导入号码'),
    h('p', { class: 'muted' }, 'CSV 文件第一行是表头，需有 phone 列，其余列作为变量（如 name）。请选择文件的编码：UTF-8，或 Excel 另存的中文 CSV 常用的 GBK。'),
    form, result,
    h('h2', {}, '号码列表'),
    h('div', { class: 'toolbar' }, status, h('span', { class: 'spacer' }),
      h('button', {
        type: 'button', id: 'download-numbers',
        onclick: () => download(userPath(`/task/${taskId}/number${query({ format: 'csv', status: status.value })}`), `numbers-${taskId}.csv`)
          .then((name) => flash(`已下载 ${name}`, 'ok'), showError),
      }, '下载 CSV')),
    list);
  await show(1);
}

function importResult(data) {
  return h('div', {},
    h('div', { class: 'cards' },
      h('div', { class: 'card' }, '新增', h('b', { id: 'accepted' }, data.accepted)),
      h('div', { class: 'card' }, '重复', h('b', { id: 'duplicate' }, data.duplicate)),
      h('div', { class: 'card' }, '无效', h('b', { id: 'invalid' }, data.invalid))),
    data.invalid_rows.length ? table([
      { title: '行号', cell: (r) => r.row, num: true },
      { title: '号码', cell: (r) => r.phone ?? '' },
      { title: '原因', cell: (r) => r.reason },
    ], data.invalid_rows) : null,
    data.invalid > data.invalid_rows.length ? h('p', { class: 'muted' }, `只列出前 ${data.invalid_rows.length} 行无效号码。`) : null);
}
