// Reads a time-stamped `mvn -B verify` log (bench/suite-time.sh) and the modules' surefire/failsafe reports;
// prints JSON lines for bench/record.mjs: one run per slow test class and per Maven step, then the figures.
//   node bench/suite-time.mjs <log> <wall seconds> [CPU seconds of the build and everything it waited for]
import { readFileSync, readdirSync, existsSync } from 'fs';

const [logFile, wall, cpu] = process.argv.slice(2);
const lines = readFileSync(logFile, 'utf8').split('\n');
const at = (l) => {
  const m = l.match(/^(\d\d):(\d\d):(\d\d)\.(\d{3}) /);
  return m ? +m[1] * 3600 + +m[2] * 60 + +m[3] + +m[4] / 1000 : null;
};
// Steps: from one "--- plugin:version:goal (execution) @ module ---" line to the next step or module line.
const steps = [];
let open = null;
const close = (t) => {
  if (open) {
    let d = t - open.start;
    if (d < 0) d += 86400; // past midnight
    steps.push({ module: open.module, step: open.step, seconds: Number(d.toFixed(1)) });
    open = null;
  }
};
for (const l of lines) {
  const t = at(l);
  if (t === null) continue;
  const step = l.match(/--- ([\w.-]+):[\w.-]+:([\w-]+) \(([^)]+)\) @ ([\w.-]+) ---/);
  const boundary = /\[INFO\] (Building |BUILD |Reactor Summary)/.test(l);
  if (step || boundary) close(t);
  if (step) open = { module: step[4].replace(/^sqlup-/, ''), step: `${step[1]}:${step[2]} (${step[3]})`, start: t };
}
const modules = {};
for (const l of lines) {
  const m = l.match(/\[INFO\] (\S[^.]*?) \.+ SUCCESS \[\s*(?:(\d+):)?([\d.]+) (min|s)\]/);
  if (m) modules[m[1].replace(/^sqlup-/, '')] = Math.round((m[2] ? +m[2] * 60 : 0) + +m[3]);
}
const stepSeconds = (module, re) =>
  Number(steps.filter((s) => s.module === module && re.test(s.step)).reduce((n, s) => n + s.seconds, 0).toFixed(1));

const classes = [];
for (const module of ['functions', 'local', 'tests']) {
  for (const kind of ['surefire', 'failsafe']) {
    const dir = `${module}/target/${kind}-reports`;
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir).filter((f) => /^TEST-.*\.xml$/.test(f))) {
      const head = readFileSync(`${dir}/${f}`, 'utf8').slice(0, 4000);
      const time = head.match(/<testsuite[^>]*?\stime="([\d.,]+)"/);
      const tests = head.match(/<testsuite[^>]*?\stests="(\d+)"/);
      classes.push({ module, kind, class: f.slice(5, -4), tests: tests ? +tests[1] : 0, seconds: time ? +time[1].replace(/,/g, '') : 0 });
    }
  }
}
classes.sort((a, b) => b.seconds - a.seconds);
for (const c of classes.slice(0, 15)) console.log(JSON.stringify({ run: { testClass: c } }));
for (const s of steps.filter((s) => s.seconds >= 5)) console.log(JSON.stringify({ run: { mavenStep: s } }));

const figures = { 'whole mvn -B verify, wall (s)': Number(wall) };
if (cpu !== undefined) figures['whole mvn -B verify, CPU user + system (s)'] = Math.round(Number(cpu));
for (const [module, seconds] of Object.entries(modules)) figures[`module ${module} (s)`] = seconds;
figures['console: npm ci (s)'] = stepSeconds('local', /\(console-npm-ci\)/);
figures['console: build (s)'] = stepSeconds('local', /\(console-build\)/);
figures['console: Vitest (s)'] = stepSeconds('local', /\(console-unit-tests\)/);
figures['console: Playwright (s)'] = stepSeconds('local', /\(console-e2e\)/);
figures['console: Prettier check (s)'] = stepSeconds('local', /\(console-format-check\)/);
for (const module of ['functions', 'local', 'tests']) {
  figures[`${module}: surefire (s)`] = stepSeconds(module, /surefire-plugin:test /);
  const it = stepSeconds(module, /failsafe-plugin:integration-test /);
  if (it > 0) figures[`${module}: failsafe (s)`] = it;
}
figures['test classes'] = classes.length;
figures['slowest test class (s)'] = classes[0]?.seconds ?? 0;
figures['test classes over 10 s'] = classes.filter((c) => c.seconds > 10).length;
console.log(JSON.stringify({ figures }));
