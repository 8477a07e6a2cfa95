import TS_CHARACTERS from 'opencc-js/dict/TSCharacters';
import { memoizedCharTest } from '../core/chars.ts';
import { placeLabel, placesIn } from '../knowledge/places.ts';
import { COLLOQUIAL } from './colloquial.ts';

/**
 * Text normalization before understanding: width, Traditional characters, common typos and
 * homophones workers type, emoji and control characters. The original text is kept for the
 * ticket; only understanding and retrieval see the normalized form.
 */

// Traditional -> Simplified, character by character, from OpenCC's table (3,500 characters): a worker
// writing Traditional is understood whatever words they use. 瞭解 is read as 了解, as workers mean it.
const T2S = new Map<string, string>(TS_CHARACTERS.split('|').map((e) => e.split(' ') as [string, string]));
T2S.set('瞭', '了');

/** Misspellings and homophones workers type, mapped to the word meant. Longest first. */
const FIXES: [RegExp, string][] = [
  [/公会/g, '工会'],
  [/攻会/g, '工会'],
  [/年漂|年飘|年标|年瞟/g, '年票'],
  [/文旅年/g, '文旅年'],
  [/疗修养|疗休痒|了休养|疗休羊|聊休养/g, '疗休养'],
  [/休疗养/g, '疗休养'],
  [/送温曖|送温缓|送問暖/g, '送温暖'],
  [/欠心|欠新|欠工资/g, '欠薪'],
  [/拖心|拖新/g, '拖薪'],
  [/帮付|帮夫|帮服/g, '帮扶'],
  [/救即|救济金/g, '救助'],
  [/驿占|易站|驿栈/g, '驿站'],
  [/法律援主|法律缓助/g, '法律援助'],
  [/仲栽|仲才/g, '仲裁'],
  [/工伤保险/g, '工伤保险'],
  [/巴属|八蜀|巴数/g, '巴蜀'],
  [/百萬/g, '百万'],
  [/老版(?!本)/g, '老板'],
  [/监查(?=大队|支队|部门)|(?<=劳动)监查/g, '监察'],
  [/那来的/g, '哪来的'],
];

const FULLWIDTH = /[\uFF01-\uFF5E]/g;
// Emoji, pictographs, variation selectors, zero-width and other invisible characters.
const NOISE = /[\p{Extended_Pictographic}\u{FE0F}\u{200B}-\u{200F}\u{2060}\u{FEFF}\u{E0020}-\u{E007F}]/gu;
/** The few emoji that carry a threat or an insult of their own are read as the words they stand for before emoji are dropped. */
const EMOJI_WORDS: [RegExp, string][] = [
  [/🔪|🗡/gu, ' 拿刀 '], [/🔫/gu, ' 拿枪 '], [/💣/gu, ' 炸弹 '], [/🧨/gu, ' 鞭炮 '], [/🖕/gu, ' 竖中指 '],
];
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFD]/g;

/**
 * The UTF-16 units a Traditional character begins with (the character itself, or the high surrogate
 * of one outside the BMP): a text holding none of them is its own simplified form.
 */
const T2S_START = new Uint8Array(0x10000);
for (const ch of T2S.keys()) T2S_START[ch.charCodeAt(0)] = 1;

export function toSimplified(text: string): string {
  let i = 0;
  while (i < text.length && T2S_START[text.charCodeAt(i)] === 0) i += 1;
  if (i === text.length) return text;
  let out = '';
  for (const ch of text) out += T2S.get(ch) ?? ch;
  return out;
}

/**
 * English words workers use, with the Chinese terms the knowledge base is written in. An English
 * message keeps its words and gains these, so the same cues and index understand it.
 */
