/**
 * The scoring rules of ../shared/eval/README.md, as pure functions so they can be tested on
 * small tables: fact matching, the confusion matrix with per-label precision/recall/F1, and
 * latency percentiles.
 */

/** Removes every whitespace character (ASCII, ideographic and the U+2005 WeChat mention space) and lowercases. */
export function normalizeForMatch(text: string): string {
  return text.replace(/[\s\u200b\u2005\u3000\ufeff]+/gu, '').toLowerCase();
}

export interface FactResult {
  pass: boolean;
  /** any-of groups of which no string was found */
  missing: string[][];
  /** must_not_include strings that were found */
  forbidden: string[];
}

/** Every `mustInclude` group matched by at least one string, and no `mustNotInclude` string present. */
export function checkFacts(reply: string, mustInclude: readonly (readonly string[])[], mustNotInclude: readonly string[] = []): FactResult {
  const hay = normalizeForMatch(reply);
  const has = (s: string) => {
    const needle = normalizeForMatch(s);
    return needle.length > 0 && hay.includes(needle);
  };
  const missing = mustInclude.filter((group) => !group.some(has)).map((g) => [...g]);
  const forbidden = mustNotInclude.filter(has);
  return { pass: missing.length === 0 && forbidden.length === 0, missing, forbidden };
}

/** Nearest-rank percentile (p in 0..100) of unsorted numbers; 0 for an empty list. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] as number;
}

export interface LabelStats {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  /** how many items carry this label as the expected one */
  support: number;
  /** how many items were predicted with this label */
  predicted: number;
}

export interface Confusion {
  /** Row and column order: the preferred labels first, then any other label seen. */
  labels: string[];
  /** matrix[i][j] = items expected labels[i] and predicted labels[j]. */
  matrix: number[][];
  perLabel: LabelStats[];
  accuracy: number;
  macroF1: number;
}

export function confusion(pairs: readonly { expected: string; got: string }[], preferred: readonly string[] = []): Confusion {
  const seen = new Set<string>();
  for (const p of pairs) seen.add(p.expected).add(p.got);
  const labels = [...preferred.filter((l) => seen.has(l)), ...[...seen].filter((l) => !preferred.includes(l)).sort()];
  const index = new Map(labels.map((l, i) => [l, i]));
  const matrix = labels.map(() => labels.map(() => 0));
  let correct = 0;
  for (const { expected, got } of pairs) {
    (matrix[index.get(expected)!] as number[])[index.get(got)!]! += 1;
    if (expected === got) correct += 1;
  }
  const perLabel = labels.map((label, i): LabelStats => {
    const row = matrix[i] as number[];
    const tp = row[i] as number;
    const support = row.reduce((a, b) => a + b, 0);
    const predicted = matrix.reduce((a, r) => a + (r[i] as number), 0);
    const precision = predicted ? tp / predicted : 0;
    const recall = support ? tp / support : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    return { label, precision, recall, f1, support, predicted };
  });
  const withSupport = perLabel.filter((s) => s.support > 0);
  return {
    labels,
    matrix,
    perLabel,
    accuracy: pairs.length ? correct / pairs.length : 0,
    macroF1: withSupport.length ? withSupport.reduce((a, s) => a + s.f1, 0) / withSupport.length : 0,
  };
}

/** Digits only, with a leading +86/86 dropped from an 11-digit mobile number. */
export function phoneDigits(text: string): string {
  return text.replace(/\D/g, '').replace(/^86(?=1\d{10}$)/, '');
}

/** Scenario field comparison: phone by digits, every other field by containment after whitespace removal, case ignored. */
export function fieldMatches(field: string, expected: string, got: string | undefined): boolean {
  if (got === undefined) return false;
  if (field === 'phone') return phoneDigits(expected) === phoneDigits(got);
  return normalizeForMatch(got).includes(normalizeForMatch(expected));
}
