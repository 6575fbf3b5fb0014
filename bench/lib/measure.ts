import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nowMs } from './stats.js';

/** One run of a process: wall time (ms), user + system CPU time (ms), peak resident set (bytes), exit code. */
export interface ProcessRun {
  wallMs: number;
  cpuMs: number;
  peakRss: number;
  code: number | null;
}

const GNU_TIME = '/usr/bin/time';
const PEAK_HOOK = join(__dirname, 'peakHook.cjs');

/** How peak RSS is read: GNU time's `%M` when installed, else the VmHWM line of /proc written at exit by a preload. */
export const PEAK_METHOD = existsSync(GNU_TIME) ? '/usr/bin/time (GNU time, %M = peak RSS)' : 'VmHWM from /proc/self/status at exit (preloaded hook)';

/**
 * Runs `node <script> <args>` to completion with stdout discarded. Wall time is taken here, from spawn to
 * exit; CPU time and peak RSS come from GNU time when installed, else from a preloaded hook.
 */
export function runNode(script: string, args: readonly string[], cwd: string, env: Record<string, string> = {}): Promise<ProcessRun> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-run-'));
  const report = join(dir, 'report');
  const useTime = existsSync(GNU_TIME);
  const command = useTime ? GNU_TIME : process.execPath;
  const argv = useTime
    ? ['-o', report, '-f', '%U %S %M', process.execPath, script, ...args]
    : ['--require', PEAK_HOOK, script, ...args];
  return new Promise((resolve, reject) => {
    const start = nowMs();
    const child = spawn(command, argv, { cwd, stdio: ['ignore', 'ignore', 'ignore'], env: { ...process.env, ...env, BENCH_PEAK_REPORT: report } });
    child.on('error', reject);
    child.on('exit', (code) => {
      const wallMs = nowMs() - start;
      try {
        const lines = readFileSync(report, 'utf8').trim().split('\n');
        // GNU time writes "Command exited with non-zero status N" first when the command fails.
        const [user, sys, kb] = lines[lines.length - 1]!.trim().split(/\s+/).map(Number);
        resolve({ wallMs, cpuMs: (user! + sys!) * 1000, peakRss: kb! * 1024, code });
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}

/** Resident set size of a running process (Linux), in bytes; NaN when /proc cannot be read. */
export function rssOf(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** CPU time used so far by all threads of a running process (Linux schedstat), in ms; NaN when unreadable. */
export function cpuOf(pid: number): number {
  try {
    let ns = 0;
    for (const tid of readdirSync(`/proc/${pid}/task`)) ns += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
    return ns / 1e6;
  } catch {
    return Number.NaN;
  }
}

/**
 * With BENCH_BOOST=1 (Linux, root): gives this process's session (its autogroup) a nice of -10, so that on a
 * machine shared with other jobs the measured processes wait less for a CPU. The runner starts each suite in
 * its own session, so only the benchmark and the processes it starts are affected.
 */
export function boostPriority(): string | null {
  if (process.env['BENCH_BOOST'] !== '1') return null;
  try {
    writeFileSync('/proc/self/autogroup', '-10');
    return readFileSync('/proc/self/autogroup', 'utf8').trim();
  } catch (error) {
    return `not boosted (${error instanceof Error ? error.message : String(error)})`;
  }
}
