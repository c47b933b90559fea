// The console's shell: sign-in state, the header, and the hash routes to each page.
import * as session from './session.js';
import { onSignedOut } from './api.js';
import { flash, clearStaleFlash, render, h, showError, leavePage } from './dom.js';
import { signInPage } from './pages/signin.js';
import { usersPage } from './pages/users.js';
import { tasksPage } from './pages/tasks.js';
import { taskFormPage } from './pages/taskform.js';
import { numbersPage } from './pages/numbers.js';
import { callsPage } from './pages/calls.js';
import { notifyPage } from './pages/notify.js';
import { blacklistPage } from './pages/blacklist.js';
import { linesPage } from './pages/lines.js';
import { seatsPage } from './pages/seats.js';
import { calendarsPage } from './pages/calendars.js';
import { keysPage } from './pages/keys.js';

const UUID = '[0-9a-fA-F-]{36}';

/** [pattern, page(params…), nav tab, needs a picked user] */
const routes = [
  [/^#\/signin$/, signInPage, null, false],
  [/^#\/users$/, usersPage, 'users', false],
  [/^#\/tasks$/, tasksPage, 'tasks', true],
  [/^#\/tasks\/new$/, () => taskFormPage(null), 'tasks', true],
  [new RegExp(`^#/tasks/(${UUID})/edit$`), taskFormPage, 'tasks', true],
  [new RegExp(`^#/tasks/(${UUID})/numbers$`), numbersPage, 'tasks', true],
  [new RegExp(`^#/tasks/(${UUID})/calls$`), callsPage, 'tasks', true],
  [new RegExp(`^#/tasks/(${UUID})/notify$`), notifyPage, 'tasks', true],
  [/^#\/blacklist$/, blacklistPage, 'blacklist', true],
  [/^#\/lines$/, linesPage, 'lines', true],
  [/^#\/seats$/, seatsPage, 'seats', true],
  [/^#\/calendars$/, calendarsPage, 'calendars', false],
  [/^#\/keys$/, keysPage, 'keys', false],
];

function header() {
  const signedIn = !!session.current().key;
  const user = session.user();
  document.getElementById('nav').hidden = !signedIn;
  document.getElementById('signout').hidden = !signedIn;
  document.getElementById('who').textContent = (signedIn && user ? `客户：${user.name}` : '')
    + (signedIn && session.readOnly() ? '（只读密钥）' : '');
  document.body.classList.toggle('read-only', signedIn && session.readOnly());
}

async function route() {
  leavePage();
  const hash = location.hash || '#/tasks';
  const state = session.current();
  if (!state.key && hash !== '#/signin') {
    if (state.expired) flash('会话已过期（超过 30 分钟未操作），请重新输入 API 密钥登录。', 'bad', { keep: true });
    location.replace('#/signin');
    return;
  }
  header();
  for (const [pattern, page, tab, needsUser] of routes) {
    const match = pattern.exec(hash);
    if (!match) continue;
    document.querySelectorAll('#nav a').forEach((a) => a.classList.toggle('active', a.dataset.nav === tab));
    if (needsUser && !session.user()) {
      location.replace('#/users');
      return;
    }
    try {
      await page(...match.slice(1));
    } catch (e) {
      showError(e);
      if (!document.getElementById('view').children.length) render(h('p', { class: 'muted' }, '页面未能加载。'));
    }
    return;
  }
  render(h('h1', {}, '页面不存在'), h('p', {}, h('a', { href: '#/tasks' }, '返回任务列表')));
}

onSignedOut((error) => {
  flash(error.message, 'bad', { keep: true });
  if (location.hash !== '#/signin') location.replace('#/signin');
});

document.getElementById('signout').addEventListener('click', () => {
  session.signOut();
  flash('已退出。', 'ok', { keep: true });
  location.replace('#/signin');
});

// One page at a time: a page still loading when the hash changes finishes (and registers its
// onLeave) before the next one starts, so it can neither draw over the next page nor keep polling.
let routing = Promise.resolve();
function navigate() {
  routing = routing.then(route).catch(showError);
}

window.addEventListener('hashchange', () => { clearStaleFlash(); navigate(); });
window.addEventListener('unhandledrejection', (e) => { showError(e.reason); e.preventDefault(); });
window.addEventListener('error', (e) => showError(e.error || e.message));
navigate();
