/**
 * Who may do what in the console. Operators work tickets, officers send notices, admins do both
 * and manage accounts, group tags and the canned replies. One table, checked by every route.
 */
export const ROLES = ['operator', 'officer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABEL: Record<Role, string> = { operator: '话务员', officer: '通知专员', admin: '管理员' };

export const PERMISSIONS = ['tickets', 'notices', 'groups.edit', 'users', 'dashboard', 'audit', 'canned', 'knowledge'] as const;
export type Permission = (typeof PERMISSIONS)[number];

const GRANTS: Record<Role, readonly Permission[]> = {
  operator: ['tickets', 'dashboard'],
  officer: ['notices', 'dashboard', 'knowledge'],
  admin: ['tickets', 'notices', 'groups.edit', 'users', 'dashboard', 'audit', 'canned', 'knowledge'],
};

export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
