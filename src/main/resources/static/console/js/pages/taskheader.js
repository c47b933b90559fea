// The heading of a task's sub-pages: its name and status, and links to its other pages.
import { get, userPath } from '../api.js';
import { h } from '../dom.js';

const PAGES = [['numbers', '号码'], ['calls', '通话记录'], ['notify', '推送记录'], ['edit', '编辑']];

export async function taskHeader(taskId, current) {
  const task = (await get(userPath(`/task/${taskId}`))).data;
  return h('div', {},
    h('p', {}, h('a', { href: '#/tasks' }, '← 任务列表')),
    h('h1', {}, `${task.name} `, h('span', { class: `status status-${task.status}` }, task.status_str)),
    h('div', { class: 'toolbar' }, PAGES.map(([page, label]) => (page === current
      ? h('strong', {}, label)
      : h('a', { href: `#/tasks/${taskId}/${page}` }, label)))));
}
