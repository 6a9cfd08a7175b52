// Records one benchmark whose program already computed its figures:
//   <benchmark> | node bench/record.mjs <name> "<command that produced it>"
// stdin: JSON lines; the last line with a "figures" object gives the figures (numbers only, in the order
// the document shows them), every line with a "run" object is kept as a run.
import { readFileSync } from 'fs';
import { writeResults } from './results.mjs';

const [name, command] = process.argv.slice(2);
if (!name || !command) {
  console.error('usage: node bench/record.mjs <name> "<command>" < json-lines');
  process.exit(2);
}
const lines = readFileSync(0, 'utf8').split('\n').filter((l) => l.trim().startsWith('{')).map((l) => JSON.parse(l));
const withFigures = lines.filter((l) => l.figures);
if (withFigures.length === 0) {
  console.error('no line with a "figures" object on stdin');
  process.exit(2);
}
const figures = withFigures[withFigures.length - 1].figures;
for (const [k, v] of Object.entries(figures)) {
  if (typeof v !== 'number') { console.error(`figure "${k}" is not a number: ${JSON.stringify(v)}`); process.exit(2); }
}
writeResults(name, command, figures, lines.filter((l) => l.run).map((l) => l.run));
