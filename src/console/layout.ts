import type { WebSession } from '../auth/web-sessions.ts';
import { can, ROLE_LABEL, type Permission } from '../auth/roles.ts';
import { html, type SafeHtml } from './html.ts';

const NAV: { href: string; label: string; permission: Permission }[] = [
  { href: '/tickets', label: '工单', permission: 'tickets' },
  { href: '/notices', label: '通知', permission: 'notices' },
  { href: '/groups', label: '群组', permission: 'notices' },
  { href: '/dashboard', label: '看板', permission: 'dashboard' },
  { href: '/users', label: '账号', permission: 'users' },
  { href: '/canned', label: '常用回复', permission: 'canned' },
  { href: '/audit', label: '操作日志', permission: 'audit' },
];

/** The page frame: navigation by role, the CSRF token for scripts, one stylesheet and one script. */
export function page(options: { title: string; session?: WebSession; body: SafeHtml; active?: string; flash?: string | undefined }): string {
  const { title, session, body, active, flash } = options;
  const nav = session
    ? html`<nav class="top">
        <span class="brand">娘家人 · 12351 工作台</span>
        <input type="checkbox" id="nav-toggle" class="nav-toggle" aria-label="菜单"><label for="nav-toggle" class="nav-button">菜单</label>
        <div class="nav-links">
        ${NAV.filter((n) => can(session.role, n.permission) || (n.href === '/groups' && can(session.role, 'groups.edit'))).map(
          (n) => html`<a href="${n.href}" class="${n.href === active ? 'on' : ''}">${n.label}</a>`,
        )}
        <span class="me">${session.username}（${ROLE_LABEL[session.role]}）</span>
        <form method="post" action="/logout" class="inline"><input type="hidden" name="_csrf" value="${session.csrf}"><button class="link">退出</button></form>
        </div>
      </nav>`
    : html``;
  return html`<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="csrf-token" content="${session?.csrf ?? ''}">
<title>${title} - 娘家人工作台</title>
<link rel="stylesheet" href="/assets/console.css">
<script src="/assets/console.js" defer></script>
</head>
<body>
${nav}
<main>
${flash ? html`<p class="flash" role="status">${flash}</p>` : ''}
${body}
</main>
</body>
</html>`.value;
}

/** Hidden CSRF field for a form. */
export function csrfField(session: WebSession): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${session.csrf}">`;
}

/** `<option>`s with one selected. */
export function options(items: readonly (readonly [string, string])[], selected: string | readonly string[] | undefined): SafeHtml {
  const chosen = new Set([selected ?? []].flat());
  return html`${items.map(([value, label]) => html`<option value="${value}" ${chosen.has(value) ? html`selected` : ''}>${label}</option>`)}`;
}
