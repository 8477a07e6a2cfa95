import { ANSWER_MIN_SCORE } from '../knowledge/retriever.ts';
import { ACT_CUES, ENGLISH_REQUEST, HOW_TO, TOPIC_CUES, VAGUE } from './catalog.ts';
import { learnedActMinP, type Classified } from './classifier.ts';
import { asksInformation, grievanceOnly, toldGrievance, withoutRhetoric } from './grievance.ts';
import { withoutAddedTerms } from './normalize.ts';
import { findPhone } from './slots.ts';
import type { Want } from './types.ts';
import { withdrawnUpTo } from './withdraw.ts';

/**
 * What the worker wants done with a topic: to learn about it (ask), to have a person act (act),
 * or nothing specific yet (vague). A request to act is recognized by what it asks of whom, not
 * by one phrasing: someone (the union, "you", a person, a lawyer) is asked to come, look into,
 * check, pass on, intervene or help; the worker says they want to complain, report or claim; or
 * the worker tells what was done to them and demands whether the union will do anything.
 */

/** For whom: the worker, their crew, or someone they speak for ("你们能不能帮他问一下" from a wife). */
const FOR = '(?:我们|我|他们|他|她)';
/** Whom a worker asks to act, other than Niangjia itself: the union, someone, a lawyer, the leaders. */
const AGENT = '(?:工会|娘家人|人|个人|律师|领导|上级|有关部门|相关部门)';
/** Whom a worker asks to act: an agent, or "you". */
const WHO = `(?:你们|您|你(?![们说讲的])|${AGENT})`;
/** What they ask them to do: come and see, look into, check, step in, pass on, settle, stand up for the worker. */
const CASE_DO =
  '(?:管一管|查一查|看一看|问一问|催一催|看看|看一下|看下|瞧瞧|查查|查一下|查下|过问|管管|管一下|管下|管哈|处理|调查|核实|出(?:个|一下)?面|出头|介入|协调|调解|主持公道|出个?头|想(?:个|点|想)?办法|搞定|摆平|做个?主|评评理|评个?理|说句公道话|讨个?说法|(?:向上|往上|帮我|给我)?反映|转达|转告|转(?:给|交|到|上去)|递交|上报|(?:报|递|交|送)上去|打个?招呼|跟进|落实|解决|催(?:一下|下|哈|催)|(?:弄|搞|办|整)(?:一下|下|哈|归一|妥当|清楚)|记(?:下来|一下|下|上|录下来|录一下|个账)|登(?:上|起|一下|个记)|备(?:个)?案|留(?:个)?底|摸(?:一下|下|个)?底)';
/**
 * Going to the employer on the worker's behalf: "帮我去找一下我们那个劳务公司", "你们找老板问问". 找 alone
 * ("找一下这个规定") looks something up; with the employer after it, it confronts.
 */
const FIND_EMPLOYER = '(?:去|来)?找(?:一下|下|哈|一找)?[^，,。？?]{0,8}?(?:公司|老板|单位|厂|老总|包工头|工头|项目部|领导|主管|经理|劳务|物业|平台|人事|HR|hr)';
/** Getting in touch with the worker: "你们私下联系我嘛", "请尽快联系我们". */
const CONTACT_ME = '(?:私下|单独|尽快|马上|直接)?(?:联系|打电话给|回电话给|回个电话给)(?:我|我们)';
/** The other side a worker's matter is taken to: the employer and those who act for it. */
const EMPLOYER_SIDE = '(?:厂里|厂头|厂子|公司|老板|老板娘|单位|老总|包工头|工头|项目部|领导|主管|经理|劳务公司|物业|平台|人事|财务|站长|店长|HR|hr)';
/**
 * Asking the other side on the worker's behalf, with what is to be asked of it: "问问厂里到底按哪个标准算", "去问问钱卡在哪里了".
 * The question inside is the employer's to answer, not Niangjia's: the clause goes with the request, question words and all.
 */
