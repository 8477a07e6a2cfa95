import { z } from 'zod';
import { INTENTS, type Intent, type Slots } from '../intents/types.ts';

/**
 * The shape the model must fill for understanding. Every slot is present and nullable rather
 * than optional, because strict json_schema servers require every property to be listed; the
 * same schema works for tool calls and json_object replies.
 */
const slot = (what: string) => z.string().max(80).nullable().describe(what);

export const understandingSchema = z.object({
  intent: z.enum(INTENTS).describe('意图'),
  confidence: z.number().min(0).max(1).describe('把握程度 0..1'),
  slots: z
    .object({
      phone: slot('手机号，没有填 null'),
      district: slot('重庆的区县，没有填 null'),
      name: slot('姓名，没有填 null'),
      employer: slot('工作单位，没有填 null'),
      ticketNumber: slot('工单号，没有填 null'),
    })
    .strict(),
});

export type ModelUnderstanding = z.output<typeof understandingSchema>;

/**
 * Keeps only the slots the message actually contains: a value the model produced that is not in
 * the worker's text (a made-up phone, a guessed district) is dropped.
 */
export function groundSlots(text: string, slots: ModelUnderstanding['slots']): Slots {
  const plain = text.normalize('NFKC').replace(/\s+/g, '');
  const digits = plain.replace(/\D/g, '');
  const out: Slots = {};
  const put = (key: keyof Slots, value: string | null, present: (v: string) => boolean) => {
    const v = value?.normalize('NFKC').trim();
    if (v && present(v)) out[key] = v;
  };
  put('phone', slots.phone, (v) => {
    const d = v.replace(/\D/g, '').replace(/^86(?=1\d{10}$)/, '');
    return /^1[3-9]\d{9}$/.test(d) && digits.includes(d);
  });
  put('district', slots.district, (v) => plain.includes(v.replace(/\s+/g, '').replace(/(区|县|自治县)$/, '')));
  put('name', slots.name, (v) => plain.includes(v.replace(/\s+/g, '')));
  put('employer', slots.employer, (v) => plain.includes(v.replace(/\s+/g, '')));
  put('ticketNumber', slots.ticketNumber, (v) => plain.includes(v.replace(/\s+/g, '')));
  return out;
}

export type Understanding = { intent: Intent; confidence: number; slots: Slots };
