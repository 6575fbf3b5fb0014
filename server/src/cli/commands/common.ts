import { INTERNAL_ERROR, resolveLocale, type EngineConfig, type Finding, type Locale } from '../../engine/index.js';
import { UsageError, type Parsed } from '../args.js';
import { FileError, readDockerfile, type SourceFile } from '../files.js';
import { commandLineRules, ConfigResolver } from '../loadConfig.js';
import type { Reporter } from '../output.js';
import { ct } from '../messages.js';

/** Options shared by `check` and `fix`. */
export const CONFIG_OPTIONS = {
  config: { value: true },
  rule: { value: true, repeat: true },
  lang: { value: true },
  debug: {},
  help: {},
} as const;

let dockerfilesRead = 0;

/** How many Dockerfiles this run read to lint (the loader writes V8's code cache only after such a run). */
export function dockerfilesReadCount(): number {
  return dockerfilesRead;
}

/** Reads Dockerfiles and finds their configuration; every problem is reported once and the file skipped. */
export class FileLoader {
  private readonly resolver: ConfigResolver;
  private readonly badConfigs = new Set<string>();
  private readonly locale: Locale;

  constructor(
    parsed: Parsed,
    private readonly reporter: Reporter,
  ) {
    this.resolver = new ConfigResolver(commandLineRules(parsed.values.get('config')?.[0], parsed.values.get('rule') ?? []));
    this.locale = cliLocale(parsed.values.get('lang')?.[0], process.env);
  }

  load(path: string): { source: SourceFile; config: EngineConfig } | null {
    const resolved = this.resolver.forFile(path);
    if ('error' in resolved) {
      if (!this.badConfigs.has(resolved.source)) {
        this.badConfigs.add(resolved.source);
        this.reporter.error(ct('configNotChecked', { error: resolved.error }));
      }
      return null;
    }
    this.reporter.trace(`${path}: configuration ${resolved.source ?? '(defaults)'}`);
    try {
      const source = readDockerfile(path);
      dockerfilesRead++;
      return { source, config: { ...resolved.config, locale: this.locale } };
    } catch (error) {
      if (error instanceof FileError) {
        this.reporter.error(ct('pathProblem', { path, problem: error.message }), error);
        return null;
      }
      throw error;
    }
  }

  /** The run writes files beside a Dockerfile (a fix's `.dockerignore`): build contexts are looked at again. */
  wroteFiles(): void {
    this.resolver.forgetContexts();
  }
}

/** Reports the engine's own failures (a rule that threw) as errors of the run. */
export function reportInternalErrors(path: string, findings: readonly Finding[], reporter: Reporter): void {
  for (const f of findings) {
    if (f.ruleId === INTERNAL_ERROR) reporter.error(`${path}: ${f.message}`);
  }
}

/**
 * The language of messages: `--lang`, else the environment's locale as POSIX orders it (LC_ALL, then
 * LC_MESSAGES, then LANG). `zh-cn` for Simplified Chinese (`zh`, `zh_CN.UTF-8`, `zh-Hans` too), else English.
 */
export function cliLocale(lang: string | undefined, env: NodeJS.ProcessEnv): Locale {
  if (lang !== undefined) {
    const locale = resolveLocale(lang);
    if (locale === 'en' && !/^(?:en|c|posix)(?:[-_.@].*)?$/i.test(lang.trim())) throw new UsageError(ct('langBad', { lang }));
    return locale;
  }
  return resolveLocale(env.LC_ALL || env.LC_MESSAGES || env.LANG);
}
