import { formatMeasured, type MeasureReport } from '../engine/index.js';
import { BuildError, smokeTest, type SmokeResult } from './builder.js';
import { measureDockerfile, type Measurement, type MeasureOptions } from './measure.js';

export interface VerifyOptions extends Omit<MeasureOptions, 'text' | 'afterBuild' | 'findings' | 'target'> {
  /** Flags for `run` in the smoke test (e.g. `--runtime=runc`, `--ulimit=nofile=1024:1024`). */
  runFlags?: readonly string[];
  /** How long the container gets before it is looked at (default 3 s). */
  waitMs?: number;
}

export interface VerifyResult {
  /** The slim file built and started at least as well as the original. */
  ok: boolean;
  /** The builder both files were built with. */
  builder: string;
  originalBytes: number;
  /** Null when the slim file did not build. */
  slimBytes: number | null;
  original: SmokeResult;
  slim: SmokeResult | null;
  /** What went wrong, in words (null when ok). */
  problem: string | null;
  /** One line: measured sizes, saving, and how each container behaved. */
  summary: string;
  /** The end of the slim build's log when it failed. */
  buildLog?: string;
}

function sizeOf(report: MeasureReport): number {
  return report.imageBytes ?? report.layerBytes;
}

/** How a container behaved, in a few words: `stays up`, `exits with 0`. */
export function behaviour(s: SmokeResult): string {
  return s.state === 'running' ? 'stays up' : `exits with ${s.exitCode}`;
}

/**
 * The slim container did at least as well as the original: up when it stayed up; status 0 and the same
 * output when it ran to completion with status 0.
 */
function asGood(original: SmokeResult, slim: SmokeResult): boolean {
  if (original.state === 'running') return slim.state === 'running';
  if (original.exitCode === 0) return slim.state === 'exited' && slim.exitCode === 0 && slim.log === original.log;
  return true;
}

/**
 * Builds the original and the slimmed text (same context), measures both, and runs each once: the slim
 * image must build, and its container must start and stay up when the original's does (or end with status
 * 0 when the original's does). Both images are removed afterwards.
 */
export async function verifySlim(path: string, original: string, slim: string, estimatedBytes: number, options: VerifyOptions = {}): Promise<VerifyResult> {
  const runFlags = options.runFlags ?? [];
  const waitMs = options.waitMs ?? 3000;
  let originalSmoke: SmokeResult | null = null;
  const before: Measurement = await measureDockerfile(path, original, {
    ...options,
    text: original,
    onProgress: (phase) => options.onProgress?.(`original: ${phase}`),
    afterBuild: async (builder, tag) => {
      originalSmoke = await smokeTest(builder, tag, runFlags, waitMs, { env: options.env, signal: options.signal });
    },
  });
  const orig = originalSmoke as SmokeResult | null;
  if (!orig) throw new Error('the smoke test of the original did not run');
  let slimSmoke: SmokeResult | null = null;
  let after: Measurement;
  try {
    after = await measureDockerfile(path, slim, {
      ...options,
      text: slim,
      onProgress: (phase) => options.onProgress?.(`slim: ${phase}`),
      afterBuild: async (builder, tag) => {
        slimSmoke = await smokeTest(builder, tag, runFlags, waitMs, { env: options.env, signal: options.signal });
      },
    });
  } catch (error) {
    if (!(error instanceof BuildError)) throw error;
    const problem = `the slim Dockerfile does not build: ${error.message}`;
    const buildLog = error.log.trim().split('\n').slice(-15).join('\n');
    return { ok: false, builder: before.builder.name, originalBytes: sizeOf(before.report), slimBytes: null, original: orig, slim: null, problem, summary: `verify: ${problem}`, buildLog };
  }
  const s = slimSmoke as SmokeResult | null;
  if (!s) throw new Error('the smoke test of the slim image did not run');
  const originalBytes = sizeOf(before.report);
  const slimBytes = sizeOf(after.report);
  const good = asGood(orig, s);
  const sameRun = orig.state === s.state && orig.exitCode === s.exitCode;
  const problem = good
    ? null
    : sameRun
      ? `the slim image's container prints something else than the original's: ${JSON.stringify(s.log.slice(-200))} instead of ${JSON.stringify(orig.log.slice(-200))}`
      : `the slim image's container ${behaviour(s)} but the original's ${behaviour(orig)}${s.log ? `; its last output: ${s.log.split('\n').slice(-3).join(' / ')}` : ''}`;
  const saved = originalBytes - slimBytes;
  const summary =
    `verify (${before.builder.name}): original ${formatMeasured(originalBytes)}, slim ${formatMeasured(slimBytes)}: ` +
    `measured saving ${saved >= 0 ? formatMeasured(saved) : `-${formatMeasured(-saved)}`}` +
    `${estimatedBytes > 0 ? ` (estimated ≈ ${formatMeasured(estimatedBytes)})` : ''}; ` +
    `container: original ${behaviour(orig)}, slim ${behaviour(s)}${orig.state === 'exited' && orig.exitCode === 0 && good ? ', same output' : ''}${problem ? ` — ${problem}` : ''}`;
  return { ok: good, builder: before.builder.name, originalBytes, slimBytes, original: orig, slim: s, problem, summary };
}
