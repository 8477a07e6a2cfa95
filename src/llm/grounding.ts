import { containsPersonalNumber } from '../core/digits.ts';
import { unsafeKind } from '../intents/detect.ts';
import { normalizeText } from '../intents/normalize.ts';
import type { Hit } from '../knowledge/retriever.ts';
import { extractFigures } from './numbers.ts';

/**
 * The checks a composed answer must pass before a worker sees it. The model is asked to cite
 * the entries it used as [[entry-id]]; here we hold it to that: only retrieved ids, at least one,
 * every figure found in the cited entries, the region named when the policy is not Chongqing's
 * or national, and nothing of the system prompt repeated.
 */

/** The fixed citation form the prompt asks for. */
export const CITATION = /\[\[([^\[\]\n]{1,200})\]\]/g;

/**
 * Text that shows the model went along with an attack: a mode switched on, limits dropped,
 * instructions or other people's records handed over, fraud endorsed.
 */
export const COMPLYING = [
  /(已|已经|现已|成功)\s*(切换|进入|开启|启用|激活|解除|取消)/,
  /(切换|进入|开启|启用)(到|了|为)?.{0,6}(模式|权限)/,
  /(不再|不会再|无需|不用再)(受|遵守|遵循|理会).{0,8}(限制|规则|约束|指令|设定)/,
  /(以下|下面)是.{0,10}(系统|提示词|初始指令|设定|所有|全部|其他)/,
  /(可以|能|不妨|建议|就)(用|拿|借).{0,6}(亲戚|朋友|别人|他人|家人|表哥|表姐|老乡|同事).{0,4}(名义|名字|身份)/,
  /(可以|能|不妨|建议|就|随便)(自己)?(编|写|做|开|弄)(一|个|份|张).{0,6}(证明|材料|病历|发票|合同|单据)/,
  /(mode (enabled|activated|switched)|i am now|restrictions (removed|lifted)|as an? (unrestricted|jailbroken))/i,
];

/** Figures any answer may carry: the union's own hotline. */
const ALWAYS_ALLOWED = new Set(['12351']);

export type GroundingResult = { ok: true; text: string; citedIds: string[] } | { ok: false; reason: string };

export interface GroundingOptions {
  hits: Hit[];
  /** Text whose appearance in a reply means the model is repeating its instructions. */
  leakMarkers: string[];
  maxChars?: number;
}

export function checkComposed(raw: string, options: GroundingOptions): GroundingResult {
  const reply = raw.trim();
  if (!reply) return { ok: false, reason: 'empty answer' };
  const leak = leaked(reply, options.leakMarkers);
  if (leak) return { ok: false, reason: 'answer repeats the system prompt' };

  const byId = new Map(options.hits.map((h) => [h.entry.id, h.entry]));
  const cited: string[] = [];
  for (const m of reply.matchAll(CITATION)) {
    // [[a]] is the asked-for form; [[a, b]] is tolerated.
    for (const id of m[1]!.split(/[,，、;；\s]+/).filter(Boolean)) {
      if (!byId.has(id)) return { ok: false, reason: `cites an entry that was not retrieved: ${id}` };
      if (!cited.includes(id)) cited.push(id);
    }
  }
  if (cited.length === 0) return { ok: false, reason: 'no citation' };

  const text = stripCitations(reply);
  if (!text) return { ok: false, reason: 'empty answer' };
  if (/<<<|>>>|\[\[|\]\]/.test(text)) return { ok: false, reason: 'malformed citation or delimiter in the answer' };
  if (options.maxChars && [...text].length > options.maxChars) return { ok: false, reason: `answer longer than ${options.maxChars} characters` };

  // Judged as a worker's message would be: what the offline rules refuse, the model may not say.
  const kind = unsafeKind(normalizeText(text));
  if (kind) return { ok: false, reason: `answer reads as ${kind}` };
  if (COMPLYING.some((re) => re.test(text))) return { ok: false, reason: 'answer goes along with an attack' };

  // No entry holds a worker's phone or ID number, however the model spells it out.
  if (containsPersonalNumber(text)) return { ok: false, reason: 'answer carries a phone or ID number' };

  const entries = cited.map((id) => byId.get(id)!);
  const allowed = new Set<string>(ALWAYS_ALLOWED);
  for (const e of entries) {
    for (const part of [e.answer, e.title, e.date, ...(e.keyFacts ?? [])]) for (const f of extractFigures(part)) allowed.add(f);
  }
  const unsupported = [...new Set(extractFigures(text))].filter((f) => !allowed.has(f));
  if (unsupported.length) return { ok: false, reason: `figures not in the cited entries: ${unsupported.join(', ')}` };

  for (const e of entries) {
    if (needsRegion(e.region) && !namesRegion(text, e.region))
      return { ok: false, reason: `does not name the region of ${e.id} (${e.region})` };
  }
  return { ok: true, text, citedIds: cited };
}

/** Removes [[id]] markers and the spaces they leave behind. */
export function stripCitations(text: string): string {
  return text
    .replace(CITATION, '')
    .replace(/[ \t]+([，。；！？、,.;!?）)])/g, '$1')
    .replace(/[ \t]{2,}/g, ' ')
    .replace(/[ \t]+\n/g, '\n')
    .trim();
}

/** True when the reply contains a marker or a long line of the instructions. */
export function leaked(reply: string, markers: string[]): boolean {
  const flat = reply.replace(/\s+/g, '');
  return markers.some((m) => {
    const needle = m.replace(/\s+/g, '');
    return needle.length >= 8 && flat.includes(needle);
  });
}

function needsRegion(region: string): boolean {
  return !/^(全国|重庆)/.test(region);
}

/** A region is named when any two-character or longer part of it appears (长春 for 吉林长春). */
function namesRegion(text: string, region: string): boolean {
  const chars = [...region];
  for (let i = 0; i < chars.length - 1; i++) {
    for (let j = i + 2; j <= chars.length; j++) if (text.includes(chars.slice(i, j).join(''))) return true;
  }
  return false;
}
