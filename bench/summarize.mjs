// The engine-vs-peer benchmark's figures: reads the runs' JSON lines on stdin (both engines, interleaved)
// and computes the medians; bench/results.mjs writes the results file and the document's block.
import { readFileSync } from 'fs';
import { writeResults } from './results.mjs';

const [name, command] = process.argv.slice(2);
const runs = readFileSync(0, 'utf8').split('\n').filter((l) => l.trim().startsWith('{')).map((l) => JSON.parse(l));
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };

const peer = runs.filter((r) => r.engine === 'aws-local-stepfunctions');
const ours = runs.filter((r) => r.engine === 'sqlup');
const perCpu = (r) => (r.executions * r.statesPerExecution) / r.processCpuSeconds;
const figures = {
  'rounds': ours.length,
  'executions per round': ours[0]?.executions ?? 0,
  'peer transitions/s (median)': Math.round(median(peer.map((r) => r.transitionsPerSecond))),
  'sqlup transitions/s (median)': Math.round(median(ours.map((r) => r.transitionsPerSecond))),
  'peer transitions per CPU-second (median)': Math.round(median(peer.map(perCpu))),
  'sqlup transitions per CPU-second (median)': Math.round(median(ours.map(perCpu))),
};
// where the engine's process CPU went, per round (EngineThroughputBench's cpuMillis, Linux only)
for (const group of ['mutator', 'gc', 'jit', 'other']) {
  const millis = ours.map((r) => r.cpuMillis?.[group]).filter((v) => v !== undefined);
  if (millis.length) figures[`sqlup CPU ms in ${group} threads (median)`] = Math.round(median(millis));
}
figures['sqlup / peer, wall clock'] = Number((figures['sqlup transitions/s (median)'] / figures['peer transitions/s (median)']).toFixed(2));
figures['sqlup / peer, per CPU-second'] = Number((figures['sqlup transitions per CPU-second (median)'] / figures['peer transitions per CPU-second (median)']).toFixed(2));

writeResults(name, command, figures, runs);
