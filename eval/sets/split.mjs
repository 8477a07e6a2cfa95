#!/usr/bin/env node
// Splits a labelled JSON Lines file into a train part (tuned on) and a frozen test part (only measured).
// An item's part depends on its id alone (sha1), so adding items never moves existing ones.
//   node eval/sets/split.mjs eval/sets/NAME.all.jsonl   ->  NAME.train.jsonl + NAME.test.jsonl
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';

export function isTest(id) {
  return parseInt(createHash('sha1').update(id).digest('hex').slice(0, 8), 16) % 10 < 3;
}

const file = process.argv[2];
if (!file || !file.endsWith('.all.jsonl')) {
  console.error('usage: node eval/sets/split.mjs eval/sets/NAME.all.jsonl');
  process.exit(2);
}
const lines = readFileSync(file, 'utf8').split(/\r?\n/).filter((l) => l.trim());
const train = [];
const test = [];
for (const line of lines) (isTest(JSON.parse(line).id) ? test : train).push(line);
const base = file.slice(0, -'.all.jsonl'.length);
writeFileSync(`${base}.train.jsonl`, train.map((l) => `${l}\n`).join(''));
writeFileSync(`${base}.test.jsonl`, test.map((l) => `${l}\n`).join(''));
console.log(`${file}: ${train.length} train, ${test.length} test (frozen)`);
