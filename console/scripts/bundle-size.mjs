// The JavaScript a first visit loads (index.html's module script and its modulepreloads), gzipped.
// Fails the build above the budget (500 KB); docs/BENCHMARKS.md quotes its output.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

const LIMIT = 500 * 1024;
const dist = new URL('../dist/', import.meta.url).pathname;
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const files = [...html.matchAll(/(?:src|href)="\/console\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
let raw = 0;
let gz = 0;
for (const f of new Set(files)) {
  const bytes = readFileSync(join(dist, f));
  raw += bytes.length;
  gz += gzipSync(bytes, { level: 9 }).length;
}
const kb = (n) => (n / 1024).toFixed(1);
console.log(
  `console initial JS: ${files.length} file(s), ${kb(raw)} KB raw, ${kb(gz)} KB gzipped (budget ${kb(LIMIT)} KB)`,
);
if (files.length === 0 || gz > LIMIT) {
  console.error(files.length === 0 ? 'no script found in dist/index.html' : 'initial JS over budget');
  process.exit(1);
}
