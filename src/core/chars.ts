/**
 * A test of one character by a pattern, remembered for each character of the Basic Multilingual
 * Plane once asked: scans that ask it of every character of a message ask the pattern once per
 * character seen, not once per character read.
 */
export function memoizedCharTest(pattern: RegExp): (code: number) => boolean {
  // 0 not asked yet, 1 matches, 2 does not.
  const verdicts = new Uint8Array(0x10000);
  return (code) => {
    if (verdicts[code] === 0) verdicts[code] = pattern.test(String.fromCharCode(code)) ? 1 : 2;
    return verdicts[code] === 1;
  };
}
