import { findDistrict } from './districts.ts';

/**
 * The worker's own name, from the words where they give it: "我叫…", "我的名字是…", "姓名：…",
 * "本人…", "我是…" (only for a name that reads like one), "my name is …", "I'm …". A name in a
 * sentence about someone else ("我老公叫…", "老板名字叫…", "我是张伟的工友") is not the worker's,
 * and an explanation of how a character is written ("斌是文武斌的斌", "口天吴") names no one.
 */

/** Common Chinese surnames, compound ones first: a name after the weak cue 我是 must start with one. */
const SURNAME =
  '(?:欧阳|司马|上官|诸葛|东方|皇甫|尉迟|公孙|慕容|长孙|令狐|宇文|司徒|夏侯|端木|' +
  '[王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖萧田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝]' +
  ')';

/** Words that say the clause is about someone else: kin, bosses, colleagues, he/she. */
const SOMEONE_ELSE =
  /他|她|老公|老婆|丈夫|妻子|爱人|媳妇|儿子|女儿|孩子|娃|爸|妈|父亲|母亲|哥|姐|弟|妹|亲戚|朋友|邻居|同事|工友|老乡|室友|老板|老总|经理|主管|领导|厂长|班长|组长|包工头|工头|师傅|老师|对方|husband|wife|son|daughter|boss|manager|friend|colleague|\bhe\b|\bshe\b/i;

/** An explanation of how a character is written: "燕子的燕", "斌是文武斌的斌", "斌是文武斌", "王字旁的玮", "口天吴". */
export const WRITTEN_AS =
  /^(?:[\u4e00-\u9fa5]是)?[\u4e00-\u9fa5]{1,5}的[\u4e00-\u9fa5]$|^([\u4e00-\u9fa5])是(?=[\u4e00-\u9fa5]{0,4}\1)[\u4e00-\u9fa5]{2,5}$|^[\u4e00-\u9fa5]字旁的[\u4e00-\u9fa5]$|^(?:口天吴|弓长张|耳东陈|立早章|木子李|古月胡|双木林|草头黄|言午许|文刀刘|禾口程|人可何|三横王)$|^(?:单人|双人|单立人|加贝|耳东|立早|弓长|口天|木子|古月|草头|言午|文刀|禾口|人可|双木|关耳|子小|月半|三点水|提手|竖心|宝盖头?|草字头|[金木水火土王女口日月石竹言]字旁?)的?[\u4e00-\u9fa5]$/;

/**
 * A clause that explains how a character of a name given beside it is written: the fixed forms of
 * WRITTEN_AS, or any "覃是西字头那个", "诚就是诚实的诚" when the character it starts with is in the
 * rest of the message.
 */
export function explainsSpelling(clause: string, message: string): boolean {
  if (WRITTEN_AS.test(clause)) return true;
  if (composedCharacter(clause, message)) return true;
  const ch = /^([\u4e00-\u9fa5])字?(?:是|就是)[\u4e00-\u9fa5]/.exec(clause)?.[1];
  if (!ch || /[我你您他她它这那就也都还不是的了在有]/.test(ch) || [...clause].length > 16) return false;
  return (POINTER.test(clause) || /的[\u4e00-\u9fa5]$/.test(clause)) && message.replace(clause, ' ').includes(ch);
}

/**
 * A character told by its parts, as 口天吴 and 立早章 are: "日月明", "女子好". Three characters, the last one
 * in the name given beside them, the first no surname (a clause starting with one is more likely a name).
 */
function composedCharacter(clause: string, message: string): boolean {
  const m = /^[\u4e00-\u9fa5]{2}([\u4e00-\u9fa5])$/.exec(clause);
  if (!m || new RegExp(`^(?:${SURNAME})`).test(clause) || /[我你您他她是姓叫的了不在有就也]/.test(clause.slice(0, 2))) return false;
  return message.replace(clause, ' ').includes(m[1]!);
}

