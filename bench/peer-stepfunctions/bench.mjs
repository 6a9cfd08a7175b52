// Throughput of aws-local-stepfunctions on a 20-state Pass/Choice chain (the same definition our engine
// gets): 200 warm-up executions, then N sequential ones. Prints one JSON line, with the CPU time of the
// measured loop (user + system, all of Node's threads) beside its wall time.
import { StateMachine } from 'aws-local-stepfunctions';
import { readFileSync } from 'fs';
const def = JSON.parse(readFileSync(new URL('./chain20.asl.json', import.meta.url)));
const sm = new StateMachine(def, { validationOptions: { checkArn: false } });
const N = Number(process.argv[2] || 2000);
for (let w = 0; w < 200; w++) await sm.run({ n: w }).result;
const cpu0 = process.cpuUsage();
const t0 = process.hrtime.bigint();
for (let k = 0; k < N; k++) await sm.run({ n: k }).result;
const secs = Number(process.hrtime.bigint() - t0) / 1e9;
const cpu = process.cpuUsage(cpu0);
console.log(JSON.stringify({
  engine: 'aws-local-stepfunctions', executions: N, statesPerExecution: 20,
  seconds: Number(secs.toFixed(3)), processCpuSeconds: Number(((cpu.user + cpu.system) / 1e6).toFixed(3)),
  transitionsPerSecond: Math.round(N * 20 / secs),
}));
