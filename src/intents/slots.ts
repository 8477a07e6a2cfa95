import { digitOf, digitsOf, findPersonalNumbers } from '../core/digits.ts';
import type { Slots } from './types.ts';
import { findAllDistricts, findDistrict } from './districts.ts';

/** Slot extraction from normalized text. Pure and fast; every extractor returns undefined when unsure. */

export const TICKET_NUMBER = /12351-?(\d{8})-?(\d{4})/;

/**
 * All phone numbers in the text, as ASCII digits, in order: mobiles however written (digits in
 * any script, Chinese numerals read out digit by digit, spaces or dashes inside), landlines
 * only when there is no mobile.
 */
export function findPhones(text: string): string[] {
  const mobiles = findPersonalNumbers(text, ['mobile']).map((n) => n.digits);
  return mobiles.length ? mobiles : findPersonalNumbers(text, ['landline']).map((n) => n.digits);
}

export function findPhone(text: string): string | undefined {
  const all = findPhones(text);
  return all[all.length - 1];
}

export function isValidPhone(text: string): boolean {
  const rest = [...text].filter((c) => digitOf(c) === undefined).join('');
  if (!/^[\s\-+()（）]*$/.test(rest)) return false;
  const digits = digitsOf(text).replace(/^(?:00)?86(?=1\d{10}$)/, '');
  return /^1[3-9]\d{9}$/.test(digits) || /^0\d{9,11}$/.test(digits);
}

export function findTicketNumber(text: string): string | undefined {
  const m = TICKET_NUMBER.exec(text);
  return m ? `12351-${m[1]}-${m[2]}` : undefined;
}

const NAME_CUE = /(?:我叫|我的名字是|我的名字叫|名字是|名字叫|姓名[是:：]?|我是)\s*([\u4e00-\u9fa5]{2,4})(?=$|[\s,，。.!！;；]|电话|手机|在|的|是)/g;
const NAME_EN = /(?:my name is|i am|i'm|this is)\s+([a-z]+(?:\s[a-z]+)?)/i;
const NOT_NAMES = /^(送外卖|外卖员|快递员|工人|职工|员工|农民工|司机|老师|医生|护士|会员|一名|一个|本人|这边|那边|重庆|四川|单位|公司|厂里|工会)/;

function plausibleName(v: string): boolean {
  return !NOT_NAMES.test(v) && !/[区县市省镇村厂店司的了吗呢啊]$/.test(v) && !findDistrict(v);
}

export function findName(text: string): string | undefined {
  for (const m of text.matchAll(NAME_CUE)) if (m[1] && plausibleName(m[1])) return m[1];
  const e = NAME_EN.exec(text);
  if (e?.[1] && !/construction|worker|driver|courier|rider/i.test(e[1])) return e[1];
  return undefined;
}

/** A bare answer to "怎么称呼您?": 2-4 Chinese characters or a Latin name, after stripping cues. */
export function parseNameAnswer(text: string): string | undefined {
  const cued = findName(text);
  if (cued) return cued;
  const t = text.replace(/^(我叫|我是|叫我|姓名|名字)[:：]?\s*/, '').replace(/[。.!！,，\s]+$/, '').trim();
  if (/^[\u4e00-\u9fa5·]{2,5}$/.test(t) && plausibleName(t)) return t;
  if (/^[a-z][a-z .'-]{1,40}$/i.test(t)) return t;
  return undefined;
}

/** Suffixes that make a phrase an employer by themselves (a firm, factory, group, project). */
const STRONG_SUFFIX = '(?:有限责任公司|股份有限公司|有限公司|集团|公司|加工厂|工厂|厂|项目部|配送站|设计院|研究院)';
/** Weaker ones count only after an explicit cue ("单位是永辉超市"): "现在在医院" names no employer. */
const ANY_SUFFIX = `(?:${STRONG_SUFFIX.slice(3, -1)}|超市|商场|医院|学校|酒店|物业|门店|店|中心|银行|工地|平台)`;
const CUED = new RegExp(`(?:单位是|单位[:：]|公司是|工作单位是?|就职于|供职于|在职于)\\s*([\\u4e00-\\u9fa5a-z0-9（）()·]{1,30}${ANY_SUFFIX})`, 'i');
const BARE = new RegExp(`([\\u4e00-\\u9fa5a-z0-9（）()·]{2,30}${STRONG_SUFFIX})`, 'gi');
const NOT_EMPLOYER = /^(我们|这个|那个|一个|一家|某个|本|现在|他们|你们)?(厂|公司|单位|店|工地|工厂)$/;

/** The employer named in free text, or undefined when none is clearly named. */
export function findEmployer(text: string): string | undefined {
  const cued = CUED.exec(text)?.[1];
  if (cued && !NOT_EMPLOYER.test(cued)) return cued;
  for (const m of text.matchAll(BARE)) {
    const v = (m[1] ?? '').replace(/^.*?(我在|我们在|在|是|的)(?=.{3,})/, '');
    if (v.length >= 4 && !NOT_EMPLOYER.test(v) && !/^(现在|一个|这个|那个|我们|他们|一家|某个)/.test(v)) return v;
  }
  return undefined;
}

export function extractSlots(text: string): Slots {
  const slots: Slots = {};
  const phone = findPhone(text);
  if (phone) slots.phone = phone;
  const district = findDistrict(text);
  if (district) slots.district = district;
  const name = findName(text);
  if (name) slots.name = name;
  const employer = findEmployer(text);
  if (employer) slots.employer = employer;
  const ticketNumber = findTicketNumber(text);
  if (ticketNumber) slots.ticketNumber = ticketNumber;
  return slots;
}

export { findDistrict, findAllDistricts };
