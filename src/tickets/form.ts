import type { Awaiting, TicketField } from '../core/message.ts';
import { maskPhone, MOBILE_NUMBER } from '../core/redact.ts';
import { findAllDistricts, findEmployer, findName, findPhones } from '../intents/slots.ts';
import type { Topic } from '../intents/types.ts';
import { ACT_CUES } from '../intents/catalog.ts';
import { toSimplified } from '../intents/normalize.ts';
import type { FormDraft } from '../policies/action.ts';
import { FIELD_BY_NAME, FIELDS, nextMissingField } from './fields.ts';
import type { Priority, RequestType, Tier } from './types.ts';

/**
 * The ticket form as pure steps: given the draft and what the worker wrote, the next draft and
 * what to say. Filing (I/O) happens in the engine when a step returns `confirmed`.
 */

export const TOPIC_LABEL: Record<Topic, string> = {
  hardship_aid: '困难帮扶',
  annual_pass: '文旅年票',
  sanatorium: '疗休养',
  rights: '劳动权益',
  member_benefits: '会员服务',
};

const CANCEL = /^(算了|不弄了|不办了|不要了|不用了|取消|不登记了|不提交了|放弃|cancel|stop)|算了|不弄了|不办了|取消(登记|提交|工单)?$|不想(弄|办|登记)了/i;
const CONFIRM = /^(确认|确定|是的|对的?|没问题|没错|提交|好的?|可以|行|嗯|ok|yes|y|confirm|就这样)[\s。.!！,，吧了啊呀]*(提交|确认)?[\s。.!！]*$/i;
const CORRECTION = /说错了|写错了|搞错了|打错了|弄错了|填错了|输错了|不对|更正|修改|改成|改为|改一下|应该是|不是.{1,12}[，,\s]*(而)?是/;
const STORY_MIN_CHARS = 10;
/** What a field holds when the worker could not give it; the operator asks on the phone. */
export const NOT_GIVEN = '（未提供）';

export type FormStep =
  | { kind: 'ask'; draft: FormDraft; text: string; awaiting: Awaiting }
  | { kind: 'confirmed'; draft: FormDraft }
  | { kind: 'cancelled' }
  /** The answer did not fit the field: let the rest of the policy try (an off-topic question). */
  | { kind: 'unmatched'; draft: FormDraft };

export function startDraft(input: { topic: Topic; urgent: boolean; raw: string; normalized: string; key: string; now: string }): FormDraft {
  const fields: FormDraft['fields'] = {};
  fillFrom(fields, input.raw, input.normalized);
  const story = storyText(input.raw);
  if (story) fields.description = story;
  return { topic: input.topic, urgent: input.urgent, fields, requested: null, tries: 0, idempotencyKey: input.key, startedAt: input.now };
}

/** Words that carry the request or the contact details, not the story. */
const NOT_STORY = [
  ...ACT_CUES,
  /(我叫|我是|姓名)[\u4e00-\u9fa5]{2,4}/g,
  /(电话|手机)(号码?)?(是|:|：)?/g,
  MOBILE_NUMBER,
  /(我是|我在|住在|在)?[\u4e00-\u9fa5]{2,6}(区|县)(的)?/g,
  /(麻烦|谢谢|你们|请|帮我|一下|登记|申请|投诉|反映)/g,
];

/** The worker's own words, when they tell a story beyond the request and contact details, become the description. */
function storyText(raw: string): string | undefined {
  let rest = toSimplified(raw);
  for (const re of NOT_STORY) rest = rest.replace(new RegExp(re.source, 'gi'), ' ');
  const cjk = rest.match(/[\u4e00-\u9fa5]/g)?.length ?? 0;
  const latin = rest.match(/[a-z]/gi)?.length ?? 0;
  return cjk >= STORY_MIN_CHARS || latin >= 40 ? raw.trim().slice(0, 2000) : undefined;
}

/** Takes whatever the text holds for the fields still empty. */
function fillFrom(fields: FormDraft['fields'], raw: string, normalized: string): void {
  const phones = findPhones(normalized);
  if (!fields.phone && phones.length) fields.phone = phones[phones.length - 1];
  const districts = findAllDistricts(normalized);
  if (!fields.district && districts.length) fields.district = districts[districts.length - 1];
  const name = findName(normalized) ?? findName(raw);
  if (!fields.name && name) fields.name = name;
  const employer = findEmployer(raw);
  if (!fields.employer && employer) fields.employer = employer;
}

/** Applies "电话说错了 是…", "不是巴南区 是南岸区", "名字写错了 叫…". Returns the fields it changed. */
export function applyCorrection(draft: FormDraft, raw: string, normalized: string): TicketField[] {
  if (!CORRECTION.test(normalized)) return [];
  const changed: TicketField[] = [];
  const phones = findPhones(normalized);
  if (phones.length) {
    draft.fields.phone = phones[phones.length - 1];
    changed.push('phone');
  }
  const districts = findAllDistricts(normalized);
  if (districts.length) {
    draft.fields.district = districts[districts.length - 1];
    changed.push('district');
  }
  if (/名字|姓名|叫/.test(normalized)) {
    const m = /(?:是|叫|为)\s*([\u4e00-\u9fa5·]{2,5})[\s。.!！]*$/.exec(normalized);
    if (m?.[1]) {
      draft.fields.name = m[1];
      changed.push('name');
    }
  }
  if (/单位|公司|厂/.test(normalized) && !changed.length) {
    const m = /(?:是|为|改成|改为)\s*(.{2,60}?)[\s。.!！]*$/.exec(raw.trim());
    if (m?.[1]) {
      draft.fields.employer = m[1];
      changed.push('employer');
    }
  }
  return changed;
}

