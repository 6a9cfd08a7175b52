import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { requireChromium } from './chromium';
import { registerFleet } from './fleet';

export const STATE_FILE = resolve(import.meta.dirname, '../.e2e-serve.json');

/**
 * Starts `sqlup serve` from the packaged jar on free ports with the virtual clock, waits for
 * "ready on <url>", registers the sample fleet through the API, and leaves the URL and pid for the tests.
 */
export default async function globalSetup() {
  requireChromium();
  const root = resolve(import.meta.dirname, '../..');
  const jar = process.env.SQLUP_JAR ?? resolve(root, 'local/target/sqlup-local.jar');
  const template = process.env.SQLUP_TEMPLATE ?? resolve(root, 'template.yaml');
  if (!existsSync(jar)) {
    throw new Error(
      `${jar} is missing: build it first with \`mvn -B -pl local -am package -DskipTests\` (mvn verify runs these tests after package)`,
    );
  }
  const child = spawn(
    'java',
    [
      '-jar',
      jar,
      'serve',
      '-t',
      template,
      '--api-port',
      '0',
      '--dynamodb-port',
      '0',
      '--sfn-port',
      '0',
      '--clock',
      'virtual',
    ],
    { cwd: root, stdio: ['pipe', 'ignore', 'pipe'] },
  );
  const stop = () => {
    try {
      child.kill('SIGTERM');
    } catch {
      // already gone
    }
  };
  const url = await new Promise<string>((ok, fail) => {
    let log = '';
    const timer = setTimeout(() => {
      stop();
      fail(new Error(`sqlup serve did not become ready in 60 s:\n${log}`));
    }, 60_000);
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      const m = /ready on (http:\/\/127\.0\.0\.1:\d+)/.exec(log);
      if (m) {
        clearTimeout(timer);
        child.stderr!.off('data', onData);
        ok(m[1]);
      }
    };
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`sqlup serve exited with ${code}:\n${log}`));
    });
  });
  // keep draining the log so serve never blocks on a full pipe
  child.stderr!.on('data', () => {});
  child.unref();
  try {
    await registerFleet(url);
  } catch (e) {
    stop(); // no teardown runs after a failed setup: nothing may be left running
    throw e;
  }
  writeFileSync(STATE_FILE, JSON.stringify({ url, pid: child.pid }));
}
