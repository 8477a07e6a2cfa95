/**
 * The one check of text at the doors (chat adapters through the engine, the back-office API,
 * the console): NUL and other control characters, and lone UTF-16 surrogates, are what
 * PostgreSQL and JSON cannot store or what no person typed. Chat text is cleaned (a worker's
 * message is never refused for a stray byte); an API body carrying them is refused with 400.
 */

// C0 controls except tab and newline, DEL, C1 controls, and the noncharacters U+FFFE/U+FFFF.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** True when the text holds a character that must not be stored. */
export function hasBadText(text: string): boolean {
  CONTROL.lastIndex = 0;
  LONE_SURROGATE.lastIndex = 0;
  const bad = CONTROL.test(text) || LONE_SURROGATE.test(text);
  CONTROL.lastIndex = 0;
  LONE_SURROGATE.lastIndex = 0;
  return bad;
}

/** The text with line ends as \n, control characters dropped and lone surrogates as U+FFFD. */
export function cleanText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(CONTROL, '').replace(LONE_SURROGATE, '\uFFFD');
}

/** A copy of a JSON-like value with every string (keys included) cleaned. */
export function cleanDeep<T>(value: T, depth = 0): T {
  if (typeof value === 'string') return cleanText(value) as T;
  if (depth > 20 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => cleanDeep(v, depth + 1)) as T;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[cleanText(k)] = cleanDeep(v, depth + 1);
  return out as T;
}

/** The path ("body.fields.name") of the first string in a value that holds bad text, or undefined. */
export function findBadText(value: unknown, path: string, depth = 0): string | undefined {
  if (typeof value === 'string') return hasBadText(value) ? path : undefined;
  if (depth > 20 || value === null || typeof value !== 'object') return undefined;
  for (const [k, v] of Object.entries(value)) {
    const here = hasBadText(k) ? `${path}.${JSON.stringify(cleanText(k))}` : findBadText(v, `${path}.${k}`, depth + 1);
    if (here) return here;
  }
  return undefined;
}