const ASK_THE_OTHER_SIDE = `(?:(?:问问|问一下|问下|问一问|打听一下|打听下)\\s?${EMPLOYER_SIDE}|去(?:问问|问一下|问下|问一问|打听一下|打听下))[^，,。？?!！\\s]*[?？]?`;
const CASE_DO_OR_FIND = `(?:${CASE_DO}|${FIND_EMPLOYER}|${CONTACT_ME}|${ASK_THE_OTHER_SIDE})`;
const DO = `(?:来|去|过来|下来)?(?:帮(?:个|下|一下|哈|点)?忙|帮(?:我|我们|一下|下|哈|着)|${CASE_DO_OR_FIND})`;
/** Words that ask someone else to act: 请 (not 请问), 让, 求, 希望, 麻烦 and 拜托 (not 麻烦问一下). */
const ASKER = '(?:请(?!问|教)|让|叫|求求?|希望|(?:麻烦|拜托|劳烦|烦请)(?!问|请问|咨询))';
/** 请/让/麻烦 + who + what ("请工会来看看", "让你们查一下", "求你们给评个理", "麻烦把我的投诉转给相关部门"); 请问 is a question, not a request. */
const ASKED_TO_ACT = new RegExp(`${ASKER}${WHO}?(?:能|可以|能够|来|去)?(?:帮${FOR}|给${FOR}|给)?(?:把[^，,。？?]{1,12}?)?${DO}`);
/** The same, naming a person or body other than Niangjia ("想请人帮忙看看"): a request even beside a question. */
const AGENT_ASKED = new RegExp(`${ASKER}${AGENT}(?:帮${FOR}|给${FOR})?${DO}`);

/**
 * A polite request put as a question to whoever would act: "工会可以帮我查查这个事吗", "能帮我向上反映一下吗",
 * "你们能不能过问一下", "有没有哪个可以帮我们去跟老板说一声", "能不能来我们工地看一下". The verb must act on the worker's matter (look into, pass on, step in), and the
 * one who can is the union or "you", never the worker ("我能不能去反映") or a thing ("年票可以转给朋友用不"). With
 * no matter told ("你们能帮我处理公司的事吗") it stays vague, like a bare "能不能帮忙".
 */
const CAN = '(?:能不能|可不可以|能否|可否|可以|能|会不会)';
/** Anyone asked for: "有没有哪个可以…", "谁能…". */
const ANYONE = '(?:有没有|有没得)?(?:哪个|哪位|谁)';
/** Going to the other side for the worker and settling something there: "帮我去跟他把这笔账算一下", "替我们找老板讲清楚". */
const ON_MY_BEHALF = `(?:帮|替)${FOR}(?:去)?(?:跟|向|找|和)(?:他|她|他们|老板|老板娘|公司|厂里|单位|领导|主管|站长|店长|经理|包工头|工头|人事)[^，,。？?]{0,10}?(?:一下|下|哈|清楚|明白)`;
/** Coming to the worker's place to act: "来我们工地看一下", "去厂里问问". */
const COME_TO = '(?:派(?:个|一个|几个)?人)?(?:(?:去|来|到)(?:(?:我们|我|他们)?的?(?:厂里|厂子|工地上?|车间|公司|单位|店里|现场|这边|那边|项目上))?)?(?:去|来)?';
const ASKED_IF_WILL_ACT = new RegExp(
  `(?:^|[，,。!！\\s]|${WHO}|${ANYONE}|这个|这事|这件事|此事|这种事)(?:是不是|是否)?${CAN}(?:${WHO})?(?:(?:帮(?:${FOR}|忙)|给${FOR}|替${FOR})?(?:把[^，,。？?]{1,12}?)?(?:${COME_TO})?${CASE_DO_OR_FIND}|(?:帮|替)${FOR}(?:去|跟|向|找)?[^，,。？?]{0,6}?(?:问问|问一下|问下|说说|说一下|说下|说一声|讲一下|讲下|讲讲|讲一声|谈谈|谈一下|谈下)|${ON_MY_BEHALF})`,
);
/**
 * A polite request put as a question that sends someone to the other side ("工会是不是可以出面去找公司问一下?"), with the
 * rest of its clause and its own question mark: it asks for nothing but itself. "工会可以帮忙解决突发困难吗" sends no one
 * anywhere, and asks what the union does.
 */
