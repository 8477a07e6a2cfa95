import type { Platform } from '../core/message.ts';

/** A chat that can receive policy notices: a WeChat or Telegram group (private chats may subscribe too). */
export interface Group {
  id: number;
  platform: Platform;
  chatId: string;
  title: string;
  /** Industry or audience tags an admin sets (建筑, 快递, 新就业形态 ...); notices target them. */
  tags: string[];
  region: string;
  subscribed: boolean;
  updatedAt: string;
}

/** Who a notice goes to. An empty list means "no restriction" on that axis; a group matches any listed tag. */
export interface Audience {
  tags: string[];
  regions: string[];
  platforms: Platform[];
}

/**
 * draft -> scheduled -> sending -> sent, or unsent when not one delivery was queued (every group
 * it would reach had unsubscribed by then); cancelled from draft or scheduled.
 */
export const NOTICE_STATUSES = ['draft', 'scheduled', 'sending', 'sent', 'unsent', 'cancelled'] as const;
export type NoticeStatus = (typeof NOTICE_STATUSES)[number];
export const NOTICE_STATUS_LABEL: Record<NoticeStatus, string> = {
  draft: '草稿',
  scheduled: '定时待发',
  sending: '发送中',
  sent: '已发出',
  unsent: '未发出（没有已订阅的目标群）',
  cancelled: '已取消',
};

export interface NoticeDraft {
  title: string;
  body: string;
  /** Optional http(s) link to the full policy text. */
  link: string;
  audience: Audience;
}

export interface Notice extends NoticeDraft {
  id: number;
  status: NoticeStatus;
  scheduledAt: string | null;
  createdBy: string;
  createdAt: string;
  sentAt: string | null;
}

export const DELIVERY_STATUSES = ['pending', 'queued', 'sent', 'failed', 'skipped'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
export const DELIVERY_STATUS_LABEL: Record<DeliveryStatus, string> = {
  pending: '待入队',
  queued: '排队中',
  sent: '已送达',
  failed: '失败',
  skipped: '已退订跳过',
};

/** One (notice, group) delivery: written before anything is queued, so a crash loses nothing. */
export interface Delivery {
  noticeId: number;
  groupId: number;
  groupTitle: string;
  platform: Platform;
  chatId: string;
  status: DeliveryStatus;
  attempts: number;
  lastError: string | null;
  queuedAt: string | null;
  sentAt: string | null;
}

export interface DeliveryReport {
  total: number;
  counts: Record<DeliveryStatus, number>;
  /** Deliveries that needed more than one attempt. */
  retried: number;
  rows: Delivery[];
}

/** The chat a subscribe command came from, as an adapter knows it. */
export interface SubscribeChat {
  platform: Platform;
  chatId: string;
  /** The group's name, shown to officers choosing an audience. */
  title?: string;
}

export function noticeDedupeKey(noticeId: number, groupId: number): string {
  return `notice:${noticeId}:${groupId}`;
}

export function parseNoticeDedupeKey(key: string): { noticeId: number; groupId: number } | undefined {
  const m = /^notice:(\d+):(\d+)$/.exec(key);
  return m ? { noticeId: Number(m[1]), groupId: Number(m[2]) } : undefined;
}
