import type { Database } from '../db/index.ts';
import { AppError } from '../errors.ts';
import { hashPassword } from './password.ts';
import { isRole, type Role } from './roles.ts';

/** A console account. The password hash never leaves src/auth. */
export interface User {
  id: number;
  username: string;
  role: Role;
  disabled: boolean;
  createdAt: string;
}

interface UserRow {
  id: number;
  username: string;
  role: string;
  password_hash: string;
  disabled: boolean;
  created_at: Date | string;
}

const USERNAME = /^[\p{L}\p{N}_.-]{2,32}$/u;

function toUser(row: UserRow): User {
  if (!isRole(row.role)) throw new AppError('INTERNAL', `unknown role ${row.role}`);
  return { id: row.id, username: row.username, role: row.role, disabled: row.disabled, createdAt: new Date(row.created_at).toISOString() };
}

/** Console accounts in the `console_users` table. */
export interface UserStore {
  create(input: { username: string; role: Role; password: string }): Promise<User>;
  find(username: string): Promise<(User & { passwordHash: string }) | undefined>;
  byId(id: number): Promise<User | undefined>;
  list(): Promise<User[]>;
  update(id: number, change: { role?: Role; disabled?: boolean; password?: string }): Promise<User>;
  count(): Promise<number>;
}

export function validateUsername(username: string): void {
  if (!USERNAME.test(username)) throw new AppError('VALIDATION', '用户名须为 2-32 位字母、数字、汉字或 _ . -', { details: { field: 'username' } });
}

export function validatePassword(password: string): void {
  if (password.length < 8) throw new AppError('VALIDATION', '密码至少 8 位', { details: { field: 'password' } });
}

export function createUserStore(options: { database: Database }): UserStore {
  const { database } = options;
  return {
    async create({ username, role, password }) {
      validateUsername(username);
      validatePassword(password);
      const hash = await hashPassword(password);
      const rows = await database.query<UserRow>(
        `INSERT INTO console_users (username, role, password_hash) VALUES ($1, $2, $3)
         ON CONFLICT (username) DO NOTHING RETURNING *`,
        [username, role, hash],
      );
      if (!rows[0]) throw new AppError('VALIDATION', `用户名 ${username} 已存在`, { details: { field: 'username' } });
      return toUser(rows[0]);
    },
    async find(username) {
      const [row] = await database.query<UserRow>('SELECT * FROM console_users WHERE username = $1', [username]);
      return row ? { ...toUser(row), passwordHash: row.password_hash } : undefined;
    },
    async byId(id) {
      const [row] = await database.query<UserRow>('SELECT * FROM console_users WHERE id = $1', [id]);
      return row ? toUser(row) : undefined;
    },
    async list() {
      return (await database.query<UserRow>('SELECT * FROM console_users ORDER BY username')).map(toUser);
    },
    async update(id, change) {
      if (change.password !== undefined) validatePassword(change.password);
      const hash = change.password === undefined ? null : await hashPassword(change.password);
      const [row] = await database.query<UserRow>(
        `UPDATE console_users SET role = COALESCE($2, role), disabled = COALESCE($3, disabled),
           password_hash = COALESCE($4, password_hash) WHERE id = $1 RETURNING *`,
        [id, change.role ?? null, change.disabled ?? null, hash],
      );
      if (!row) throw new AppError('VALIDATION', '没有这个用户', { details: { field: 'id' } });
      if (change.password !== undefined || change.disabled) await database.query('DELETE FROM console_sessions WHERE user_id = $1', [id]);
      return toUser(row);
    },
    async count() {
      const [row] = await database.query<{ n: number }>('SELECT count(*)::int AS n FROM console_users');
      return row?.n ?? 0;
    },
  };
}

/**
 * Creates the first admin from ADMIN_USERNAME/ADMIN_PASSWORD when that account does not exist
 * yet. An existing account is left alone, so changing its password in the console sticks.
 */
export async function ensureAdmin(users: UserStore, credentials: { username?: string; password?: string }): Promise<User | undefined> {
  if (!credentials.username || !credentials.password) return undefined;
  if (await users.find(credentials.username)) return undefined;
  try {
    return await users.create({ username: credentials.username, role: 'admin', password: credentials.password });
  } catch (err) {
    // Another process created it at the same moment.
    if (err instanceof AppError && err.code === 'VALIDATION' && (await users.find(credentials.username))) return undefined;
    throw err;
  }
}