const REQUEST_AS_QUESTION = new RegExp(`${CAN}[^，,。？?\\s]{0,8}?(?:${FIND_EMPLOYER}|${ON_MY_BEHALF})[^，,。\\s？?]*[?？]?`);
/** "帮我跟领导反映一下嘛", "帮我们找老板问问": the worker tells someone to act for them, with whom to act on in between. */
const TOLD_TO_ACT = new RegExp(`(?:^|[，,。!！\\s]|的话|你们|你|您|工会|就)帮${FOR}(?:跟|向|给|找|去找|和|把)[^，,。？?]{1,12}?(?:${CASE_DO}|问问|问一下|问下|说说|说一下|说下|讲一下|讲下|谈谈|谈一下|谈下|要(?:一下|下|回来|回)|讨(?:回来|回|一下)?)`);

/**
 * Told, not asked: "这个事你们管一下嘛", "工会帮我们查查". The clause asks no question of its own
 * ("你们处理这种事吗" asks what the union does).
 */
const TOLD_DIRECTLY = new RegExp(`${WHO}(?:工会)?(?:今天|马上|立刻|现在|尽快|快点)?(?:就|快|赶紧|一定要?|要|得|必须|应该)?(?:帮${FOR}|给${FOR}?|替${FOR})?(?:把[^，,。？?]{1,12}?)?(?:来|去)?${CASE_DO_OR_FIND}(?![^，,。\\s]*(?:吗|[?？]|什么|啥|怎么|哪|多少))`);

/** Sent on the worker's behalf: "你们帮我去问一下嘛", "工会替我们去说一下". Going is what makes it a request; "你帮我问一下年票多少钱" asks Niangjia. */
const GO_FOR_ME = new RegExp(`${WHO}(?:就|快|赶紧)?(?:帮|替)(?:${FOR}|忙)(?:去|来)(?:问|说|讲|谈|找|催|要)`);

/** Asking to be counted in: "能不能把我也算进去", "可以把我们加上不". A request put as a question, never one for information. */
const INCLUDE_ME = /(?:能不能|可不可以|能否|可否|可以)(?:帮我)?把(?:我|我们|他|她|我家)[^，,。？?]{0,6}?(?:算进去|算上|加上|加进去|报上|报进去|登记上|写上|排上|列进去|纳入|考虑进去)/;

