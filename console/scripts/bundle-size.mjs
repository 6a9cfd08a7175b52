// The JavaScript a first visit loads (index.html's module script and its modulepreloads), gzipped.
// Fails the build above the budget (500 KB). Its last line is JSON for bench/record.mjs
// (bench/console-bundle.sh records it into bench/results/console-bundle.json and docs/BENCHMARKS.md).
import { readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

const LIMIT = 500 * 1024;
const dist = new URL('../dist/', import.meta.url).pathname;
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const files = [...html.matchAll(/(?:src|href)="\/console\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
const initial = new Set(files);
const gzip = (f) => gzipSync(readFileSync(join(dist, f)), { level: 9 }).length;
let raw = 0;
let gz = 0;
for (const f of initial) {
  raw += readFileSync(join(dist, f)).length;
  gz += gzip(f);
}
// What pages load when opened (their own chunks and the chunks they share), and the global CSS.
const assets = readdirSync(join(dist, 'assets')).map((f) => `assets/${f}`);
const lazy = assets.filter((f) => f.endsWith('.js') && !initial.has(f)).map((f) => ({ f, gz: gzip(f) }));
const css = assets.filter((f) => f.endsWith('.css')).reduce((n, f) => n + gzip(f), 0);
const kb = (n) => (n / 1024).toFixed(1);
console.log(
  `console initial JS: ${files.length} file(s), ${kb(raw)} KB raw, ${kb(gz)} KB gzipped (budget ${kb(LIMIT)} KB)`,
);
const versions = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).dependencies;
console.log(JSON.stringify({ run: { initial: [...initial], lazy, versions } }));
const kb1 = (n) => Number(kb(n));
console.log(
  JSON.stringify({
    figures: {
      'initial JS files': initial.size,
      'initial JS, raw (KB)': kb1(raw),
      'initial JS, gzipped (KB)': kb1(gz),
      'budget, gzipped (KB)': kb1(LIMIT),
      'chunks loaded by pages when opened': lazy.length,
      'largest such chunk, gzipped (KB)': kb1(Math.max(0, ...lazy.map((c) => c.gz))),
      'all such chunks, gzipped (KB)': kb1(lazy.reduce((n, c) => n + c.gz, 0)),
      'global CSS, gzipped (KB)': kb1(css),
    },
  }),
);
if (files.length === 0 || gz > LIMIT) {
  console.error(files.length === 0 ? 'no script found in dist/index.html' : 'initial JS over budget');
  process.exit(1);
}
