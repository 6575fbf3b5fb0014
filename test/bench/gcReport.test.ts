import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { readGcReport } from '../../bench/lib/gcReport.js';

/**
 * The language-server memory benchmark's heap figure (bench/lib/gcHook.cjs writes it, bench/lib/gcReport.ts
 * reads it): the reader waits for a complete report instead of reading whatever is there 500 ms after the signal.
 */
const GC_HOOK = resolve(__dirname, '..', '..', 'bench', 'lib', 'gcHook.cjs');
const freshDir = (): string => mkdtempSync(join(tmpdir(), 'gc-report-test-'));

/** A Node process with the hook preloaded; `busyMs` after it says ready, it blocks its event loop (a server busy linting). */
async function hooked(report: string, busyMs: number): Promise<{ signal: () => void; stop: () => void }> {
  const script = `process.stdout.write('ready\\n'); const t = Date.now(); while (Date.now() - t < ${busyMs}) {} setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['--expose-gc', '--require', GC_HOOK, '-e', script], { env: { ...process.env, BENCH_GC_REPORT: report }, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((ok) => child.stdout!.once('data', () => ok()));
  return { signal: () => void child.kill('SIGUSR2'), stop: () => void child.kill('SIGKILL') };
}

describe('gc report', () => {
  it('reads the heap a late signal handler writes, and the hook leaves no partial file', async () => {
    const dir = freshDir();
    const report = join(dir, 'memory.json');
    const p = await hooked(report, 1_200);
    try {
      p.signal();
      // The handler runs only once the busy loop ends, well after the 500 ms the benchmark pauses.
      const heap = await readGcReport(report, 10_000);
      assert.ok(Number.isFinite(heap) && heap > 0, `heap ${heap}`);
      assert.deepEqual(readdirSync(dir), ['memory.json']);
    } finally {
      p.stop();
    }
  });

  it('waits past an incomplete file for the complete one', async () => {
    const report = join(freshDir(), 'memory.json');
    writeFileSync(report, '{"rss":123,"heapUs');
    setTimeout(() => writeFileSync(report, JSON.stringify({ rss: 123, heapUsed: 4567 })), 150);
    assert.equal(await readGcReport(report, 5_000), 4567);
  });

  it('is NaN when no report comes within the time allowed', async () => {
    const report = join(freshDir(), 'memory.json');
    const started = Date.now();
    assert.ok(Number.isNaN(await readGcReport(report, 200)));
    assert.ok(Date.now() - started >= 200);
  });
});