/** Words that point at a character or a person instead of naming one: "西字头那个", "这个", "草字头的". */
const POINTER = /那个|这个|哪个|字头|字旁|偏旁|部首|字底|头的|旁的|底的/;

/** What a name is not: roles, pronouns, places, the worker's situation, and the words that say yes, no or wait. */
const NOT_NAMES =
  /^(送外卖|外卖|快递|工人|职工|员工|农民工|司机|老师|医生|护士|会员|一名|一个|本人|这边|那边|重庆|四川|单位|公司|厂里|工会|单亲|残疾|困难|外地|本地|临时|合同|派遣|退休|下岗|失业|他|她|你|我|老板|包工头)|妈妈|爸爸|家属|工人|员工|师傅|^(?:小名|大名|正名|真名|全名|本名|原名|曾用名|外号|绰号|昵称|网名|名字|姓名|没错|没有|没得|不对|对的|对头|是的|好的|好嘞|可以|谢谢|确认|取消|不是|算了|等等|等下|知道|明白|晓得|麻烦|不好意思|对不起|就是|但是|不过)$/;

function plausible(v: string): boolean {
  return !NOT_NAMES.test(v) && !POINTER.test(v) && !/[区县市省镇村厂店司的了吗呢啊嘛哦呀吧]$/.test(v) && !findDistrict(v);
}

/** Strong cues name the worker whatever the name looks like; 我是, 本人 and 联系人 only before a surname. */
const STRONG_CUE = /(?:我叫|我的名字是|我的名字叫|我名字叫|我名字是|名字是|名字叫|姓名[是为:：]?|本人(?:叫|是|姓名)|叫我(?!们))\s*([\u4e00-\u9fa5·]{2,5}?)(?=$|[\s,，。.!！;；、]|电话|手机|联系|在|是|我|就|今年|家住|住在)/g;
const WEAK_CUE = new RegExp(`(?:我是|本人|联系人[:：]?)\\s*(${SURNAME}[\\u4e00-\\u9fa5]{1,2}?)(?=$|[\\s,，。.!！;；、]|电话|手机|联系|在|我|今年|家住|住在)`, 'g');

