// The heading of a task's sub-pages: its name and status, its dial mode, and links to its other pages.
import { get, userPath } from '../api.js';
import { h } from '../dom.js';
import { dialModeName, oneDecimal } from '../pacing.js';

const PAGES = [['numbers', '号码'], ['calls', '通话记录'], ['notify', '推送记录'], ['edit', '编辑']];

export async function taskHeader(taskId, current) {
  const task = (await get(userPath(`/task/${taskId}`))).data;
  return h('div', {},
    h('p', {}, h('a', { href: '#/tasks' }, '← 任务列表')),
    h('h1', {}, `${task.name} `, h('span', { class: `status status-${task.status}` }, task.status_str)),
    h('p', { class: 'muted task-mode' }, `外呼模式：${modeSummary(task)}`),
    h('div', { class: 'toolbar' }, PAGES.map(([page, label]) => (page === current
      ? h('strong', {}, label)
      : h('a', { href: `#/tasks/${taskId}/${page}` }, label)))));
}

/** The mode with the settings it uses: ratio's proportion, predictive's highest level and abandon rate. */
function modeSummary(task) {
  const mode = task.dial_mode ?? 'fixed';
  if (mode === 'ratio') return `${dialModeName(mode)}，每个可用坐席 ${task.bridge_proportion} 路`;
  if (mode === 'predictive') {
    return `${dialModeName(mode)}，最大拨号倍数 ${oneDecimal(task.max_dial_level)}，最大放弃率 ${oneDecimal(task.max_abandon_rate)}%`;
  }
  return dialModeName(mode);
}
