/** Chongqing's districts and counties: the full name, the short names people use, and pinyin. */

interface District {
  name: string;
  short: string[];
  pinyin: string;
}

const D = (name: string, short: string[], pinyin: string): District => ({ name, short, pinyin });

export const CHONGQING_DISTRICTS: readonly District[] = [
  D('万州区', ['万州'], 'wanzhou'),
  D('涪陵区', ['涪陵'], 'fuling'),
  D('渝中区', ['渝中'], 'yuzhong'),
  D('大渡口区', ['大渡口'], 'dadukou'),
  D('江北区', ['江北'], 'jiangbei'),
  D('沙坪坝区', ['沙坪坝', '沙区'], 'shapingba'),
  D('九龙坡区', ['九龙坡', '九区'], 'jiulongpo'),
  D('南岸区', ['南岸'], "nan'?an"),
  D('北碚区', ['北碚'], 'beibei'),
  D('綦江区', ['綦江'], 'qijiang'),
  D('大足区', ['大足'], 'dazu'),
  D('渝北区', ['渝北'], 'yubei'),
  D('巴南区', ['巴南'], 'banan'),
  D('黔江区', ['黔江'], 'qianjiang'),
  D('长寿区', ['长寿'], 'changshou'),
  D('江津区', ['江津'], 'jiangjin'),
  D('合川区', ['合川'], 'hechuan'),
  D('永川区', ['永川'], 'yongchuan'),
  D('南川区', ['南川'], 'nanchuan'),
  D('璧山区', ['璧山', '壁山'], 'bishan'),
  D('铜梁区', ['铜梁'], 'tongliang'),
  D('潼南区', ['潼南'], 'tongnan'),
  D('荣昌区', ['荣昌'], 'rongchang'),
  D('开州区', ['开州', '开县'], 'kaizhou'),
  D('梁平区', ['梁平'], 'liangping'),
  D('武隆区', ['武隆'], 'wulong'),
  D('城口县', ['城口'], 'chengkou'),
  D('丰都县', ['丰都'], 'fengdu'),
  D('垫江县', ['垫江'], 'dianjiang'),
  D('忠县', [], 'zhongxian|zhong county'),
  D('云阳县', ['云阳'], 'yunyang'),
  D('奉节县', ['奉节'], 'fengjie'),
  D('巫山县', ['巫山'], 'wushan'),
  D('巫溪县', ['巫溪'], 'wuxi'),
  D('石柱土家族自治县', ['石柱县', '石柱'], 'shizhu'),
  D('秀山土家族苗族自治县', ['秀山县', '秀山'], 'xiushan'),
  D('酉阳土家族苗族自治县', ['酉阳县', '酉阳'], 'youyang'),
  D('彭水苗族土家族自治县', ['彭水县', '彭水'], 'pengshui'),
  D('两江新区', ['两江'], 'liangjiang'),
  D('重庆高新区', ['高新区'], 'gaoxin'),
  D('万盛经开区', ['万盛'], 'wansheng'),
];

const BY_ALIAS: [string, string][] = CHONGQING_DISTRICTS.flatMap((d) => [
  [d.name, d.name] as [string, string],
  ...d.short.map((s) => [s, d.name] as [string, string]),
]).sort((a, b) => b[0].length - a[0].length);

const PINYIN = CHONGQING_DISTRICTS.map((d) => {
  const re = new RegExp(`\\b(?:${d.pinyin})(?:\\s*(?:district|county))?\\b`, 'i');
  // `every` finds all mentions; matchAll reads it through a copy, so the shared one stays at its start.
  return { re, every: new RegExp(re.source, 'gi'), name: d.name };
});

/**
 * Every alias in one pattern, longest first: the leftmost match is the first mention, and at one
 * place the alternative listed first (the longest name) wins, as the list is read.
 */
const ANY_ALIAS = new RegExp(BY_ALIAS.map(([alias]) => alias.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'));
const NAME_OF_ALIAS = new Map<string, string>();
for (const [alias, name] of BY_ALIAS) if (!NAME_OF_ALIAS.has(alias)) NAME_OF_ALIAS.set(alias, name);
/** Pinyin is written in Latin letters: a text without any names no district in pinyin. */
const LATIN = /[a-z]/i;

/** Finds a Chongqing district or county in (normalized, Simplified) text; the first mention wins. */
export function findDistrict(text: string): string | undefined {
  const alias = ANY_ALIAS.exec(text)?.[0];
  if (alias !== undefined) return NAME_OF_ALIAS.get(alias);
  if (!LATIN.test(text)) return undefined;
  for (const p of PINYIN) if (p.re.test(text)) return p.name;
  return undefined;
}

/** Every district named in the text, in order of appearance (for corrections: "不是巴南区 是南岸区"). */
export function findAllDistricts(text: string): string[] {
  const found: { at: number; name: string }[] = [];
  const taken: boolean[] = [];
  for (const [alias, name] of BY_ALIAS) {
    let from = 0;
    for (;;) {
      const at = text.indexOf(alias, from);
      if (at < 0) break;
      if (!taken[at]) {
        found.push({ at, name });
        for (let i = at; i < at + alias.length; i++) taken[i] = true;
      }
      from = at + alias.length;
    }
  }
  if (LATIN.test(text)) for (const p of PINYIN) for (const hit of text.matchAll(p.every)) found.push({ at: hit.index ?? 0, name: p.name });
  return found.sort((a, b) => a.at - b.at).map((f) => f.name);
}

/** The district whose name (full or short) begins at `at`, with the length of the name as written. */
export function districtAt(text: string, at: number): { name: string; length: number } | undefined {
  for (const [alias, name] of BY_ALIAS) if (text.startsWith(alias, at)) return { name, length: alias.length };
  return undefined;
}

/**
 * The name a ticket files a district under: the full name, except that an autonomous county goes
 * by the county name people and the hotline use ("酉阳土家族苗族自治县" → 酉阳县).
 */
export function filedDistrictName(name: string): string {
  if (!name.endsWith('自治县')) return name;
  return CHONGQING_DISTRICTS.find((d) => d.name === name)?.short.find((s) => s.endsWith('县')) ?? name;
}