export function isCancel(normalized: string): boolean {
  return CANCEL.test(normalized);
}

/** One step of the form for the worker's message. */
export function formStep(draft: FormDraft, raw: string, normalized: string): FormStep {
  const d: FormDraft = structuredClone(draft);
  if (isCancel(normalized)) return { kind: 'cancelled' };

  const corrected = applyCorrection(d, raw, normalized);
  if (corrected.length) {
    d.tries = 0;
    const lead = `好的，已改为：${corrected.map((f) => `${FIELD_BY_NAME[f].label} ${shown(f, d.fields[f]!)}`).join('，')}。`;
    return ask(d, lead);
  }

  if (d.requested === 'confirm') {
    if (CONFIRM.test(normalized)) return { kind: 'confirmed', draft: d };
    if (/^(不|否|no|n|错|不对)/i.test(normalized)) return ask({ ...d, tries: 0 }, '哪一项需要改？直接回复正确内容即可，比如“电话改成139…”。', 'confirm');
    return { kind: 'unmatched', draft: d };
  }

  const field = d.requested;
  if (field) {
    const value = FIELD_BY_NAME[field].parse(raw, normalized);
    if (value === undefined) return { kind: 'unmatched', draft: d };
    d.fields[field] = value;
    // The same answer may carry more ("李强 13983456721").
    if (field !== 'description') fillFrom(d.fields, raw, normalized);
    d.tries = 0;
  }
  return ask(d);
}

/** What to say after an answer that fit nothing: a hint, and after two misses, a way out. */
export function retryStep(draft: FormDraft): FormStep {
  const d: FormDraft = { ...structuredClone(draft), tries: draft.tries + 1 };
  const field = d.requested;
  // Past the explanation, a field the hotline can do without is left for the operator to ask.
  if (d.tries >= 3 && field && field !== 'confirm' && field !== 'phone') {
    d.fields[field] = NOT_GIVEN;
    d.tries = 0;
    return ask(d, `${FIELD_BY_NAME[field].label}先空着，工作人员联系您时再问。`);
  }
  if (d.tries >= 2) {
    const what = field && field !== 'confirm' ? FIELD_BY_NAME[field].label : '确认';
    return {
      kind: 'ask',
      draft: d,
      awaiting: field,
      text: `这一项（${what}）我还是没能识别。您可以换个说法再回复一次，也可以直接拨打职工服务热线 12351 由工作人员登记；不想登记了回复“取消”。`,
    };
  }
  if (field === 'confirm') return { kind: 'ask', draft: d, awaiting: 'confirm', text: `请回复“确认”提交，或直接说要改哪一项；回复“取消”放弃。` };
  return { kind: 'ask', draft: d, awaiting: field, text: field ? FIELD_BY_NAME[field].hint : summary(d) };
}

function ask(d: FormDraft, lead = '', forceAwaiting?: Awaiting): FormStep {
  const missing = nextMissingField(d.fields);
  if (forceAwaiting === 'confirm' || !missing) {
    d.requested = 'confirm';
    return { kind: 'ask', draft: d, awaiting: 'confirm', text: `${lead}${forceAwaiting ? '' : summary(d)}`.trim() };
  }
  d.requested = missing;
  return { kind: 'ask', draft: d, awaiting: missing, text: `${lead}${FIELD_BY_NAME[missing].prompt}` };
}

export function firstPrompt(d: FormDraft): FormStep {
  const known = FIELDS.filter((f) => d.fields[f.name] && f.name !== 'description').map((f) => `${f.label}${f.name === 'phone' ? '' : ' ' + d.fields[f.name]}`);
  const lead = `好的，我帮您登记到12351职工服务热线，工作人员会联系您。${known.length ? `已记下：${known.join('、')}。` : ''}`;
  return ask(d, lead);
}

function shown(field: TicketField, value: string): string {
  return field === 'phone' ? maskPhone(value) : value;
}

export function summary(d: FormDraft): string {
  const f = d.fields;
  const desc = f.description && f.description.length > 60 ? `${f.description.slice(0, 60)}…` : f.description;
  return [
    '请核对登记信息：',
    `姓名：${f.name ?? ''}`,
    `电话：${f.phone ? maskPhone(f.phone) : ''}`,
    `单位：${f.employer ?? ''}`,
    `区县：${f.district ?? ''}`,
    `情况：${desc ?? ''}`,
    `类别：${TOPIC_LABEL[d.topic]}${d.urgent ? '（加急）' : ''}`,
    '无误请回复“确认”提交；要改哪项直接说，比如“电话说错了 是…”；回复“取消”放弃。',
  ].join('\n');
}

export function requestTypeFor(topic: Topic, text: string): RequestType {
  if (/投诉|反映|举报|complain/i.test(text)) return 'complaint';
  if (topic === 'rights') return 'legal_aid';
  if (topic === 'hardship_aid') return 'assistance';
  if (/建议|意见/.test(text)) return 'suggestion';
  return 'assistance';
}

export function priorityFor(urgent: boolean): Priority {
  return urgent ? 'urgent' : 'normal';
}

export function tierFor(text: string): Tier {
  if (/(几十|二三十|三十|[2-9]\d)(个|名|多)?(人|工人|职工)|工人都|大家都|集体|群体|跑路|失联|\d+\s*of us/.test(text)) return '难点';
  return '一般';
}
