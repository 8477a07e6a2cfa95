import type { TicketField } from '../core/message.ts';
import { featuresOf, predict, shippedModel, type Head } from '../intents/classifier.ts';
import { normalizeText } from '../intents/normalize.ts';
import { findPhones } from '../intents/slots.ts';
import { withdraws } from '../intents/withdraw.ts';
import { clauses, madeOf } from './words.ts';

/**
 * Yes and no at the ticket form, as workers say them: "要得", "对头 就这样提交", "算了不登了",
 * "我再想想", "先不交 我回去问下我老婆再说", "还是等我先跟领导谈谈再说", "你别登记了", "never mind". The last clause that says yes or no decides: "算球了 确认嘛" confirms,
 * "算了不弄了 怕领导晓得" cancels.
 */

export type Consent = 'confirm' | 'cancel';

/** Sending it off: "好的发吧", "对头 登嘛", "交上去嘛", "发出去" (never a bare 发 or 登 inside other words). */
const SEND = '(?:发|登|报|递)(?:上去|出去|过去|过去嘛|起)?';
const CONFIRM_WORDS = new RegExp(
  `${SEND}(?=[吧了嘛噻撒哈哦呀啊]*$)|` +
  /确认无误|无误|都对|全对|没毛病|没得毛病|莫得毛病|莫毛病|莫得问题|莫问题|没有要改的?|没啥要改的?|不用改|不改|按这个来?|照这个来?|交上去|交了?|信息没问题|looks (right|good|fine)|all correct|确认|确定|是的|对的|对头|对|没问题|没得问题|没有问题|没错|正确|提交|交上去|好的|好嘞|好|可以|行|要得|中|就这样|就这些|就这个|就是这个|就这么办|就这么着|这样就行|嗯|ok(ay)?|yes|yep|yeah|sure|confirm(ed)?|submit|file|send|lodge|proceed|correct|right|fine|go ahead|looks good|that'?s|good|是/.source,
  'gi',
);
const CONFIRM_FILLERS = /[吧了啊呀嘛噻撒哈哦呢哒的滴就都]|please|it|all|is|and|thanks?|you|\s/gi;

