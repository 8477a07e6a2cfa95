import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { WebSession } from '../auth/web-sessions.ts';
import { AppError } from '../errors.ts';

/** Parses a body or query with zod; the first problem becomes a VALIDATION error naming the field. */
export function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.path.join('.');
  throw new AppError('VALIDATION', field ? `${field}: ${issue.message}` : issue.message, { details: { field } });
}

/** True for browser navigation and plain form posts; false for fetch() with JSON. */
export function wantsHtml(request: FastifyRequest): boolean {
  const type = request.headers['content-type'] ?? '';
  if (type.includes('application/json')) return false;
  if (type.includes('application/x-www-form-urlencoded')) return true;
  return (request.headers.accept ?? '').includes('text/html');
}

export function sessionOf(request: FastifyRequest): WebSession {
  if (!request.consoleSession) throw new AppError('UNAUTHORIZED', '请先登录');
  return request.consoleSession;
}

/** Short confirmations shown after a redirect; by code, so no text is reflected from the URL. */
export const FLASH: Record<string, string> = {
  assigned: '已指派。',
  status: '状态已更新。',
  replied: '回复已发出，职工会在原聊天里收到。',
  replyQueuedFailed: '回复已记入工单，但暂时没能发往职工的聊天，请稍后重发或电话联系。',
  noted: '内部备注已保存。',
  takeover: '已接管对话：机器人在这个对话里暂停答复。',
  handback: '已交还给机器人。',
  created: '已保存。',
  sent: '通知已开始发送。',
  scheduled: '已定时。',
  cancelled: '已取消。',
  saved: '已保存。',
  deleted: '已删除。',
  password: '密码已重置。',
  entry: '条目已通过检查并写入知识库，机器人从下一条消息起就用它回答。',
};

export function flashOf(request: FastifyRequest): string | undefined {
  const code = (request.query as Record<string, unknown> | undefined)?.ok;
  return typeof code === 'string' ? FLASH[code] : undefined;
}

/** Post/redirect/get: send the browser back to a page with a confirmation code. */
export function done(reply: FastifyReply, to: string, code: keyof typeof FLASH): FastifyReply {
  const sep = to.includes('?') ? '&' : '?';
  return reply.redirect(`${to}${sep}ok=${code}`, 303);
}

/** Reads one-or-many form values (checkbox groups) as an array. */
export function many(value: unknown): string[] {
  if (value === undefined || value === null || value === '') return [];
  return ([] as unknown[]).concat(value).map(String).filter(Boolean);
}