/** Help asked for in any register: 帮个忙, 帮下忙, 帮哈忙 (dialect), 求求你们了, help us out. */
const HELP_ASKED = /帮(?:个|下|一下|哈|点|帮)忙|(?:你们|您|你|工会)帮(?:我|我们)(?:一下|一把|下)(?:嘛|吧|哈|噻|嘞|啊|呀)*(?=$|[\s，,。!！?？])|搭把手|救救(?:我|我们)|^救命|^(?:help|sos)\s*[!！]|\bplease help\b|\b(?:i|we) need (?:the union'?s?|your|union) help\b|(?:求求?|拜托)(?:你们|您|工会|娘家人)(?:了|啦|嘛)?(?=$|[\s，,。!！])/;

/** The worker means to complain, report, claim: 举报, 讨个说法, 要回工资. */
const MEANS_TO = /(?:要|想|准备|打算|必须|一定要)(?:去)?(?:曝光|告(?![诉知示别白])|讨(?:个)?说法|要(?:个)?说法|讨公道|讨回公道|要回|讨回|追讨|追回)|(?:讨|要)(?:个)?说法|讨(?:个)?公道/;

/**
 * A demand, said to the union after the worker's story, whether it will do anything: "…你们工会管不管嘛",
 * "…到底管不管". "工会管不管劳动合同纠纷", "这种困难工会管不管", "帮扶的事 你们管不管" ask what the union
 * covers, and stay questions.
 */
const WILL = '(?:管不管|管得到不|管得了不|管得着不|帮不帮|理不理)';
const WILL_YOU_ACT = new RegExp(`(?:你们|你|娘家人)(?:工会|这些|这边)?${WILL}(?:嘛|吗|啊|呀|哦|噻|哇|了|呢)*(?=[\\s?？!！。.…,，]|$)|(?:到底|究竟)(?:还)?${WILL}(?:嘛|吗|啊|呀|哦|噻|哇|了|呢)*(?=[\\s?？!！。.…,，]|$)`);
/**
 * The same demand put to the union by name at the end of a story: "加班钱从来没算过 … 工会管不管嘛". Beside a question
 * of the worker's own ("…我咋个保护自己的个人信息 工会管不管") it asks what the union covers.
 */
const UNION_WILL = new RegExp(`工会${WILL}(?:嘛|吗|啊|呀|哦|噻|哇|了|呢)*[\\s?？!！。.…,，]*$`);
function unionWill(t: string): boolean {
  const m = UNION_WILL.exec(t);
  return Boolean(m) && !asksInformation(t.slice(0, m!.index));
}
/** "这种情况工会管不管", "这种突然的困难 你们管不管": whether the union takes on matters of a kind, a question about what it covers. */
const OF_A_KIND = new RegExp(`(?:这种|这类|这样的|此类|这一类)[^，,。？?]{0,8}?(?:你们|你|娘家人|工会|\\s)*(?:工会|这边)?${WILL}`);
/** "就没人管吗", "谁来给我们做主": rhetorical, never a question for information. */
const NOBODY_ACTS = /(?:就|都|也|难道|到底|咋个|怎么)(?:没有?|没得)人管|有没有(?:人|哪个|谁)(?:来)?管(?:一下|下|哈)?(?![\u4e00-\u9fff])|谁来管|(?:给|替|为)(?:我|我们)做个?主/;

/** Making it known to someone above: "这个我想让上面的工会晓得一下", "让领导知道这个事". */
const MAKE_KNOWN = /让(?:上面|上级|上头|领导|工会|总工会|有关部门|相关部门|你们)[^，,。？?]{0,6}(?:晓得|知道|了解)(?:一下|下|哈)?(?![^，,。]*(?:吗|[?？]))/;

/** English requests to act: look into, check on, pass on, report, claim, do something. */
const ENGLISH_ACT =
  /\b(?:please|pls|(?:can|could|would|will) (?:you|(?:the |your |our )?union|someone|somebody|anyone)|i want you to|i need you to|i'?d like you to|i'?d like the union to)\b.{0,30}\b(?:look into|check (?:on|with|this|it|my|our|why|whether|if|what)|pass (?:this|it|my|our|on)|forward (?:this|it|my|our)|report (?:this|it|them|my|our)|follow (?:(?:this|it|that|my case|our case|them|him|her) )?up|step in|intervene|contact (?:my|our|the) (?:boss|employer|company)|do something|take (?:this|my|our) case|take (?:this|it|that|the matter|my case|our case) up|take up|chase (?:it|this|them|him|her|my|our|the)|go after (?:them|him|her|it|the|my|our)|(?:talk|speak) to (?:them|him|her|the boss|my boss|the company|company|my company|my employer|the employer|the factory)(?: for (?:me|us))?|(?:register|lodge|log|file|make|raise|submit|open) (?:a |an |my |our |the )?(?:formal )?(?:complaint|case|report|claim|ticket)|get (?:my|our) (?:wages|money|pay)|raise (?:this|it|the matter|my case|our case)|put (?:it|this|that|my case|our case|this complaint|it all) (?:on|in) (?:the )?records?|record (?:it|this|that|my|our)|note (?:it|this|that) down|(?:call|phone|ring|email|write to) (?:the|my|our|them|him|her)\b(?: \w+)? and ask)|\b(?:i|we)(?: want| would like|'d like| wish| need) to (?:report|claim|complain|file)|\b(?:i|we) (?:need|want) (?:the union|someone|somebody|a lawyer) to\b|\bhelp (?:me|us) (?:get|claim|recover|file|report)/i;

/**
 * A request no question beside it turns into a question: a person or body asked to act, a stated intent to claim,
 * "你们管不管" after a matter told (a grievance of the worker's own, or enough words beyond the topic's), "没人管吗".
 */
function firmRequest(t: string): boolean {
  return AGENT_ASKED.test(t) || MEANS_TO.test(t) || MAKE_KNOWN.test(t) || ENGLISH_ACT.test(t) || englishHelpAsked(t) || NOBODY_ACTS.test(t) || demandsOfUnion(t);
}

/** "…你们管不管", "…这个工会管不管" after a matter told: whether the union will act, asked of it. */
function demandsOfUnion(t: string): boolean {
  return (WILL_YOU_ACT.test(t) || unionWill(t)) && !OF_A_KIND.test(t) && (specifics(t) > 6 || toldGrievance(t));
}

/** Words that point back to something already reported: "上次反映的事 有没有人管" asks for its progress. */
const EARLIER_REPORT = /上次|之前|前几天|前段时间|反映的|提交的|登记的|投诉的|报的|工单|进度/;

/**
 * A grievance told with no word pointing back to a report: "上礼拜罚了我两百 申诉也没人理" tells of the
 * employer ignoring an appeal, not of a ticket waiting.
 */
export function newGrievance(t: string): boolean {
  return toldGrievance(t) && !EARLIER_REPORT.test(t);
}

/** A request to act about something not yet reported, by any of the forms above ("就没人管吗" is no progress question). */
export function asksToActAnew(t: string): boolean {
  return asksToAct(t) && !EARLIER_REPORT.test(t);
}

/** "…不去就算辞职 我想问一下工会能不能帮我们": whether the union can help, asked at the end of the worker's story. */
const CAN_HELP_TAIL = new RegExp(`${WHO}?${CAN}帮(?:帮)?(?:我|我们)(?:一下|下|一把)?(?:吗|不|嘛|啊|呀|哦|呢)?[?？!！。.\\s]*$`);
/** "…老板欠了我四千块工钱跑了 工会能帮一下不": the same with no one named, after a grievance at work ("老婆查出白血病 工会能帮一把不" asks about aid). */
const CAN_HELP_BARE = new RegExp(`${WHO}?${CAN}帮(?:一下|下|一把|哈)(?:吗|不|嘛|啊|呀|哦|呢)?[?？!！。.\\s]*$`);

/**
 * "Could the union help? My company deducted 500 yuan…": whether the union can help, asked beside a story that asks
 * nothing more. "Can you help me? How do I apply for the pass?" asks for information.
 */
const ENGLISH_CAN_HELP = /\b(?:(?:can|could|would|will) (?:you|the union|someone|anyone|somebody) (?:please )?help(?: me| us)?(?: out)?(?: with this)?|is there anything (?:the union|you|you guys|anyone|someone|somebody) (?:can|could) do(?: (?:about|for) (?:this|it|me|us|him|her|them))?)\s*(?:[?？.!]|$)/i;

function englishHelpAsked(t: string): boolean {
  const m = ENGLISH_CAN_HELP.exec(t);
  if (!m) return false;
  const rest = t.slice(0, m.index) + ' ' + t.slice(m.index + m[0].length);
  return !/[?？]/.test(rest) && (rest.match(/[a-z]/gi) ?? []).length >= 20;
}

/**
 * Any of the request forms above, read in the worker's own words: the policy terms normalization adds at
 * the end would hide how the message ends ("…能帮我们吗 辞退"). Sichuan 一哈 is 一下 ("反映一哈撒").
 */
export function asksToAct(said: string): boolean {
  const t = withoutAddedTerms(said).replace(/一哈/g, '一下');
  return firmRequest(t) || ASKED_TO_ACT.test(t) || GO_FOR_ME.test(t) || INCLUDE_ME.test(t) || HELP_ASKED.test(t) || [ASKED_IF_WILL_ACT, TOLD_DIRECTLY, CAN_HELP_TAIL].some((re) => besideMatter(t, re)) || TOLD_TO_ACT.test(t) || (CAN_HELP_BARE.test(t) && toldGrievance(t));
}

/** A request form that holds in the message beside a matter of the worker's own: something told beyond it, or a grievance. */
function besideMatter(t: string, request: RegExp): boolean {
  return request.test(t) && (mattersBeyond(t, request) || toldGrievance(t));
}

/**
 * The learned head adds what the cues cannot see: a request to act phrased in a way no cue
 * anticipates. It never overrules an explicit request or turns a question vague. How sure it must be
 * ships with the model (chosen on folds it never saw); this is the bar for a model without one.
 */
export const LEARNED_ACT_MIN_P = 0.97;

/** The want of message `t`: the rules' reading, the learned head's request to act beside it, and an act put off as none. */
export function combineWant(rules: Want, learned: Classified | undefined, t: string): Want {
  if (declinesToAct(t)) return rules === 'act' ? 'ask' : rules;
  if (!learned) return rules;
  // A demand put to the union after a story ("…这个工会管不管") asks something of it, whatever the head says.
  if (rules === 'act') return (learned.want.act ?? 1) <= LEARNED_ASK_MAX_P && ASKS.test(t) && !OWN_REQUEST.test(t) && !demandsOfUnion(t) ? 'ask' : 'act';
  if (asksIfAllowed(t)) return rules;
  return (learned.want.act ?? 0) >= (learnedActMinP() ?? LEARNED_ACT_MIN_P) ? 'act' : rules;
}

/**
 * At or below this act share the learned head overrules a request to act the cue words found, when the
 * message asks something and asks nothing of the union: "准备去仲裁委告老板 立案要交费不 法律依据是啥"
 * names the act the worker plans, and asks about it.
 */
export const LEARNED_ASK_MAX_P = 0.01;

/** Whether a thing may be done or used so ("经费能不能用来发购物卡", "会费可以拿来买年票不", "is it allowed to …"). */
const IF_ALLOWED = /(?:能不能|可不可以|可以不|能否|是否(?:可以|能)|允不允许|准不准|行不行|可以|能)[^，,。？?]{0,4}(?:用来|用于|拿来|拿去|用在|花在|报销|列支|开支)|(?:用来|用于|拿来|拿去)[^，,。？?]{0,10}(?:行不行|可以吗|可不可以|合规|违规|算不算违规)|\b(?:can|may) (?:the union|union|we|they) (?:use|spend)\b|\bis it allowed\b/i;
/** A request of the worker's own beside it: "能不能帮我问下", "我要投诉", "请工会出面". */
const OWN_REQUEST = /帮我|给我|替我|帮忙|帮下|帮一下|请工会|工会(?:是不是|是否)?(?:能不能|可不可以|可以|能)?(?:出面|出来|来|去|介入|过问)|你们(?:去|来|帮|出面)|我(?:要|想)(?:投诉|反映|举报|登记|维权|申请)|\bhelp me\b|\bplease (?:help|file|register)\b/i;

/**
 * A question whether something may be done, asked of nobody in particular: a question on the rules,
 * which the learned head alone does not turn into a request to act (its act share is learned from
 * complaints that use the same words, such as 购物卡 and 经费).
 */
function asksIfAllowed(t: string): boolean {
  return IF_ALLOWED.test(t) && !OWN_REQUEST.test(t);
}

/** The act named only to be put off or refused: "暂时先不登记", "我不想投诉 就问问", "先别报上去". */
const NEGATED_ACT = /(不想|不要|不用|不打算|先不|暂时(?:先)?不|还不想|先别|别)(?:帮我|给我|去)?(登记|投诉|提交|报上去|反映|维权|告|起诉|仲裁|建单|立案|找工会)/g;

/**
 * Whether the message names the act only to put it off, with no request to act after it ("不想投诉
 * 但是想请工会帮我问问老板" still asks the union to do something).
 */
export function declinesToAct(t: string): boolean {
  const last = [...t.matchAll(NEGATED_ACT)].at(-1);
  const end = Math.max(last ? (last.index ?? 0) + last[0].length : -1, withdrawnUpTo(t));
  if (end < 0) return false;
  return wantOf(t.slice(end), 0) !== 'act';
}

const FILLER = /[的了吗呢啊吧呀哦嘛么噻撒嗯哈我你他她它们是有在和就都也还又要会能可这那哪个什啥怎咋样多少几一请问想知道下给把被让对从到去来说看不没得着过里上中等及或而但事情整搞办弄帮忙\s\p{P}]|工会/gu;

/** Every vague pointer, and every topic cue word, to be taken out of a message (replace starts a global pattern afresh). */
const EVERY_VAGUE = new RegExp(VAGUE.source, 'g');
const EVERY_CUE = Object.values(TOPIC_CUES).flatMap((cues) => cues.map((c) => new RegExp(c.re.source, 'g')));

/**
 * Whether the message tells a matter beside the request: "你们能帮我处理公司的事吗" tells none, "…老板扣了我们全部押金" does.
 * A grievance told in few words ("我被开除了") is a matter too: the caller asks toldGrievance besides.
 */
function mattersBeyond(t: string, request: RegExp): boolean {
  return t.replace(request, ' ').replace(EVERY_VAGUE, '').replace(FILLER, '').length >= 4;
}

/** How much a message says beyond its topic words and the vague pointer: the characters left. */
function specifics(t: string): number {
  let rest = t.replace(EVERY_VAGUE, '');
  for (const re of EVERY_CUE) rest = rest.replace(re, '');
  return rest.replace(FILLER, '').length;
}

/** A question for information; "十几个人", "好几个月" count, they do not ask. */
const INFO_QUESTION = /多少|哪些|什么|啥子|是啥|怎么|咋个|如何|条件|标准|流程|多久|好久|多长时间|啥时候|(?<![十百千万好那这前])几[天次个号]|吗|[?？]/;
/** "怎么办", "咋个办嘛": what to do, not what something is. */
const WHAT_TO_DO = /(?:怎么|咋个?|如何)(?:办|整|搞)(?![理法手])(?:嘛|啊|呀|哦|呢)?|\bwhat (?:can|should|do) (?:i|we|the union|you) do(?: for (?:me|us))?\s*\??/gi;
/** Words that ask for a ticket outright, whatever else the message asks. */
const EXPLICIT_FILE = new RegExp(`帮(我|我们)|麻烦|劳烦|拜托|烦请|登记|提交|工单|建(个)?单|立案|投诉|维权|讨薪|file|open a case|help (me|us)|\\b(?:register|lodge)\\b|${ENGLISH_REQUEST.source}`, 'i');

/** Asking whether the union can do something ("能不能…", "…要钱不") rather than asking it to. */
const ASKS_WHETHER = /能不能|可不可以|可以不|行不行|是不是|有没有|吗|[^不]不[?？]?$|啊[?？]?$|[?？]/;

/** A message that asks something: a question word or a question mark. */
export const ASKS = /多少|好多|几|多久|好久|啥|什么|怎么|咋|如何|哪|谁|能不能|可不可以|是不是|有没有|有没得|算不算|要不要|吗|么|[?？]|[^不\s]不[?？]?$|\b(how|what|when|where|who|can|does|is)\b/i;
/** Each cue as a global pattern, made once: only ever read with matchAll, which works on a copy of its own. */
const everyMatch = new WeakMap<RegExp, RegExp>();
function global(re: RegExp): RegExp {
  let g = everyMatch.get(re);
  if (!g) everyMatch.set(re, (g = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`)));
  return g;
}

/** Where the clause of the last request to act (a cue of ACT_CUES) starts; 0 when there is none. */
function lastRequestClause(t: string, cues: readonly RegExp[]): number {
  let at = -1;
  for (const re of cues) for (const m of t.matchAll(global(re))) at = Math.max(at, m.index ?? 0);
  if (at <= 0) return 0;
  const before = t.slice(0, at);
  return Math.max(...['，', ',', '。', '.', '!', '！', '?', '？', ';', '；', ' '].map((p) => before.lastIndexOf(p))) + 1;
}

const EVERY_ASK_THE_OTHER_SIDE = new RegExp(ASK_THE_OTHER_SIDE, 'g');
/** A polite request put as a question with its own question mark or particle: "工会能帮忙协调吗", "可否替我们问问". */
const EVERY_OWN_REQUEST_TAIL = new RegExp(`${ASKED_IF_WILL_ACT.source}[^，,。\\s？?]*?(?:吗|不|嘛|呢)?[?？]?`, 'g');

/** What the worker wants, read in their own words: the rules that look at how a message ends must not see the added policy terms. */
export function wantOf(normalized: string, topScore: number): Want {
  const t = withoutAddedTerms(normalized);
  const [help, ...requests] = ACT_CUES;
  const asked = asksToAct(t);
  const firm = firmRequest(t);
  const requested = asked || requests.some((re) => re.test(t));
  const helpOnly = !requested && Boolean(help?.test(t));
  // Leaving a phone number with a story is asking to be contacted.
  const contact = Boolean(findPhone(t)) && !HOW_TO.test(t);
  // "我想申请疗休养 补贴标准是多少" asks for information even though it says 想申请; asking a person to look at it is a request.
  // "咋个办 你们帮下忙嘛": asking what to do, beside a request, asks for help, not for information.
  const q = asked ? t.replace(WHAT_TO_DO, ' ') : t;
  // "工会不是说帮扶困难职工吗 我要申请 现在就要": a question before the request asks nothing of it.
  const fromRequest = q.slice(lastRequestClause(q, requests));
  // "工会是不是可以出面去找公司问一下?": a request put as a question asks for nothing but itself.
  // A question asked of the employer on the worker's behalf ("问问厂里按哪个标准算") is part of the request; so is a polite
  // request's own question ("工会能帮忙协调吗") beside a matter the worker tells.
  const asking = withoutRhetoric(fromRequest).replace(REQUEST_AS_QUESTION, ' ').replace(EVERY_ASK_THE_OTHER_SIDE, ' ');
  const infoOnly = requested && INFO_QUESTION.test(besideMatter(t, ASKED_IF_WILL_ACT) ? asking.replace(EVERY_OWN_REQUEST_TAIL, ' ') : asking) && !EXPLICIT_FILE.test(t) && !firm;
  const act = (requested && !infoOnly) || contact || (helpOnly && !ASKS_WHETHER.test(t));
  if (act && !(HOW_TO.test(q) && !/帮(我|我们)/.test(t) && !firm)) return 'act';
  // A story of what the workplace did to the worker, told to the union with nothing asked, asks for help.
  if (!requested && grievanceOnly(t)) return 'act';
  // The policy terms added for the worker's colloquial words (劳动局 → 劳动保障监察) name the matter more closely: they count as said.
  if (VAGUE.test(t) && specifics(normalized) <= 6) return 'vague';
  if (topScore < ANSWER_MIN_SCORE) return 'vague';
  return 'ask';
}
