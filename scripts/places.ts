/**
 * Rebuilds the short names and levels in src/knowledge/places.json from its full names:
 *   npx tsx scripts/places.ts
 * A short name (宁波 for 宁波市, 巫山 for 巫山县) is kept only when it reads as a place: cities
 * always, counties only when the segmenter tags the short name as a place name, and never the
 * names that are ordinary words far more often (安康杯, 东方, 来宾). Provinces and cities also get
 * the name a worker writing English uses: the pinyin run together (shanghai, chengdu), or the
 * conventional English name where one exists (inner mongolia, harbin).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { pinyin } from 'pinyin-pro';

type Row = [string, string, string, ...string[]];
const file = new URL('../src/knowledge/places.json', import.meta.url);
const rows = JSON.parse(readFileSync(file, 'utf8')) as Row[];

const PROVINCE = /(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$/;
const CITY = /(市|地区|盟|(?:[\u4e00-\u9fa5]{1,6}族)*自治州)$/;
const COUNTY = /((?:[\u4e00-\u9fa5]{1,6}族)*自治县|自治旗|新区|矿区|林区|特区|区|县|市|旗)$/;
const ETHNIC = /(土家族|苗族|藏族|彝族|回族|蒙古族|哈萨克|柯尔克孜|朝鲜族|壮族|布依族|侗族|白族|傣族|景颇族|傈僳族|羌族|哈尼族)+$/;
const NOT_A_PLACE = new Set('安康 东方 来宾 白银 中山 和平 新华 城关 长安 安宁 平安 太平 永和 太和 清河 开化 红旗 城区 郊区 新区 矿区 江南 东区 西区 南区 北区 市中 城中 中原 龙华 普陀 宝山 大同 通化 开封 丰台 朝阳 海港 白山 三明 永安 福安 石门 金平 合作 民和 互助 乐都 长寿 文昌 万宁 和田 阿里 海东 海北 玉树 江北 南岸 沙市 南山 山南 青山 白云 天河 东山 金山 铁山 大方 四方 黄山 嘉禾 华安 吉安 泰安 福山 江都 城西 城东 河东 河西'.split(' '));

const jieba = Jieba.withDict(dict);
/** English names that are not the pinyin run together. */
const ENGLISH: Record<string, string> = {
  内蒙古: 'inner mongolia',
  西藏: 'tibet',
  香港: 'hong kong',
  澳门: 'macau',
  陕西: 'shaanxi',
  哈尔滨: 'harbin',
  呼和浩特: 'hohhot',
  乌鲁木齐: 'urumqi',
  拉萨: 'lhasa',
  喀什: 'kashgar',
};
const english = (short: string) => ENGLISH[short] ?? pinyin(short, { toneType: 'none', type: 'array' }).join('');
const cut = (full: string, suffix: RegExp) => {
  const s = full.replace(suffix, '');
  return s.length >= 2 ? s : full;
};
const cities = new Map<string, string>();
const out = rows.map(([full, province, city]) => {
  if (PROVINCE.test(full) && cut(full, PROVINCE) === province) return [full, province, '', province, 'province', english(province)];
  if (city === '' && CITY.test(full) && !COUNTY.test(full.replace(CITY, ''))) {
    const s = cut(full, CITY).replace(ETHNIC, '');
    cities.set(full, s);
    const short = NOT_A_PLACE.has(s) || s === full ? '' : s;
    return [full, province, '', short, 'city', short ? english(short) : ''];
  }
  const s = cut(full, COUNTY);
  const ok = s !== full && !NOT_A_PLACE.has(s) && jieba.tag(s, false).every((t) => t.tag === 'ns');
  return [full, province, city ? (cities.get(city) ?? cut(city, CITY)) : '', ok ? s : '', 'county'];
});
writeFileSync(file, `[\n${out.map((r) => JSON.stringify(r)).join(',\n')}\n]\n`);
console.log(`places.json: ${out.length} places`);
