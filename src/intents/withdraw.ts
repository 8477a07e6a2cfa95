/**
 * A worker taking back a request: "整个事情也先不弄了", "确定不提交", "还是先别交上去了吧 我怕老板不高兴",
 * "改天等我想明白了再说", "I'd rather not file anything right now". Read as an act of the worker's own held back
 * or put off inside a clause, whatever else the clause holds, not as a whole clause made of known words.
 *
 * What makes it a withdrawal, not a story: the act held back is pursuing the matter (filing, handing it up,
 * telling it, going on), the one holding it back is the worker (no boss, firm or "he" before it in the
 * clause), and the words mark a change of mind (了, 先, 还是, 别, 暂时, 不想…) or the clause says nothing else.
 */

/** Held back: 不, 别, 莫, 不要, 不用, 不想, 先不, 暂时不, 还是不. */
const HOLD = /(?<lead>(?:暂时|先|还是|就|也|今天|这次|现在|干脆|确定|决定)*)(?<neg>不(?:想|要|用|打算|准备|需要)?|别|莫|甭|没必要)再?/u;
/** Pursuing the matter: filing it, handing it up, telling it, going on with it. */
const PURSUE = '(?:登记?|提交|交上去|交给你们|递|报上去|上报|弄|办|搞|整|说|讲|反映|投诉|申请|继续|追究|立案|建单|开单|麻烦你们|找你们|留底)';
/** What may follow the act in the clause: the particle of a changed mind, or what is filed. */
const AFTER = '(?<tail>(?:了|啦|咯|喽|吧|嘛|哈|啊|呀|噻|上去|出去|这个|这件事|这事|事情|单子?|工单|登记)*)';
const WITHHOLD = new RegExp(`${HOLD.source}${PURSUE}${AFTER}`, 'u');

/** The request named first and then held back: "这个单先不开了", "登记就先不弄了", "事情还是别办了". */
const NAMED_THEN_HELD = /(?:单子?|工单|登记|这个事|这件事|事情)(?:就|也|先|还是|暂时)*(?:不|别|莫)(?:开|登|交|办|弄|搞|提交|整)了?/u;

/** Put off to another day: "改天再说", "等我想明白了再说", "过两天再来找你们". */
const DEFER = /(?:改天|以后|过(?:几|两|一)天|下次|回头|明天|等[^，,。]{1,12}?)再(?:说|来|找|弄|登|报|联系|讲|搞)/u;

/** Someone other than the worker doing the holding back, or words reported: "老板不给办", "他也不说", "说等正月再说". */
const THIRD_PARTY =
  /说|讲|告诉|回复|答复|老板|老板娘|公司|厂里|厂长|单位|领导|主管|经理|人事|财务|店长|站长|班长|组长|包工头|工头|老总|项目部|物业|学校|医院|他|她|它|人家|别人|对方|they|he|she|company|boss|employer/iu;

/** "我都不想说了": exasperation inside a story, not a withdrawal. */
const EXASPERATED = /都$/u;

/** Clauses of a message, with where each ends: at marks of punctuation and at spaces between Chinese words. */
function clausesOf(text: string): { clause: string; end: number }[] {
  const out: { clause: string; end: number }[] = [];
  for (const m of text.matchAll(/[^，,。.!！?？;；~～、\n]+/gu)) {
    let at = m.index ?? 0;
    for (const part of m[0].split(/(?<=[\u4e00-\u9fa5])\s+|\s+(?=[\u4e00-\u9fa5])/u)) {
      at = text.indexOf(part, at) + part.length;
      if (part.trim()) out.push({ clause: part.trim(), end: at });
    }
  }
  return out;
}

const ENGLISH_WITHDRAW =
  /\b(?:i'?d rather not|i would rather not|(?:please )?don'?t|do not|no need to|i (?:don'?t|no longer) want to|i'?m not going to|let'?s not|hold off(?: on)?)\s+(?:\w+\s+){0,2}?(?:file|filing|submit|submitting|open|opening|lodge|register|report|send|pursue|go ahead|proceed|continue|log)\b/iu;

/** Whether one clause holds the worker's own act held back or put off. */
function clauseWithdraws(c: string): boolean {
  const m = WITHHOLD.exec(c);
  // With nothing after it, the act must end the clause: "别说加班费 连工资都没有" holds nothing back.
  const ends = m && (m.groups?.tail || !/^[\u4e00-\u9fa5]/u.test(c.slice(m.index + m[0].length)));
  if (m && ends) {
    const before = c.slice(0, m.index);
    if (!THIRD_PARTY.test(before) && !EXASPERATED.test(before)) {
      const marked = Boolean(m.groups?.tail) || Boolean(m.groups?.lead) || m.groups?.neg !== '不';
      if (marked || c.length <= 6) return true;
    }
  }
  const n = NAMED_THEN_HELD.exec(c);
  if (n && !THIRD_PARTY.test(c.slice(0, n.index))) return true;
  const d = DEFER.exec(c);
  if (d && !THIRD_PARTY.test(c.slice(0, d.index))) return true;
  const e = ENGLISH_WITHDRAW.exec(c);
  return Boolean(e) && !/\b(?:they|he|she|company|boss|employer|manager)\b/i.test(c.slice(0, e!.index));
}

/** Whether the clause (or message) takes back or puts off the worker's request. */
export function withdraws(text: string): boolean {
  return withdrawnUpTo(text) >= 0;
}

/** Where the last clause that takes back or puts off the worker's request ends; -1 when none does. */
export function withdrawnUpTo(text: string): number {
  let end = -1;
  for (const c of clausesOf(text)) if (clauseWithdraws(c.clause)) end = c.end;
  return end;
}
