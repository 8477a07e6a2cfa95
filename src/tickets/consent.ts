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
  /算了|撤销|撤回|撤(?:了|掉)|作废|删掉|删了吧|算球了?|算逑了?|不登记?了|不弄了|不搞了|不办了|不(用|要|需要)(登记|提交|弄|办)?了|不整了|不提交了|不交了|不想(弄|办|登记|搞|登|提交)了|不了|取消|放弃|再想想|想一想|想想|考虑(一下|下)|(等(哈|下|一下|几天)|以后|过几天|改天|下次)再说|(回去|回家)?((跟|和)[^，,。]{0,6}?)?(问(一)?下|问问|商量(一)?下|想(一)?下|考虑(一)?下)[^，,。]{0,8}?再说|先不(要)?(交|提交|登|发|报|送)了?|((想|考虑|商量|问)(好|清楚|明白)了?|过(几|两)天|明天|以后|改天)再(说|来|找|联系|弄|登|报)|(跟|和|同)[^，,。]{0,6}?(谈好|说好|讲好|谈妥|和解|协商好|私了)了|(settled|sorted) (it|this|things) (out )?with|暂时不(用|要|弄|登)?了?|(?:还是)?等(?:我|我们)?(?:先)?[^，,。]{1,12}?再说|(?:暂时|还是)?别(?:登记?|提交|弄|办|搞|报|交|发|送|填)(?:上去|出去)?了?|当我没(?:问|说)(?:过)?|再等等(?:看|再说)?|等等(?:看|再说)|算啦|算咯|不(用)?麻烦(你们)?了|莫(搞|弄|登|整|办)了?|懒得(弄|搞|登|办|整)了?|(等我)?想好了?再说|先?放(一放|一下|放|着)|changed my mind|not now|never ?mind|cancel(led)?|forget (about )?it|don'?t (file|submit)|no,? thank(s| you)|no need|don'?t bother|(don'?t|do not) want to (file|submit|register|continue)( it)?( any ?more)?|i'?ll do it (myself|later)|stop/gi;
const CANCEL_FILLERS = /[我先还是那就吧了啊呀嘛噻撒哈哦呢再刚嗯…]|你|要不|今天|现在|这次|这回|这张|单子?|你们|老板|公司|谢谢|thanks?|登记|工单|这个|please|it|the|form|ticket|ok|\bi\b|\s/gi;

/** What the message says to the form's yes-or-no question, if anything. */
export function readConsent(text: string): Consent | undefined {
  // "OK 👍", "不弄了 😅": pictures add feeling, not words.
  const parts = clauses(text.replace(/[\p{Extended_Pictographic}\p{Emoji_Modifier}\u200d\ufe0f]/gu, ' '));
  for (let i = parts.length - 1; i >= 0; i--) {
    const c = parts[i]!;
    if (madeOf(c, CANCEL_WORDS, CANCEL_FILLERS)) return 'cancel';
    if (madeOf(c, CONFIRM_WORDS, CONFIRM_FILLERS)) return 'confirm';
  }
  return undefined;
}
