import type { TicketField } from '../../src/core/message.ts';
import { FIELDS } from '../../src/tickets/fields.ts';

/** What the bot asked last: nothing yet (the opening comes), a field, or the confirmation. */
export type Asked = 'start' | TicketField | 'confirm';

const NAMES = ['李强', '王敏', '孙伟', '何军', '张丽', '刘洋', '陈静', '赵磊'];
const EMPLOYERS = ['重庆鑫达机械加工厂', '重庆捷运仓储物流有限公司', '重庆恒通汽车配件有限公司', '重庆山城建筑劳务有限公司'];
const DISTRICTS = ['渝北区', '九龙坡区', '南岸区', '巴南区', '江北区', '沙坪坝区'];
const OPENINGS = ['老板拖欠三个月工资 想请工会帮我讨薪', '公司要裁员 一分钱补偿都不给 我想请工会帮我维权', '帮我登记欠薪 老板拖了两个月工资一万二', '加班从来不给加班费 想投诉单位'];

/** Which question a reply ends on: the confirmation, or the last field prompt (or hint) in it. */
export function askedIn(reply: string): Asked | undefined {
  if (reply.includes('“确认”')) return 'confirm';
  let best: { field: TicketField; at: number } | undefined;
  for (const f of FIELDS) {
    const at = Math.max(reply.lastIndexOf(f.prompt), reply.lastIndexOf(f.hint));
    if (at >= 0 && (!best || at > best.at)) best = { field: f.name, at };
  }
  return best?.field;
}

export interface ChaosWorker {
  phone: string;
  values: Record<'name' | 'employer' | 'district', string>;
  /** What was said and answered, with the faults, for the report of a conversation that went wrong. */
  transcript: string[];
  /** The worker's message for what the bot asked; undefined once there is nothing to say. */
  answer(asked: Asked): string | undefined;
  /** Whether the bot took the message as what it was: an opening starts a form, an answer moves it on, 确认 files. */
  understood(asked: Asked, reply: string): boolean;
}

/** The i-th worker: a phone number of their own (how their tickets are found), and a story. */
export function conversationFor(i: number, random: () => number, runTag: number): ChaosWorker {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const phone = `13${String(runTag % 10_000).padStart(4, '0')}${String(i).padStart(5, '0')}`;
  const values = { name: pick(NAMES), employer: pick(EMPLOYERS), district: pick(DISTRICTS) };
  const spaced = `${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`;
  const opening = [pick(OPENINGS), random() < 0.5 ? `电话 ${spaced}` : '', random() < 0.5 ? `我在${values.district}` : ''].filter(Boolean).join(' ');
  const said: Record<TicketField, string> = { ...values, phone: spaced, description: '老板拖欠三个月工资约一万五 联系不上' };
  return {
    phone,
    values,
    transcript: [],
    answer: (asked) => (asked === 'start' ? opening : asked === 'confirm' ? '确认' : said[asked]),
    understood(asked, reply) {
      if (asked === 'confirm') return /12351-\d{8}-\d{4}/.test(reply) || reply.includes('已保存');
      const next = askedIn(reply);
      return next !== undefined && next !== asked;
    },
  };
}