/** English: "my name is Chen Hao" (strong), "this is Lucy", "I'm Lucy Wang", "i am Pham Thi Lan" (up to three words, none a common English word). */
const EN_STRONG = /\b(?:my name is|my name's|name:|call me)\s+([a-z][a-z'-]*(?:\s[a-z][a-z'-]*){0,2})/gi;
const EN_WEAK = /(?:^|[.!,;]\s*)(?:hi|hello|hey)?[,\s]*(?:this is|i am|i'm)\s+([a-z][a-z'-]*(?:\s[a-z][a-z'-]*){0,2})/gi;
const EN_NOT_NAME =
  /^(?:a|an|the|not|so|very|really|just|still|also|here|there|from|in|at|on|with|for|to|and|but|being|owed|sorry|afraid|worried|scared|sick|ill|injured|hurt|pregnant|unemployed|desperate|angry|upset|tired|broke|new|late|now|writing|working|asking|looking|trying|going|calling|contacting|reaching|unable|able|sure|glad|happy|fine|ok|okay|good|well|your|my|his|her|their|our|one|two|three|married|single|employed|fired|dismissed|laid|owed|waiting|told|forced|paid|unpaid|worker|driver|courier|rider|nurse|teacher|cleaner|construction|delivery|factory|migrant|member|union|it|it's|its|is|no|yes|name|wrong|hello|hi|thanks|thank|spelled|spelt|written|typed|actually|sorry)$/i;

function englishName(v: string, cased: boolean): string | undefined {
  const words = v.split(/\s+/);
  const kept: string[] = [];
  for (const w of words) {
    if (EN_NOT_NAME.test(w) || (cased && !/^[A-Z]/.test(w))) break;
    kept.push(w);
  }
  return kept.length ? kept.join(' ') : undefined;
}

/** The clause (between punctuation or spaces) that holds position `at`, up to it. */
function clauseBefore(text: string, at: number): string {
  const start = Math.max(...['，', ',', '。', '.', '!', '！', '?', '？', ';', '；', '\n', ' '].map((p) => text.lastIndexOf(p, at - 1))) + 1;
  return text.slice(start, at);
}

/** The clauses that explain how a character is written, taken out: they name no one. */
function withoutSpellings(text: string): string {
  return text
    .split(/([，,。.!！;；、\s]+)/)
    .map((piece) => (explainsSpelling(piece, text) ? ' ' : piece))
    .join('');
}

/** "我叫熊大伟 不对 打快了 是熊达伟": a name taken back at once for another of the same surname. */
const TAKEN_BACK = /^[\s，,。]*(?:不对|不是|错了|(?:说|打|写|搞|输)错了?|打快了|手滑了?)[^。]{0,10}?(?:是|叫)\s*([\u4e00-\u9fa5]{2,4})/;

/** The worker's name in free text, or undefined when they give none. */
export function findName(input: string): string | undefined {
  const text = withoutSpellings(input);
  for (const cue of [STRONG_CUE, WEAK_CUE]) {
    for (const m of text.matchAll(cue)) {
      const name = m[1];
      if (!name || !plausible(name)) continue;
      // "我老公叫…", "老板名字叫…": the cue is about someone else ("我是张伟的工友" never matches: a name ends at a boundary).
      if (SOMEONE_ELSE.test(clauseBefore(text, m.index))) continue;
      const again = TAKEN_BACK.exec(text.slice((m.index ?? 0) + m[0].length))?.[1]?.slice(0, name.length);
      if (again && again[0] === name[0] && again !== name && plausible(again)) return again;
      return name;
    }
  }
  const cased = /[A-Z]/.test(text);
  for (const cue of [EN_STRONG, EN_WEAK]) {
    for (const m of text.matchAll(cue)) {
      if (SOMEONE_ELSE.test(clauseBefore(text, m.index))) continue;
      const name = m[1] && englishName(m[1], cued(cue, cased));
      if (name) return name;
    }
  }
  return undefined;
}

/** Capitals are required of an English name only after a weak cue, and only when the writer uses capitals at all. */
function cued(cue: RegExp, cased: boolean): boolean {
  return cue === EN_WEAK && cased;
}

const SURNAMED = new RegExp(`^${SURNAME}[\\u4e00-\\u9fa5]{1,2}$`);

/** A name beside other words: cued ("我叫…"), or two or three characters that begin with a common surname. */
export function looksLikeName(clause: string): boolean {
  if (findName(clause)) return true;
  const t = clause.replace(/[。.!！,，\s]+$/, '');
  return SURNAMED.test(t) && plausible(t);
}

/** A bare answer to "怎么称呼您?": a name with or without a cue, after "免贵姓刘" and spelling explanations are set aside. */
export function parseNameAnswer(text: string): string | undefined {
  const cuedName = findName(text);
  if (cuedName) return cuedName;
  const t = withoutSpellings(text)
    .replace(/^(?:免贵)?姓[\u4e00-\u9fa5](?:[,，\s]+|(?=叫))/, '')
    .replace(/^(我叫|我是|叫我|叫|姓名|名字)[:：]?\s*/, '')
    .replace(/[。.!！,，\s]+$/, '')
    .trim();
  if (/^[\u4e00-\u9fa5·]{2,5}$/.test(t) && plausible(t)) return t;
  const words = t.replace(/^(?:my name is|i am|i'm|this is|it's|it is)\s+/i, '').split(/\s+/);
  if (/^[a-z][a-z .'-]{1,40}$/i.test(t) && words.length <= 3 && !words.some((w) => EN_NOT_NAME.test(w))) return words.join(' ');
  return undefined;
}
