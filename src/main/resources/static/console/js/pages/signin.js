// Sign in with an agent's API key: checked against the service before it is kept.
import * as session from '../session.js';
import { verifyKey } from '../api.js';
import { h, render, flash, showError } from '../dom.js';

export function signInPage() {
  const key = h('input', { type: 'password', name: 'key', id: 'key', autocomplete: 'off', required: true,
    placeholder: 'ct_…' });
  const button = h('button', { class: 'primary', type: 'submit', id: 'signin' }, '登录');
  const form = h('form', {
    class: 'signin',
    onsubmit: async (e) => {
      e.preventDefault();
      const value = key.value.trim();
      if (!value) {
        flash('请输入 API 密钥。');
        return;
      }
      button.disabled = true;
      try {
        session.signIn(value, await verifyKey(value));
        flash('');
        location.replace(session.user() ? '#/tasks' : '#/users');
      } catch (error) {
        showError(error.kind === 'auth' ? { kind: 'auth', message: 'API 密钥无效，请检查后重试。' } : error);
      } finally {
        button.disabled = false;
      }
    },
  },
  h('h1', {}, '登录'),
  h('p', { class: 'muted' }, '输入代理商的 API 密钥。密钥只保存在本浏览器标签页中，关闭标签页或 30 分钟未操作后需重新登录。'),
  h('p', {}, key),
  h('p', {}, button));
  render(form);
  key.focus();
}
