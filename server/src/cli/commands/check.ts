import { lint, ShellParserNotReady, type EngineConfig, type Finding, type Severity } from '../../engine/index.js';
import { loadEngine } from '../../node/loadEngine.js';
import { choice, parseArgs, UsageError } from '../args.js';
import { discover } from '../discover.js';
import { CheckstyleFormatter, GithubFormatter, GitlabFormatter } from '../formatters/ci.js';
import { JsonFormatter } from '../formatters/json.js';
import { SarifFormatter } from '../formatters/sarif.js';
import { TextFormatter } from '../formatters/text.js';
import type { Formatter } from '../formatters/types.js';
import { Output, Reporter } from '../output.js';
import { cliRules } from '../testHooks.js';
import { ct, usage } from '../messages.js';
import { CONFIG_OPTIONS, FileLoader, reportInternalErrors } from './common.js';

const RANK: Record<Severity, number> = { info: 1, warning: 2, error: 3 };
const THRESHOLDS = ['error', 'warning', 'info', 'none'] as const;
const FORMATS = ['text', 'json', 'sarif', 'github', 'gitlab', 'checkstyle'] as const;
const OUTPUT_BATCH = 65_536;

function makeFormatter(format: (typeof FORMATS)[number], unsafeFixes: boolean): Formatter {
  switch (format) {
    case 'json':
      return new JsonFormatter();
    case 'sarif':
      return new SarifFormatter();
    case 'github':
      return new GithubFormatter();
    case 'gitlab':
      return new GitlabFormatter();
    case 'checkstyle':
      return new CheckstyleFormatter();
    default:
      return new TextFormatter(unsafeFixes);
  }
}

/** `check`: lint each file as it is found and print its findings straight away. */
export async function runCheck(argv: readonly string[]): Promise<number> {
  const parsed = parseArgs(argv, {
    ...CONFIG_OPTIONS,
    format: { value: true },
    'unsafe-fixes': {},
    'failure-threshold': { value: true },
  });
  if (parsed.flags.has('help')) {
    process.stdout.write(usage('check'));
    return 0;
  }
  const format = choice(parsed, 'format', FORMATS, 'text');
  const threshold = choice(parsed, 'failure-threshold', THRESHOLDS, 'warning');
  if (parsed.positionals.length === 0) throw new UsageError(ct('checkNeedsPath'));
  const reporter = new Reporter(parsed.flags.has('debug'));
  const loader = new FileLoader(parsed, reporter);
  const grammar = new Grammar();

  const formatter = makeFormatter(format, parsed.flags.has('unsafe-fixes'));
  // A terminal shows each file as it is checked; a pipe or a file gets the output in blocks of 64 KiB.
  const out = new Output(process.stdout, process.stdout.isTTY ? 0 : OUTPUT_BATCH);
  reporter.beforeMessage = () => out.flushNow();
  const failAt = threshold === 'none' ? Infinity : RANK[threshold];
  let failed = false;
  let filesChecked = 0;
  try {
    await out.write(formatter.begin());
    for (const path of discover(parsed.positionals, (m) => reporter.error(m))) {
      const loaded = loader.load(path);
      if (!loaded) continue;
      let findings: Finding[] | null;
      try {
        findings = lintFile(path, loaded.source.text, loaded.config, reporter);
      } catch (error) {
        if (!(error instanceof ShellParserNotReady)) throw error;
        // A failure to load it ends the run, as when it was loaded at the start.
        await grammar.load();
        findings = lintFile(path, loaded.source.text, loaded.config, reporter);
      }
      if (!findings) continue;
      filesChecked++;
      reportInternalErrors(path, findings, reporter);
      if (findings.some((f) => RANK[f.severity] >= failAt)) failed = true;
      await out.write(formatter.file({ path, findings }));
      await grammar.afterFile(filesChecked);
    }
    await out.write(formatter.end({ filesChecked, errors: reporter.errors }));
    await out.flush();
  } finally {
    // An unexpected error ends the run: what was checked before it is still printed.
    out.flushNow();
  }
  if (reporter.errors.length > 0) return 2;
  return failed ? 1 : 0;
}

/** From this file of a run on, the shell grammar is loaded before a script needs it. */
const GRAMMAR_EARLY_AFTER = 64;

/**
 * The shell grammar (tree-sitter-bash's WebAssembly), loaded when a script first needs it, which most runs over a
 * few files never do (loading it is ~15 ms CPU of a one-file run). A run over many files most likely needs it at
 * some point (40 of the corpus's 1,073 files do, the first is the 195th; 64 files like those include one 9 times in
 * 10): from its `GRAMMAR_EARLY_AFTER`th file on the load starts, so that V8 compiles the grammar on its own threads while this one lints instead of this one
 * waiting for it. The load moves on only when the event loop turns, so while it is under way each file gives it
 * one turn.
 */
class Grammar {
  private loading: Promise<void> | null = null;
  private ready = false;

  /** Loads the grammar, or waits for the load under way; a failure is thrown here. */
  load(): Promise<void> {
    return (this.loading ??= loadEngine().then(() => {
      this.ready = true;
    }));
  }

  async afterFile(checked: number): Promise<void> {
    if (this.ready || (this.loading === null && checked < GRAMMAR_EARLY_AFTER)) return;
    // Started early, its failure is reported only if a script needs it (by `load`).
    if (this.loading === null) this.load().catch(() => {});
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/** The file's findings; null when linting it failed (reported). `ShellParserNotReady` is thrown for the caller. */
function lintFile(path: string, text: string, config: EngineConfig, reporter: Reporter): Finding[] | null {
  try {
    return lint(text, config, cliRules());
  } catch (error) {
    if (error instanceof ShellParserNotReady) throw error;
    reporter.error(ct('fileInternalError', { path, message: error instanceof Error ? error.message : String(error) }), error);
    return null;
  }
}
