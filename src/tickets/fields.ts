import type { TicketField } from '../core/message.ts';
import { ZH } from './form-words.ts';
import { employerAnswer, NO_FIRM, findAllDistricts, findDistrict, findPhone, findPhones, parseNameAnswer } from '../intents/slots.ts';
import { clauses, HOME, SEAT } from './words.ts';

/**
 * The ticket form's fields, in the order they are asked, each with its prompt (./form-words.ts) and a
 * parser that returns the cleaned value or undefined. The form tracks the field it asked for by name.
 */
export interface FieldSpec {
  name: TicketField;
  label: string;
  prompt: string;
  /** Said after a failed try, so the same question is never repeated word for word. */
  hint: string;
  parse(raw: string, normalized: string): string | undefined;
}

export const FIELDS: readonly FieldSpec[] = [
  {
    name: 'name',
    ...ZH.field.name,
    parse: (raw, n) => parseNameAnswer(n) ?? parseNameAnswer(raw.trim()),
  },
  {
    name: 'phone',
    ...ZH.field.phone,
    parse: (_raw, n) => findPhone(n),
  },
  {
    name: 'employer',
    ...ZH.field.employer,
    parse: (raw, text) => {
      if (onlyOtherSlots(text)) return undefined;
      const named = employerAnswer(text);
      if (named) return named;
      const v = text.replace(/^(我在|在|单位是|单位[:：]|公司是|我们单位是|我是)\s*/, '').replace(/(上班|工作|打工|做事)[。.!！]*$/, '').trim();
      // "我被公司开除了" tells what was done, and names no firm: the question is asked again.
      if (/被|欠|拖|开除|辞退|不给|没给|没发|不发/.test(v) || NO_FIRM.test(v)) return undefined;
      return v.length >= 2 && v.length <= 80 && !/[?？]$/.test(v) ? v : undefined;
    },
  },
  {
    name: 'district',
    ...ZH.field.district,
    parse: (_raw, n) => districtAnswer(n),
  },
  {
    name: 'description',
    ...ZH.field.description,
    parse: (raw, text) => {
      const v = raw.trim();
      // "欠薪", "被辞退": two characters can tell the matter; a bare "嗯", "没有" or "不知道" does not.
      const said = v.replace(/[\s\p{P}\p{S}]/gu, '');
      return [...said].length >= 2 && !NO_MATTER.test(said) && !onlyOtherSlots(text) ? v.slice(0, 2000) : undefined;
    },
  },
];

export const FIELD_BY_NAME = Object.fromEntries(FIELDS.map((f) => [f.name, f])) as Record<TicketField, FieldSpec>;

export function nextMissingField(fields: Partial<Record<TicketField, string>>): TicketField | undefined {
  return FIELDS.find((f) => !fields[f.name])?.name;
}

/** Words that tell no matter when they are all the worker says. */
const NO_MATTER = /^(?:嗯+|哦+|啊+|好+|是+|对+|行|没有?|没得|不知道|不晓得|不清楚|随便|都行|没啥|无|ok|yes|no|hi|hello)[了的啊呀嘛哈]*$/i;

/** An answer that holds nothing but a district, a phone number or a name cue ("是江北区"): no description, no employer. */
function onlyOtherSlots(text: string): boolean {
  if (!findPhones(text).length && !findAllDistricts(text).length) return false;
  let rest = text;
  for (const p of findPhones(text)) rest = rest.replace(new RegExp(p.split('').join('[\\s-]*')), '');
  rest = rest.replace(/\+?86/, '');
  for (const d of findAllDistricts(text)) for (const alias of [d, d.replace(/[区县]$/, '')]) rest = rest.split(alias).join('');
  rest = rest.replace(/是|在|我|的|电话|手机号?|号码|区县|区|县|那边|这边|就|呀|啊|嘛|了|哈|[\s\p{P}]/gu, '');
  return rest.length < 2;
}

/** Words that take back what was just said: "哦不是", "说错了", "不对". */
const RETRACTS = /不是|不对|说错|搞错|弄错|写错|打错|讲错|口误|哦不|改成|应该是|其实是/;
/** A district the answer says it is not ("不是渝北", "不在铜梁"): taken out before the district is read. */
function withoutRetracted(text: string): string {
  let out = text;
  for (const d of findAllDistricts(text)) {
    for (const alias of [d, d.replace(/[区县]$/, '')]) out = out.replace(new RegExp(`(不是|不在|并非)(在)?${alias}(区|县)?`, 'g'), ' ');
  }
  return findAllDistricts(out).length ? out : text;
}

/**
 * The district in answer to "在重庆哪个区县?": "我住在渝北 但是工地在长寿" names the home and the work, and the
 * question asks for the work's: beside a clause about home or the firm's registered seat, the last district named
 * outside those; else the first named.
 */
function districtAnswer(answer: string): string | undefined {
  // "铜梁区 哦不是 我们厂在潼南": the district taken back is no answer, the one after it is.
  const text = withoutRetracted(answer);
  if (RETRACTS.test(answer)) {
    const named = findAllDistricts(text);
    if (named.length > 1) return named.at(-1);
  }
  const parts = clauses(text);
  // "长寿区 呃 那是我屋头": a clause about home or the seat that names no place points back at the place just named.
  const found = parts.map((c) => findAllDistricts(c));
  const away = new Set<number>();
  let lastPlace = -1;
  parts.forEach((c, i) => {
    const places = found[i]!.length > 0;
    if (HOME.test(c) || SEAT.test(c)) {
      if (places) away.add(i);
      else if (lastPlace >= 0) away.add(lastPlace);
    }
    if (places) lastPlace = i;
  });
  if (![...away].some((i) => found[i]!.length)) return findDistrict(text);
  return found.filter((_, i) => !away.has(i)).flat().at(-1) ?? findDistrict(text);
}
