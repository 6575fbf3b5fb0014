import { formatMeasured, type MeasureReport } from '../engine/index.js';
import { BuildError } from './builder.js';
import { measureDockerfile, type Measurement, type MeasureOptions } from './measure.js';
import { nt } from './messages.js';
import { compareSmoke, describeSmoke, exposedPorts, smokeRun, type SmokeOptions, type SmokeResult } from './smoke.js';

export interface VerifyOptions extends Omit<MeasureOptions, 'text' | 'afterBuild' | 'findings' | 'target'> {
  /** Flags for `run` in the smoke test (e.g. `--runtime=runc`, `--ulimit=nofile=1024:1024`). */
  runFlags?: readonly string[];
  /** How long the container must stay up to count as "stays up" (default 3 s). */
  waitMs?: number;
  /** How long EXPOSEd ports are probed before they count as not answering (default 20 s). */
  portWaitMs?: number;
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

/**
 * Builds the original and the slimmed text (same context), measures both, and runs the smoke test of
 * smoke.ts on each (the original's EXPOSEd ports probed): the slim image must build and do at least what
 * the original did (`compareSmoke`). Both images are removed afterwards.
 */
export async function verifySlim(path: string, original: string, slim: string, estimatedBytes: number, options: VerifyOptions = {}): Promise<VerifyResult> {
  const smokeOptions: SmokeOptions = {
    runFlags: options.runFlags ?? [],
    waitMs: options.waitMs ?? 3000,
    portWaitMs: options.portWaitMs,
    ports: exposedPorts(original),
    env: options.env,
    signal: options.signal,
  };
  let originalSmoke: SmokeResult | null = null;
  const before: Measurement = await measureDockerfile(path, original, {
    ...options,
    text: original,
    onProgress: (phase) => options.onProgress?.(nt(options.locale, 'phaseOriginal', { phase })),
    afterBuild: async (builder, tag) => {
      originalSmoke = await smokeRun(builder, tag, smokeOptions);
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
      onProgress: (phase) => options.onProgress?.(nt(options.locale, 'phaseSlim', { phase })),
      afterBuild: async (builder, tag) => {
        slimSmoke = await smokeRun(builder, tag, smokeOptions);
      },
    });
  } catch (error) {
    if (!(error instanceof BuildError)) throw error;
    const problem = nt(options.locale, 'slimNoBuild', { error: error.message });
    const buildLog = error.log.trim().split('\n').slice(-15).join('\n');
    return { ok: false, builder: before.builder.name, originalBytes: sizeOf(before.report), slimBytes: null, original: orig, slim: null, problem, summary: nt(options.locale, 'verifyProblem', { problem }), buildLog };
  }
  const s = slimSmoke as SmokeResult | null;
  if (!s) throw new Error('the smoke test of the slim image did not run');
  const originalBytes = sizeOf(before.report);
  const slimBytes = sizeOf(after.report);
  const locale = options.locale;
  const { ok: good, problem } = compareSmoke(orig, s, locale);
  const saved = originalBytes - slimBytes;
  const summary = nt(locale, 'verifySummary', {
    builder: before.builder.name,
    original: formatMeasured(originalBytes),
    slim: formatMeasured(slimBytes),
    saved: saved >= 0 ? formatMeasured(saved) : `-${formatMeasured(-saved)}`,
    estimate: estimatedBytes > 0 ? nt(locale, 'verifyEstimate', { size: formatMeasured(estimatedBytes) }) : '',
    originalRun: describeSmoke(orig, locale),
    slimRun: describeSmoke(s, locale),
    same: orig.state === 'exited' && orig.answered.length === 0 && good ? nt(locale, 'verifySame') : '',
    problem: problem ? nt(locale, 'verifyProblemTail', { problem }) : '',
  });
  return { ok: good, builder: before.builder.name, originalBytes, slimBytes, original: orig, slim: s, problem, summary };
}
