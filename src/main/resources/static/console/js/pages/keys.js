// The agent's API keys: create one (shown once, with a copy button), see when each was last used, revoke.
import * as session from '../session.js';
import { get, post, del } from '../api.js';
import { h, render, table, flash, showError, showFieldErrors } from '../dom.js';

const SCOPES = { full: '全部权限', read: '只读' };

export async function keysPage() {
  const list = h('div', { id: 'keys' });
  const shown = h('div', { id: 'new-key-box' });

  async function show() {
    const r = await get('/agent-api/key');
    const now = Date.now();
    list.replaceChildren(table([
      { title: '名称', cell: (k) => h('span', {}, k.name, k.current ? h('span', { class: 'muted' }, '（当前登录）') : '') },
      { title: '前缀', cell: (k) => (k.prefix ? h('code', {}, `${k.prefix}…`) : '') },
      { title: '权限', cell: (k) => SCOPES[k.scope] || k.scope },
      { title: '创建时间', cell: (k) => k.created_datetime },
      { title: '最近使用', cell: (k) => k.last_used_datetime || '从未使用' },
      { title: '过期时间', cell: (k) => k.expires_datetime || '永不过期' },
      { title: '状态', cell: (k) => h('span', { class: `key-state key-state-${state(k, now)}` }, STATES[state(k, now)]) },
      { title: '', cell: (k) => (k.revoked_datetime ? '' : h('button', { type: 'button', class: 'danger revoke write', onclick: () => revoke(k) }, '停用')) },
    ], r.data, { empty: '没有密钥' }));
  }

  async function revoke(key) {
    if (!window.confirm(`确定停用密钥「${key.name}」吗？停用后使用它的程序会立即无法访问，且不能恢复。`)) return;
    try {
      await del(`/agent-api/key/${encodeURIComponent(key.key_id)}`);
      flash(`密钥「${key.name}」已停用。`, 'ok');
      if (key.current) {
        session.signOut();
        location.replace('#/signin');
        return;
      }
      await show();
    } catch (error) {
      showError(error);
    }
  }

  const name = h('input', { name: 'name', id: 'key-name', placeholder: '密钥名称（如：CRM 对接）', maxlength: 100 });
  const scope = h('select', { name: 'scope', id: 'key-scope' },
    h('option', { value: 'full' }, SCOPES.full), h('option', { value: 'read' }, `${SCOPES.read}（只能查询）`));
  const expires = h('input', { name: 'expires_datetime', id: 'key-expires', placeholder: '过期时间 yyyy-MM-dd HH:mm:ss（可空）', size: 30 });
  const form = h('form', {
    class: 'toolbar write', id: 'key-form',
    onsubmit: async (e) => {
      e.preventDefault();
      const body = { name: name.value.trim(), scope: scope.value };
      if (expires.value.trim()) body.expires_datetime = expires.value.trim();
      try {
        const created = await post('/agent-api/key', body);
        showOnce(created.data);
        name.value = '';
        expires.value = '';
        showFieldErrors(form, {});
        await show();
      } catch (error) {
        showError(error, form);
      }
    },
  }, h('span', {}, name, h('div', { class: 'field-error', 'data-field': 'name' })), scope,
  h('span', {}, expires, h('div', { class: 'field-error', 'data-field': 'expires_datetime' })),
  h('button', { class: 'primary', type: 'submit', id: 'create-key' }, '创建密钥'));

  function showOnce(key) {
    const value = h('code', { id: 'new-key' }, key.key);
    const copy = h('button', {
      type: 'button', id: 'copy-key',
      onclick: async () => {
        try {
          await navigator.clipboard.writeText(key.key);
          copy.textContent = '已复制';
        } catch {
          window.getSelection().selectAllChildren(value);
          copy.textContent = '请按 Ctrl+C 复制';
        }
      },
    }, '复制');
    shown.replaceChildren(h('div', { class: 'new-key' },
      h('p', {}, h('b', {}, `新密钥「${key.name}」（${SCOPES[key.scope]}）只显示这一次，请立即复制保存：`)),
      h('p', {}, value, ' ', copy,
        h('button', { type: 'button', class: 'link', id: 'hide-key', onclick: () => shown.replaceChildren() }, '我已保存'))));
  }

  render(h('h1', {}, 'API 密钥'),
    h('p', { class: 'muted' }, '每个密钥单独命名、可设只读和过期时间，可随时停用（所有实例在 1 秒内拒绝）。密钥只在创建时显示一次，服务只保存其摘要。最后一个可用密钥不能停用。'),
    form, shown, list);
  await show();
}

const STATES = { active: '有效', expired: '已过期', revoked: '已停用' };

// Expiry is judged in the browser, reading the service's datetimes in its default zone (Asia/Shanghai);
// the service itself refuses an expired key whatever this shows.
function state(key, now) {
  if (key.revoked_datetime) return 'revoked';
  if (key.expires_datetime && Date.parse(key.expires_datetime.replace(' ', 'T') + '+08:00') <= now) return 'expired';
  return 'active';
}