const GLOSSARY: [RegExp, string][] = [
  [/annual pass|tourism pass|culture (and|&) tourism/, '文旅年票'],
  [/million workers tour|tour (of )?bashu/, '百万职工游巴蜀'],
  [/sanatorium|recuperation|rest and recovery|convalescen/, '疗休养'],
  [/off[- ]?season/, '淡季'],
  [/subsid|allowance/, '补贴'],
  [/hardship|difficult(y|ies)|poor famil|struggling/, '困难帮扶'],
  [/send(ing)? warmth/, '送温暖'],
  [/mutual (aid|assistance|insurance)/, '互助保障'],
  [/medical|illness|sick|hospital/, '医疗 大病'],
  [/relief|emergency aid/, '救助'],
  [/legal (aid|help|advice)|lawyer|free legal/, '法律援助'],
  [/arbitration|labou?r dispute/, '劳动仲裁 劳动争议'],
  [/unpaid|wage arrears|owe[sd]? .{0,20}(wage|salary|pay|money)|(wage|salary|pay)s? (not|never) paid|back pay|(has|have|had)(n'?t| not| never) paid|(did|does)(n'?t| not) pay|not (been )?paid|no pay/, '欠薪 拖欠工资'],
  [/\b(wages?|salary|pay)\b/, '工资'],
  [/laid off|layoff|fired|dismiss/, '裁员 辞退'],
  [/injur|accident|hurt/, '工伤 职业伤害'],
  [/delivery (rider|driver|worker)|courier|gig worker|ride[- ]?hailing|platform worker/, '新就业形态 外卖员'],
  [/union station|rest stop|service station|outdoor worker/, '工会驿站'],
  [/join(ing)? (the|a) union|membership|set up a union/, '入会 建会'],
  [/workers'? home/, '职工之家'],
  [/nursing room|mothers'? room|breastfeeding/, '爱心妈咪小屋'],
  [/childcare|after[- ]school/, '托管班'],
  [/summer camp/, '夏令营'],
  [/voucher|coupon/, '消费券'],
  [/training|skill/, '技能培训'],
  [/craftsm/, '工匠'],
  [/spring outing|autumn outing/, '春秋游'],
  [/condolence|visits? (to|for) workers|gift/, '慰问'],
  [/hotline|phone number|which number|call/, '热线 12351'],
  [/how much|worth|cost|price/, '多少钱 价值'],
  [/who pays|paid by|pay for|fund(ed|ing|s)?\b|budget/, '经费 谁出钱'],
  [/how many (workers|people|members|employees)|number of (workers|people|members)|how many .{0,20}(used|joined|took part|participated)/, '多少名职工 人数'],
  [/how often|how frequently|once every/, '多久一次'],
  [/how many days/, '几天'],
  [/how long/, '多久'],
  [/\bwhen\b/, '什么时候'],
  [/\bused\b|\busing\b|\busage\b/, '使用'],
  [/\bwhere\b/, '在哪里'],
  [/membership fee|union dues|dues/, '会费'],
  [/ten (measures|things)/, '十项措施 十件实事'],
];

/**
 * Colloquial words and the terms the policies use for them. The message keeps its own words and
 * gains the policy terms, so "快递小哥能入工会不" finds the entry about 新就业形态 workers joining.
 */
const SYNONYMS: [RegExp, string][] = [
  [/入工会|进工会|参加工会|入个会|加工会/, '加入工会 入会'],
  [/快递小哥|外卖小哥|骑手|跑外卖|送外卖|跑单|网约车司机|开网约车|货车司机/, '新就业形态劳动者'],
  [/工资没发|不发工资|欠工资|工钱没给|工钱没结|拖工资|拖着工资|拿不到工资|讨工钱|要工钱/, '欠薪'],
  [/生娃|生孩子|怀孕|坐月子/, '生育'],
  [/娃儿|小孩|孩子们/, '孩子'],
  [/带娃|看娃|管娃|没人带孩子/, '托管'],
  // A place to nurse is the 爱心妈咪小屋; nursing time or leave is a right of its own (哺乳时间).
  [/(喂奶|哺乳|背奶|吸奶)(室|间|的地方|的房间|的屋)|(在哪|哪里|哪儿|地方).{0,4}(喂奶|哺乳|背奶|吸奶)/, '爱心妈咪小屋'],
  [/(喂奶|哺乳|背奶)(时间|假|期)|(喂奶|哺乳).{0,6}(几个?小时|多久|加班|夜班)/, '哺乳时间'],
  [/歇脚|歇一下|热饭|喝口水|上厕所|充电/, '工会驿站'],
  [/出去耍|旅游|游玩/, '文旅'],
  [/疗养/, '疗休养'],
  [/打官司|请律师|告老板/, '法律援助'],
  [/被开了|炒鱿鱼|辞退|不要我了/, '裁员 解除劳动合同'],
  [/摔了|受伤|撞了|骨折/, '职业伤害'],
  [/困难户|穷|揭不开锅|过不下去/, '困难职工'],
  [/工钱|薪水|薪资|血汗钱/, '工资'],
  [/加班钱|加班工资/, '加班费'],
  [/开除|把我开了|开了我|炒了我|辞了我|被炒/, '辞退'],
  [/先心病|心脏(不好|有问题|手术)|搭桥/, '心脏病手术'],
  [/劳动局|劳动监察大队|劳动大队/, '劳动保障监察'],
  [/年卡|旅游卡|景区卡/, '年票'],
  [/五险一金|五险|社保/, '社会保险'],
  [/没签合同|没有签合同|不签合同|没得合同|没有合同/, '书面劳动合同'],
];

/** English place names become the Chinese ones where they stand ("travel to chengdu" → "travel to 成都"). */
function withChinesePlaceNames(t: string): string {
  if (!/[a-z]{4,}/.test(t)) return t;
  let out = t;
  for (const p of placesIn(t)) if (/^[a-z]/.test(p.text)) out = out.replace(p.text, placeLabel(p));
  return out;
}

/** Every word the glossary and the synonyms may add. */
const ADDED_WORDS = new Set([...GLOSSARY, ...SYNONYMS].flatMap(([, zh]) => zh.split(' ')));

/**
 * The worker's own words of a normalized message, without the policy terms normalizeText added at its
 * end: what a rule reading how the message ends ("…管得到不", "…有补偿没") must look at.
 */
export function withoutAddedTerms(t: string): string {
  const words = t.split(' ');
  while (words.length > 1 && ADDED_WORDS.has(words[words.length - 1]!)) words.pop();
  return words.join(' ');
}

const ENGLISH_TABLE = [...GLOSSARY, ...SYNONYMS];

/**
 * A normalized message with the policy terms for the workers' own words in it (colloquial.ts), for
 * searching the knowledge only: what the message is understood to ask, want or be is read from
 * the worker's words, so a term added here never makes an entry look like the answer by itself.
 */
export function withColloquialTerms(t: string): string {
  const extra = [...new Set(COLLOQUIAL.filter(([re]) => re.test(t)).flatMap(([, zh]) => zh.split(' ')))].filter((zh) => !t.includes(zh));
  return extra.length ? `${t} ${extra.join(' ')}` : t;
}

function withGlossary(t: string): string {
  const table = /[a-z]{3,}/.test(t) ? ENGLISH_TABLE : SYNONYMS;
  const extra = table.filter(([re]) => re.test(t)).map(([, zh]) => zh).filter((zh) => !t.includes(zh));
  return extra.length ? `${t} ${extra.join(' ')}` : t;
}

/** Characters only Cantonese writing uses: a message holding one is read with the Cantonese words below. */
const CANTONESE_MARK = /[佢畀喺嘅咗哋冇咩乜嗰啲唔]|边度|几多/;
/**
 * Cantonese words and their Mandarin: "佢要畀几多钱" asks "他要给多少钱", "喺边度报" asks "在哪里报". Only
 * in a message written in Cantonese, where 系 is "is" and 几时 "when"; in Mandarin they are other words.
 */
const CANTONESE: [RegExp, string][] = [
  [/边度|边处/g, '哪里'], [/边个/g, '谁'], [/几多/g, '多少'], [/几时/g, '什么时候'], [/点样|点么样/g, '怎么样'], [/点解/g, '为什么'],
  [/唔使|唔驶|唔洗/g, '不用'], [/唔该晒|唔该|多谢晒/g, '谢谢'], [/倾掂/g, '谈好'], [/搞掂/g, '搞定'], [/(?<!喇)喇(?![叭嘛])/g, '了'],
  [/乜嘢|咩/g, '什么'], [/系咪/g, '是不是'], [/唔系/g, '不是'], [/(?<![关联体统派])系(?![统列数])/g, '是'],
  [/佢哋/g, '他们'], [/佢/g, '他'], [/畀|俾/g, '给'], [/喺/g, '在'], [/嘅/g, '的'], [/咗/g, '了'], [/哋/g, '们'], [/冇/g, '没有'],
  [/唔/g, '不'], [/嗰/g, '那'], [/啲/g, '些'], [/睇/g, '看'], [/揾/g, '找'], [/老细/g, '老板'], [/出粮/g, '发工资'], [/帮手/g, '帮忙'], [/(拖|欠|扣|没有?)粮/g, '$1工资'], [/(?<![转找要接真])人工(?!客服|服务|智能|台)/g, '工钱'], [/(?<![合不共相如协赞认陪])同(?![事意时样学志乡龄伴类期步等一归])/g, '跟'], [/判头/g, '包工头'],
];

/** A message written in Cantonese, in its Mandarin words ("唔使喇" → "不用了"); any other message as it is. */
export function readCantonese(t: string): string {
  if (!CANTONESE_MARK.test(t)) return t;
  for (const [re, to] of CANTONESE) t = t.replace(re, to);
  return t;
}

export function normalizeText(text: string): string {
  let t = text.normalize('NFKC').replace(FULLWIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  for (const [re, to] of EMOJI_WORDS) t = t.replace(re, to);
  t = t.replace(NOISE, ' ').replace(CONTROL, ' ').replace(/\u3000/g, ' ');
  t = toSimplified(t);
  t = readCantonese(t);
  for (const [re, to] of FIXES) t = t.replace(re, to);
  return withGlossary(withChinesePlaceNames(t.replace(/\s+/g, ' ').trim().toLowerCase()));
}

/** One readable character: a letter, digit, CJK, punctuation, space, emoji or currency or maths sign. */
const READABLE = /[\p{L}\p{N}\p{P}\s\p{Extended_Pictographic}\p{Sc}\p{Sm}]/u;

/** READABLE's verdict on a BMP character, asked once per character. */
const readableBmp = memoizedCharTest(READABLE);

/** Share of characters that are letters, digits, CJK or common punctuation: low means binary junk. */
export function readableShare(text: string): number {
  if (!text) return 0;
  let good = 0;
  let total = 0;
  for (const ch of text) {
    total += 1;
    if (ch.length === 1 ? readableBmp(ch.charCodeAt(0)) : READABLE.test(ch)) good += 1;
  }
  return good / total;
}

export function hasContent(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}
