import { existsSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import type { OutboundQueue } from '../adapters/channel.ts';
import { PLATFORMS } from '../core/message.ts';
import type { Database } from '../db/index.ts';
import { AppError } from '../errors.ts';
import type { Logger } from '../log.ts';
import { createGroupStore, normalizeTags, type GroupStore } from './groups.ts';
import { noticeReply } from './render.ts';
import { createNoticeStore, type NoticeStore } from './store.ts';
import { noticeDedupeKey, parseNoticeDedupeKey, type DeliveryReport, type Notice, type NoticeDraft, type SubscribeChat } from './types.ts';

/** Records what happened to each notice message; the outbound path calls it after every attempt. */
export interface DeliveryTracker {
  /** True when the dedupe key belongs to a notice (other messages are not tracked). */
  tracks(dedupeKey: string): boolean;
  /** `attempts`: how many tries it took, when the caller knows; otherwise one more is counted. */
  delivered(dedupeKey: string, attempts?: number): Promise<void>;
  failed(dedupeKey: string, error: unknown, attempts?: number): Promise<void>;
}

/**
 * Policy notices: the groups' subscriptions, composing and scheduling, and delivery through the
 * outbound queue. Each (notice, group) pair is a row written before anything is queued, and each
 * message carries the dedupe key `notice:<id>:<group>`, so a dispatcher that dies half-way is
 * simply run again: rows still `pending` are queued, rows already queued are not queued twice by
 * the queue's dedupe.
 */
export interface NoticeService extends DeliveryTracker {
  groups: GroupStore;
  store: NoticeStore;
  /** Called by adapters and the engine for /subscribe and 订阅通知; returns the text to answer with. */
  subscribe(chat: SubscribeChat): Promise<{ changed: boolean; text: string }>;
  unsubscribe(chat: SubscribeChat): Promise<{ changed: boolean; text: string }>;
  validate(input: unknown): NoticeDraft;
  /** `formKey`: the compose form's one-time key; posting the same form again returns the notice it saved. */
  create(draft: NoticeDraft, actor: string, options?: { formKey?: string }): Promise<Notice>;
  /** Claims the notice and queues its deliveries now; refused when no subscribed group matches. */
  sendNow(id: number): Promise<Notice>;
  schedule(id: number, at: string): Promise<Notice>;
  cancel(id: number): Promise<Notice>;
  /** One pass of the scheduler: claim due notices, queue pending rows, finish notices. Returns messages queued. */
  dispatch(): Promise<number>;
  report(id: number): Promise<DeliveryReport>;
  /** Runs `dispatch` every `intervalMs` until stopped. */
  startScheduler(options?: { intervalMs?: number }): { stop(): Promise<void> };
}

const httpLink = z
  .string()
  .trim()
  .max(500)
  .refine((v) => v === '' || /^https?:\/\/[^\s<>"]+$/i.test(v), '链接须以 http:// 或 https:// 开头');

const draftSchema = z.object({
  title: z.string().trim().min(1, '请填写标题').max(60, '标题最多 60 字'),
  body: z.string().trim().min(1, '请填写正文').max(3000, '正文最多 3000 字'),
  link: httpLink.default(''),
  audience: z
    .object({
      tags: z.union([z.string(), z.array(z.string())]).default([]).transform((t) => normalizeTags(t)),
      regions: z.union([z.string(), z.array(z.string())]).default([]).transform((t) => normalizeTags(t)),
      platforms: z.union([z.enum(PLATFORMS), z.array(z.enum(PLATFORMS))]).default([]).transform((p) => [...new Set([p].flat())]),
    })
    .default({ tags: [], regions: [], platforms: [] }),
});

/** Why a notice that would reach nobody is not sent. */
export const NO_AUDIENCE = '没有发送：所选的标签、地区和平台下没有已订阅的群，这条通知不会送到任何人。请放宽发送对象，或先让群里发送“订阅通知”。';

export function createNoticeService(options: {
  database: Database;
  outbound: OutboundQueue;
  clock: () => Date;
  log: Logger;
  /** Rows queued per pass; the queue paces the actual sends. */
  batchSize?: number;
  /**
   * For the embedded database, which opens on its first need: a file that exists while no notice
   * is scheduled or being sent. The scheduler then leaves a database that is not open yet closed.
   */
  idleFile?: string;
}): NoticeService {
  const { database, outbound, clock } = options;
  const log = options.log.child({ mod: 'notices' });
  const groups = createGroupStore({ database, clock });
  const store = createNoticeStore({ database, clock });
  const batchSize = options.batchSize ?? 200;
  let dispatching: Promise<number> | undefined;
  const { idleFile } = options;
  /** Counts notices scheduled or claimed, so a pass that saw nothing waiting does not mark idle over a newer one. */
  let changes = 0;
  /** Before a notice is scheduled or claimed: gone first, so a stop in between only costs one opening at the next start. */
  async function busy(): Promise<void> {
    changes += 1;
    if (idleFile) await rm(idleFile, { force: true });
  }
  /** Cleared when the file cannot be written (a read-only DATA_DIR): each start then opens the database once to look. */
  let canMarkIdle = Boolean(idleFile);
  async function markIdle(): Promise<void> {
    const seen = changes;
    if (!idleFile || !canMarkIdle || existsSync(idleFile) || (await store.anyWaiting())) return;
    if (seen !== changes) return;
    await writeFile(idleFile, '').catch((err: unknown) => {
      canMarkIdle = false;
      log.warn({ err }, 'could not write the notices-idle file; the database will be opened at each start');
    });
  }
  /** Whether a pass can have work: always on an open database; on one not open yet, unless it is known to be idle. */
  const worthAPass = () => {
    const state = database.state();
    return state === 'open' || (state === 'not opened yet' && !(idleFile && existsSync(idleFile)));
  };

  async function queuePending(): Promise<number> {
    let queued = 0;
    const notices = new Map<number, Notice | undefined>();
    for (;;) {
      const rows = await store.pending(batchSize);
      if (rows.length === 0) return queued;
      for (const row of rows) {
        if (!notices.has(row.noticeId)) notices.set(row.noticeId, await store.get(row.noticeId));
        const notice = notices.get(row.noticeId)!;
        const group = await groups.get(row.groupId);
        if (!group?.subscribed) {
          await store.setStatus(row.noticeId, row.groupId, 'skipped', { from: ['pending'] });
          continue;
        }
        const dedupeKey = noticeDedupeKey(row.noticeId, row.groupId);
        // Queue first, then mark: dying in between re-queues the same key, which the queue drops.
        await outbound.enqueue({ platform: row.platform, chatId: row.chatId, reply: noticeReply(notice, dedupeKey), dedupeKey });
        await store.setStatus(row.noticeId, row.groupId, 'queued', { from: ['pending'] });
        queued += 1;
      }
    }
  }

  async function dispatchOnce(): Promise<number> {
    const now = clock().toISOString();
    const claimed = await store.claimDue(now);
    if (claimed.length) log.info({ notices: claimed }, 'scheduled notices due');
    const queued = await queuePending();
    const finished = await store.finish(clock().toISOString());
    if (finished.sent.length) log.info({ notices: finished.sent, queued }, 'notices fully queued');
    if (finished.unsent.length) log.warn({ notices: finished.unsent }, 'notices reached no group: none of their groups was still subscribed');
    await markIdle();
    return queued;
  }

  const service: NoticeService = {
    groups,
    store,
    async subscribe(chat) {
      const { changed } = await groups.subscribe(chat);
      log.info({ platform: chat.platform, chatId: chat.chatId, changed }, 'group subscribed');
      return {
        changed,
        text: changed ? '已订阅工会政策通知。发送“取消订阅”可随时退订。' : '本群已经订阅了工会政策通知。发送“取消订阅”可退订。',
      };
    },
    async unsubscribe(chat) {
      const { changed } = await groups.unsubscribe(chat);
      log.info({ platform: chat.platform, chatId: chat.chatId, changed }, 'group unsubscribed');
      return { changed, text: changed ? '已取消订阅，不再推送工会通知。想再收到时发送“订阅通知”。' : '本群没有订阅工会通知。发送“订阅通知”即可订阅。' };
    },
    validate(input) {
      const parsed = draftSchema.safeParse(input);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new AppError('VALIDATION', issue.message, { details: { field: issue.path.join('.') } });
      }
      return parsed.data;
    },
    async create(draft, actor, opts) {
      return (await store.create(service.validate(draft), actor, opts)).notice;
    },
    async sendNow(id) {
      const notice = await store.get(id);
      if (!notice) throw new AppError('VALIDATION', '没有这条通知');
      if ((await store.countAudience(notice)) === 0) throw new AppError('VALIDATION', NO_AUDIENCE, { details: { field: 'audience' } });
      await busy();
      if (!(await store.claim(id))) throw new AppError('INVALID_TRANSITION', '这条通知已经发出或取消');
      await service.dispatch();
      return (await store.get(id))!;
    },
    async schedule(id, at) {
      const when = new Date(at);
      if (Number.isNaN(when.getTime())) throw new AppError('VALIDATION', '定时时间格式不对', { details: { field: 'scheduledAt' } });
      if (when.getTime() < clock().getTime() - 60_000) throw new AppError('VALIDATION', '定时时间已经过去了', { details: { field: 'scheduledAt' } });
      await busy();
      return store.schedule(id, when.toISOString());
    },
    cancel: (id) => store.cancel(id),
    async dispatch() {
      // One pass at a time per process; other processes are kept apart by the claim statements.
      while (dispatching) await dispatching.catch(() => 0);
      dispatching = dispatchOnce();
      try {
        return await dispatching;
      } finally {
        dispatching = undefined;
      }
    },
    report: (id) => store.report(id),
    tracks: (key) => parseNoticeDedupeKey(key) !== undefined,
    async delivered(key, attempts) {
      const ids = parseNoticeDedupeKey(key);
      if (!ids) return;
      await store.setStatus(ids.noticeId, ids.groupId, 'sent', { attempts, from: ['pending', 'queued', 'failed'] });
    },
    async failed(key, error, attempts) {
      const ids = parseNoticeDedupeKey(key);
      if (!ids) return;
      const message = error instanceof Error ? error.message : String(error);
      await store.setStatus(ids.noticeId, ids.groupId, 'failed', { attempts, error: message.slice(0, 300), from: ['pending', 'queued', 'failed'] });
    },
    startScheduler(opts = {}) {
      const intervalMs = opts.intervalMs ?? 5000;
      let stopped = false;
      let running: Promise<unknown> = Promise.resolve();
      const tick = () => {
        if (stopped) return;
        if (!worthAPass()) {
          timer = setTimeout(tick, intervalMs);
          return;
        }
        running = service
          .dispatch()
          .catch((err) => log.warn({ err }, 'notice dispatch failed; will retry'))
          .finally(() => {
            if (!stopped) timer = setTimeout(tick, intervalMs);
          });
      };
      let timer: NodeJS.Timeout = setTimeout(tick, 0);
      return {
        async stop() {
          stopped = true;
          clearTimeout(timer);
          await running;
        },
      };
    },
  };
  return service;
}