const CANCEL_WORDS =
  /算了|(?:就|都)?免了|撤销|撤回|撤(?:了|掉)|作废|删掉|删了吧|算球了?|算逑了?|不登记?了|不弄了|不搞了|不办了|不(用|要|需要)(登记|提交|弄|办)?了|不整了|不提交了|不交了|不想(弄|办|登记|搞|登|提交)了|不了|取消|放弃|再想想|想一想|想想|考虑(一下|下)|(等(哈|下|一下|几天)|以后|过几天|改天|下次)再说|(回去|回家)?((跟|和)[^，,。]{0,6}?)?(问(一)?下|问问|商量(一)?下|想(一)?下|考虑(一)?下)[^，,。]{0,8}?再说|先不(要)?(交|提交|登|发|报|送)了?|((想|考虑|商量|问)(好|清楚|明白)了?|过(几|两)天|明天|以后|改天)再(说|来|找|联系|弄|登|报)|(跟|和|同)[^，,。]{0,6}?(谈好|说好|讲好|谈妥|和解|协商好|私了)了|(settled|sorted) (it|this|things) (out )?with|暂时不(用|要|弄|登)?了?|(?:还是)?等(?:我|我们)?(?:先)?[^，,。]{1,12}?再说|(?:暂时|还是)?别(?:登记?|提交|弄|办|搞|报|交|发|送|填)(?:上去|出去)?了?|当我没(?:问|说)(?:过)?|再等等(?:看|再说)?|等等(?:看|再说)|算啦|算咯|不(用)?麻烦(你们)?了|莫(搞|弄|登|整|办)了?|懒得(弄|搞|登|办|整)了?|(等我)?想好了?再说|先?放(一放|一下|放|着)|changed my mind|not now|never ?mind|cancel(led)?|forget (about )?it|don'?t (file|submit)|no,? thank(s| you)|no need|don'?t bother|(don'?t|do not) want to (file|submit|register|continue)( it)?( any ?more)?|i'?ll do it (myself|later)|stop/gi;
const CANCEL_FILLERS = /[我先还是那就吧了啊呀嘛噻撒哈哦呢再刚嗯…哎唉诶欸噢喔]|你|要不|今天|现在|这次|这回|这张|单子?|你们|老板|公司|谢谢|thanks?|登记|工单|这个|please|it|the|form|ticket|ok|\bi\b|\s/gi;

/** Words that close what was said before them, yes or no alike: "就这样", "好的", "行". */
const CLOSING = /^(?:那就|就)?(?:这样|这些|好的?|行|嗯+|ok(?:ay)?|可以)(?:子)?[吧了啊呀嘛噻哈哦]*$/i;

/** A clause that gives a field a value instead: a phone number, or "还是/改成/换成…" with something after it. */
function givesValue(c: string): boolean {
  return findPhones(c).length > 0 || /^(?:还是|改成|换成|改为|换为)(?!算|不|别|莫|等|再)[\u4e00-\u9fa5A-Za-z\d]{2,}/.test(c);
}

/** What the message says to the form's yes-or-no question, if anything. */
export function readConsent(text: string): Consent | undefined {
  // "OK 👍", "不弄了 😅": pictures add feeling, not words.
  const parts = clauses(text.replace(/[\p{Extended_Pictographic}\p{Emoji_Modifier}\u200d\ufe0f]/gu, ' '));
  let closed = false;
  for (let i = parts.length - 1; i >= 0; i--) {
    const c = parts[i]!;
    // "整个事情也先不弄了", "确定不提交": the worker's own act held back, whatever else the clause holds.
    // "留我老公的吧 139… 哦算了 还是留我自己的 139…": a new value after it, and 算了 takes back what came before in the message.
    if ((madeOf(c, CANCEL_WORDS, CANCEL_FILLERS) || withdraws(c)) && !parts.slice(i + 1).some(givesValue)) return 'cancel';
    // "确定不登记 就这样": a bare closing word after a withdrawal closes the withdrawal, not the form.
    if (CLOSING.test(c)) closed = true;
    else if (madeOf(c, CONFIRM_WORDS, CONFIRM_FILLERS)) return 'confirm';
  }
  return closed ? 'confirm' : undefined;
}

/** Where the form stands when the worker replies: a field asked, or the summary waiting for a yes. */
export type FormAt = TicketField | 'confirm';
export const CONSENT_LABELS = ['confirm', 'cancel', 'continue'] as const;

/**
 * The learned half: a linear model over the reply's character n-grams and whether the summary is
 * waiting, trained by scripts/train-form.ts on replies workers give at each step. It speaks only
 * where the words above and the form's own readings are silent, and only when sure enough, so "我再考虑考虑",
 * "唔好交住", "let me sleep on it" or "确认啦" are read though no rule lists them.
 */
export interface ConsentModel {
  head: Head;
  /** How sure it must be to read a cancellation, and a confirmation (a wrong one files what the worker held back). */
  cancelP: number;
  confirmP: number;
}

export function consentFeatures(text: string, at: FormAt): string[] {
  return [...featuresOf(normalizeText(text)), at === 'confirm' ? '#at-summary' : '#at-field'];
}

const shipped = shippedModel<ConsentModel>(new URL('./consent-model.json', import.meta.url));
const consentModel = () => shipped.get();

/** Replaces the shipped model (undefined: the rules alone), for the script that trains it. */
export function useConsentModel(m: ConsentModel | undefined): void {
  shipped.use(m);
}

/**
 * Words that hold back or put off: the rules read "不用改 就这样交" and "没问题"; a reply the model
 * alone would take for a yes is not one when it says any of these ("please hold it for now", "晚点再弄").
 */
const HOLDS_BACK = /[不别没莫沒勿]|先|等|再|晚点|以后|回头|改天|\b(?:hold|wait|not|no|don'?t|later|stop|pause|tomorrow)\b|n't/i;

/**
 * What the model reads in a reply the form could not read otherwise (no rule, no answer, no
 * correction, no question, no addition): a cancellation at any step, a confirmation at the summary.
 */
export function learnedConsent(text: string, at: FormAt): Consent | undefined {
  const m = consentModel();
  if (!m || !text.trim()) return undefined;
  const p = predict(m.head, consentFeatures(text, at));
  if ((p.cancel ?? 0) >= m.cancelP) return 'cancel';
  if (at === 'confirm' && !HOLDS_BACK.test(text) && (p.confirm ?? 0) >= m.confirmP) return 'confirm';
  return undefined;
}
