import { fix, formatBytes, totalEstimate, type AppliedFix, type FixResult } from '../../engine/index.js';
import { loadEngine } from '../../node/loadEngine.js';
import { parseArgs, UsageError, type Parsed } from '../args.js';
import { discover } from '../discover.js';
import { unifiedDiff } from '../../engine/index.js';
import { applyFileEdits, collectFileEdits } from '../fileEdits.js';
import { withBom, writeFileAtomic } from '../files.js';
import { plural } from '../formatters/text.js';
import { fixableWith } from '../formatters/types.js';
import { Output, Reporter } from '../output.js';
import { cliRules } from '../testHooks.js';
import { FIX_USAGE } from '../usage.js';
import { BuildError } from '../../node/builder.js';
import { NoBuilderError } from '../../node/measure.js';
import { verifySlim } from '../../node/verify.js';
import { CONFIG_OPTIONS, FileLoader, reportInternalErrors } from './common.js';

type Mode = 'write' | 'stdout' | 'diff';

/** `fix`: apply the engine's fixes and write each file in place, or print the result or a diff. */
export async function runFix(argv: readonly string[]): Promise<number> {
  const parsed = parseArgs(argv, {
    ...CONFIG_OPTIONS,
    unsafe: {},
    stdout: {},
    diff: {},
    verify: {},
    builder: { value: true, repeat: true },
    'build-flag': { value: true, repeat: true },
    'run-flag': { value: true, repeat: true },
  });
  if (parsed.flags.has('help')) {
    process.stdout.write(FIX_USAGE);
    return 0;
  }
  if (parsed.flags.has('stdout') && parsed.flags.has('diff')) throw new UsageError('--stdout and --diff cannot be used together');
  const mode: Mode = parsed.flags.has('stdout') ? 'stdout' : parsed.flags.has('diff') ? 'diff' : 'write';
  const paths = parsed.positionals;
  if (paths.length === 0) throw new UsageError('fix needs at least one PATH (a Dockerfile or a directory)');
  if (mode === 'stdout' && paths.length !== 1) throw new UsageError('--stdout takes exactly one file');
  const unsafe = parsed.flags.has('unsafe');
  const verify = parsed.flags.has('verify');
  for (const name of ['builder', 'build-flag', 'run-flag']) {
    if (!verify && parsed.values.has(name)) throw new UsageError(`--${name} goes with --verify`);
  }
  let verifyFailed = false;
  const reporter = new Reporter(parsed.flags.has('debug'));
  const loader = new FileLoader(parsed, reporter);
  await loadEngine();

  const out = new Output(process.stdout);
  // With --stdout or --diff, stdout carries the file or the patch; the account of what was done goes to stderr.
  const log = mode === 'write' ? out : new Output(process.stderr);
  let filesSeen = 0;
  let filesFixed = 0;
  let fixesApplied = 0;
  let savedBytes = 0;
  let left = 0;
  let leftUnsafe = 0;

  for (const path of discover(paths, (m) => reporter.error(m))) {
    filesSeen++;
    if (mode === 'stdout' && filesSeen > 1) {
      reporter.error(`--stdout takes exactly one file, but ${paths[0]} holds several Dockerfiles`);
      break;
    }
    const loaded = loader.load(path);
    if (!loaded) continue;
    const { source, config } = loaded;
    let result: FixResult;
    try {
      result = fix(source.text, config, { unsafe, rules: cliRules() });
    } catch (error) {
      reporter.error(`${path}: internal error: ${error instanceof Error ? error.message : String(error)}`, error);
      continue;
    }
    reportInternalErrors(path, result.remaining, reporter);
    left += result.remaining.length;
    if (!unsafe) leftUnsafe += result.remaining.filter((f) => fixableWith(f, true)).length;

    if (verify && result.text !== source.text) {
      const failure = await verifyFile(path, source.text, result.text, savingOf(result.applied), parsed, log, reporter);
      if (failure !== null) {
        if (failure === 'failed') verifyFailed = true;
        continue;
      }
    }
    if (mode === 'stdout') await out.write(withBom(source, result.text));
    if (mode === 'diff') await out.write(unifiedDiff(source.text, result.text, path, path));
    if (result.applied.length === 0) continue;

    const notes: string[] = [];
    if (mode === 'write') {
      try {
        if (result.text !== source.text) writeFileAtomic(path, withBom(source, result.text));
      } catch (error) {
        reporter.error(`${path}: could not write the fixed file: ${error instanceof Error ? error.message : String(error)}`, error);
        continue;
      }
      const done = applyFileEdits(path, collectFileEdits(result.applied));
      notes.push(...done.notes);
      for (const e of done.errors) reporter.error(e);
    } else {
      for (const edit of collectFileEdits(result.applied)) notes.push(`${edit.path}: not changed (only when fixing in place)`);
    }
    filesFixed++;
    fixesApplied += result.applied.length;
    const saving = savingOf(result.applied);
    savedBytes += saving;
    await log.write(describeFile(path, result.applied, notes, saving, mode !== 'write'));
  }

  let summary = `${mode === 'write' ? 'Applied' : 'Would apply'} ${fixCount(fixesApplied)} in ${filesFixed} of ${plural(filesSeen, 'file')}`;
  if (savedBytes > 0) summary += `; estimated saving ≈ ${formatBytes(savedBytes)} (an estimate)`;
  summary += '.';
  if (left > 0) summary += ` ${plural(left, 'problem')} left${leftUnsafe > 0 ? ` (${leftUnsafe} fixable with \`fix --unsafe\`)` : ''}.`;
  await log.write(`${summary}\n`);
  if (reporter.errors.length > 0) return 2;
  return verifyFailed ? 1 : 0;
}

/**
 * `--verify`: builds the original and the fixed text and runs each once. Null when the fixed file holds up
 * (it is then written or printed); `failed` when it does not build or start like the original (reported,
 * not written); `error` when the check itself could not run (no builder, the original does not build).
 */
async function verifyFile(path: string, original: string, fixed: string, estimate: number, parsed: Parsed, log: Output, reporter: Reporter): Promise<'failed' | 'error' | null> {
  try {
    const v = await verifySlim(path, original, fixed, estimate, {
      builders: parsed.values.get('builder'),
      flags: parsed.values.get('build-flag'),
      runFlags: parsed.values.get('run-flag'),
      onProgress: (phase) => reporter.trace(`${path}: ${phase}`),
    });
    await log.write(`${path}: ${v.summary}\n`);
    if (v.ok) return null;
    if (v.buildLog) reporter.note(v.buildLog);
    reporter.note(`dockerfile-slim: ${path}: not written: ${v.problem}`);
    return 'failed';
  } catch (error) {
    if (error instanceof NoBuilderError || error instanceof BuildError) {
      reporter.error(`${path}: cannot verify, not written: ${error.message}`, error);
      return 'error';
    }
    throw error;
  }
}

function describeFile(path: string, applied: readonly AppliedFix[], notes: readonly string[], saving: number, dryRun: boolean): string {
  let out = `${path}: ${fixCount(applied.length)}${dryRun ? ' (not written)' : ' applied'}\n`;
  for (const a of applied) out += `  [${a.ruleId}] ${a.title}${a.safety === 'unsafe' ? ' (unsafe)' : ''}\n`;
  for (const n of notes) out += `  ${n}\n`;
  if (saving > 0) out += `  estimated saving: ≈ ${formatBytes(saving)} (an estimate)\n`;
  return out;
}

function fixCount(n: number): string {
  return n === 1 ? '1 fix' : `${n} fixes`;
}

function savingOf(applied: readonly AppliedFix[]): number {
  return totalEstimate(applied.map((a) => a.estimate));
}
