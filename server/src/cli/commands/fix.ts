import { fix, formatBytes, totalEstimate, type AppliedFix, type FixResult } from '../../engine/index.js';
import { loadEngine } from '../../node/loadEngine.js';
import { parseArgs, UsageError, type Parsed } from '../args.js';
import { discover } from '../discover.js';
import { unifiedDiff } from '../../engine/index.js';
import { applyFileEdits, collectFileEdits } from '../fileEdits.js';
import { withBom, writeFileAtomic } from '../files.js';
import { fixableWith } from '../formatters/types.js';
import { Output, Reporter } from '../output.js';
import { cliRules } from '../testHooks.js';
import { cliLang, count, ct, usage } from '../messages.js';
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
    process.stdout.write(usage('fix'));
    return 0;
  }
  if (parsed.flags.has('stdout') && parsed.flags.has('diff')) throw new UsageError(ct('stdoutAndDiff'));
  const mode: Mode = parsed.flags.has('stdout') ? 'stdout' : parsed.flags.has('diff') ? 'diff' : 'write';
  const paths = parsed.positionals;
  if (paths.length === 0) throw new UsageError(ct('fixNeedsPath'));
  if (mode === 'stdout' && paths.length !== 1) throw new UsageError(ct('stdoutOneFile'));
  const unsafe = parsed.flags.has('unsafe');
  const verify = parsed.flags.has('verify');
  for (const name of ['builder', 'build-flag', 'run-flag']) {
    if (!verify && parsed.values.has(name)) throw new UsageError(ct('goesWithVerify', { name }));
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
      reporter.error(ct('stdoutSeveral', { path: paths[0]! }));
      break;
    }
    const loaded = loader.load(path);
    if (!loaded) continue;
    const { source, config } = loaded;
    let result: FixResult;
    try {
      result = fix(source.text, config, { unsafe, rules: cliRules() });
    } catch (error) {
      reporter.error(ct('fileInternalError', { path, message: error instanceof Error ? error.message : String(error) }), error);
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
        reporter.error(ct('couldNotWrite', { path, message: error instanceof Error ? error.message : String(error) }), error);
        continue;
      }
      const edits = collectFileEdits(result.applied);
      if (edits.length > 0) loader.wroteFiles();
      const done = applyFileEdits(path, edits);
      notes.push(...done.notes);
      for (const e of done.errors) reporter.error(e);
    } else {
      for (const edit of collectFileEdits(result.applied)) notes.push(ct('onlyInPlace', { path: edit.path }));
    }
    filesFixed++;
    fixesApplied += result.applied.length;
    const saving = savingOf(result.applied);
    savedBytes += saving;
    await log.write(describeFile(path, result.applied, notes, saving, mode !== 'write'));
  }

  let summary = ct(mode === 'write' ? 'applied' : 'wouldApply', { fixes: count(fixesApplied, 'fix'), fixed: filesFixed, files: count(filesSeen, 'file') });
  if (savedBytes > 0) summary += ct('summarySaving', { size: formatBytes(savedBytes) });
  summary += ct('summaryEnd');
  if (left > 0) summary += ct('summaryLeft', { problems: count(left, 'problem'), unsafe: leftUnsafe > 0 ? ct('summaryLeftUnsafe', { n: leftUnsafe }) : '' });
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
      locale: cliLang(),
      onProgress: (phase) => reporter.trace(`${path}: ${phase}`),
    });
    await log.write(`${path}: ${v.summary}\n`);
    if (v.ok) return null;
    if (v.buildLog) reporter.note(v.buildLog);
    reporter.note(ct('notWritten', { path, problem: v.problem ?? '' }));
    return 'failed';
  } catch (error) {
    if (error instanceof NoBuilderError || error instanceof BuildError) {
      reporter.error(ct('cannotVerify', { path, error: error instanceof NoBuilderError ? error.text(cliLang()) : error.message }), error);
      return 'error';
    }
    throw error;
  }
}

function describeFile(path: string, applied: readonly AppliedFix[], notes: readonly string[], saving: number, dryRun: boolean): string {
  let out = `${ct(dryRun ? 'fileNotWritten' : 'fileApplied', { path, fixes: count(applied.length, 'fix') })}\n`;
  for (const a of applied) out += `${ct(a.safety === 'unsafe' ? 'fixLineUnsafe' : 'fixLine', { rule: a.ruleId, title: a.title })}\n`;
  for (const n of notes) out += `  ${n}\n`;
  if (saving > 0) out += `${ct('fileSaving', { size: formatBytes(saving) })}\n`;
  return out;
}

function savingOf(applied: readonly AppliedFix[]): number {
  return totalEstimate(applied.map((a) => a.estimate));
}
