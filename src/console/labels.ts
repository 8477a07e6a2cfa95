import type { Topic } from '../intents/types.ts';
import { STATUS_LABEL, type Priority } from '../tickets/types.ts';
import { DEFAULT_TIME_ZONE, formatTime as formatIn } from '../core/time.ts';

/** Chinese labels for the console's tables and filters. */
export const CATEGORY_LABEL: Record<Topic, string> = {
  hardship_aid: '困难帮扶',
  annual_pass: '文旅年票',
  sanatorium: '疗休养',
  rights: '维权',
  member_benefits: '会员福利',
};

export const PRIORITY_LABEL: Record<Priority, string> = { urgent: '紧急', high: '高', normal: '普通', low: '低' };

export const PLATFORM_LABEL: Record<string, string> = {
  wechat: '微信',
  telegram: 'Telegram',
  terminal: '终端',
  web: '网页',
  eval: '评测',
  phone: '电话',
  api: '接口',
};

export const TRANSCRIPT_FROM_LABEL = { worker: '职工', bot: '娘家人', operator: '话务员' } as const;

let displayZone = DEFAULT_TIME_ZONE;

/**
 * The zone every console page shows times in. Set once from TIME_ZONE when the console is built;
 * pages call `formatTime` without passing it around.
 */
export function setDisplayTimeZone(timeZone: string): void {
  displayZone = timeZone;
}

export function displayTimeZone(): string {
  return displayZone;
}

/** Wall-clock time for display: 2026年11月22日 14:05. */
export function formatTime(iso: string | null | undefined): string {
  return formatIn(iso, displayZone);
}

/** The ticket audit trail's actions, as operators read them. */
export const AUDIT_ACTION_LABEL: Record<string, string> = {
  file: '受理',
  status: '状态',
  reopen: '重新打开',
  assign: '派单',
  unassign: '取消指派',
  transcript: '对话',
  note: '备注',
  rate: '评分',
};

/** A value in the ticket audit trail (a status, who wrote a transcript line), as operators read it. */
export function auditValue(value: string | null | undefined): string {
  if (!value) return '';
  return (STATUS_LABEL as Record<string, string>)[value] ?? (TRANSCRIPT_FROM_LABEL as Record<string, string>)[value] ?? value;
}

/** The console audit log's actions, as admins read them. */
export const CONSOLE_AUDIT_LABEL: Record<string, string> = {
  login: '登录',
  'login.failed': '登录失败',
  logout: '退出登录',
  'user.add': '新增账号',
  'user.update': '修改账号',
  'group.tag': '设置群标签',
  'notice.create': '新建通知',
  'notice.send': '发送通知',
  'notice.schedule': '定时发送通知',
  'notice.cancel': '取消通知',
  'ticket.file': '受理工单',
  'ticket.assign': '派单',
  'ticket.status': '改变工单状态',
  'ticket.reply': '答复职工',
  'ticket.note': '内部备注',
  'ticket.addition': '职工补充情况',
  'ticket.rate': '职工评分',
  'conversation.takeover': '接管对话',
  'conversation.handback': '转回机器人',
  'canned.add': '新增常用回复',
  'canned.update': '修改常用回复',
  'canned.delete': '删除常用回复',
};
