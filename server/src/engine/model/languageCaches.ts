/**
 * The language package tools whose downloads stay in the layer, as one table: Composer, conda (mamba,
 * micromamba), cpanm, Maven, Gradle and RubyGems. For each: how to recognize a command that fills the
 * cache, where the cache is (default, environment variable, option), which commands clean it, the command
 * that cleans it, and what a BuildKit cache mount would hold instead. pip, npm and Yarn live in `pip.ts`
 * and `languages.ts`; their cache-mount targets are here too (`CACHE_MOUNT_TARGETS`), as are the system
 * package managers' (from `packageManagers.ts`).
 */
import { findOption, hasOption, optionValues, subcommand } from './commands.js';
import type { ShellCommand, ShellWord } from './shellTypes.js';

export type LanguageTool = 'composer' | 'conda' | 'cpanm' | 'gem' | 'gradle' | 'maven';

/** A command of a language tool that downloads into its cache. */
export interface CacheFill {
  tool: LanguageTool;
  cmd: ShellCommand;
  /** How the command was invoked, for messages and the cleanup: `composer`, `php composer.phar`, `./mvnw`. */
  invocation: string;
  /** The words at fault (command name to subcommand, or the command name). */
  start: number;
  end: number;
  /** The subcommand word, when the tool has one (`install`). */
  sub: ShellWord | null;
}

export interface LanguageToolFacts {
  /** What stays behind, for messages: "Composer's download cache (~/.composer/cache)". */
  leaves: string;
  /** Default cache directories (`~` is the home of whoever runs the command; any of them may be the one used). */
  defaultDirs: readonly string[];
  /** Environment variables that move the cache, with the directory under them that holds it (`''` for itself). */
  env: readonly (readonly [name: string, under: string])[];
  /** Options of the command that move the cache (`-g DIR`, `-Dmaven.repo.local=DIR`). */
  dirFromCommand?: (cmd: ShellCommand) => string | null | undefined;
}

const COMPOSER_INSTALLS = ['install', 'i', 'require', 'update', 'u', 'upgrade', 'create-project', 'reinstall'];
const CONDA_INSTALLS = ['install', 'create', 'update', 'upgrade'];
const GEM_INSTALLS = ['install', 'update'];

export const LANGUAGE_TOOLS: Readonly<Record<LanguageTool, LanguageToolFacts>> = {
  composer: {
    leaves: "Composer's download cache",
    // Composer uses ~/.cache/composer when the system looks XDG-compliant, else $COMPOSER_HOME/cache.
    defaultDirs: ['~/.composer/cache', '~/.cache/composer', '~/.config/composer/cache'],
    env: [['COMPOSER_CACHE_DIR', ''], ['COMPOSER_HOME', '/cache']],
  },
  conda: {
    leaves: 'the downloaded package archives in the pkgs folder',
    defaultDirs: ['~/.conda/pkgs'],
    env: [['CONDA_PKGS_DIRS', ''], ['MAMBA_ROOT_PREFIX', '/pkgs'], ['CONDA_DIR', '/pkgs']],
  },
  cpanm: {
    leaves: "cpanm's work folder (sources, builds and logs in ~/.cpanm)",
    defaultDirs: ['~/.cpanm'],
    env: [['PERL_CPANM_HOME', '']],
  },
  gem: {
    leaves: 'its generated documentation (ri and rdoc)',
    defaultDirs: [],
    env: [],
  },
  gradle: {
    leaves: "Gradle's dependency cache (~/.gradle)",
    // The dependency cache and the wrapper's distributions; ~/.gradle also holds settings (gradle.properties).
    defaultDirs: ['~/.gradle/caches', '~/.gradle/wrapper'],
    env: [['GRADLE_USER_HOME', '/caches']],
    dirFromCommand: (cmd) => {
      const home = lastValue(cmd, ['-g', '--gradle-user-home']);
      return typeof home === 'string' ? `${home.replace(/\/+$/, '')}/caches` : home;
    },
  },
  maven: {
    leaves: "Maven's local repository (~/.m2)",
    defaultDirs: ['~/.m2/repository'],
    env: [],
    dirFromCommand: (cmd) => {
      const repo = cmd.args.map((a) => a.value).find((v) => v?.startsWith('-Dmaven.repo.local='));
      if (repo !== undefined) return repo === null ? null : repo.slice('-Dmaven.repo.local='.length) || null;
      return undefined;
    },
  },
};

export const LANGUAGE_TOOL_NAMES = Object.keys(LANGUAGE_TOOLS) as LanguageTool[];

function lastValue(cmd: ShellCommand, names: readonly string[]): string | null | undefined {
  if (!findOption(cmd, names)) return undefined;
  const values = optionValues(cmd, names);
  return values.length > 0 ? values[values.length - 1]! : null;
}

/** `php composer.phar …` and `php /usr/local/bin/composer …`: the words after the script, as a command. */
function composerCommand(cmd: ShellCommand): { cmd: ShellCommand; invocation: string } | null {
  if (cmd.name === 'composer' || cmd.name === 'composer.phar' || cmd.name === 'composer2') return { cmd, invocation: cmd.nameWord?.text ?? 'composer' };
  if (!cmd.name || !/^php[\d.]*$/.test(cmd.name)) return null;
  const script = cmd.args.findIndex((a) => !(a.value ?? '-').startsWith('-'));
  const word = cmd.args[script];
  if (!word?.value || !/(^|\/)composer(\.phar)?$/.test(word.value)) return null;
  return { cmd: { ...cmd, nameWord: cmd.nameWord, args: cmd.args.slice(script + 1) }, invocation: `${cmd.nameWord?.text ?? 'php'} ${word.text}` };
}

/** The command fills a language tool's cache (or, for RubyGems, installs documentation): what and where. */
export function cacheFill(cmd: ShellCommand): CacheFill | null {
  if (!cmd.nameWord || !cmd.name) return null;
  const start = cmd.nameWord.start;
  const composer = composerCommand(cmd);
  if (composer) {
    const sub = subcommand(composer.cmd, COMPOSER_OPTIONS_WITH_VALUE);
    if (!sub || !COMPOSER_INSTALLS.includes(sub.word.value ?? '')) return null;
    if (hasOption(composer.cmd, ['--no-cache', '--dry-run'])) return null;
    return { tool: 'composer', cmd: composer.cmd, invocation: composer.invocation, start, end: sub.word.end, sub: sub.word };
  }
  const name = cmd.name;
  if (name === 'conda' || name === 'mamba' || name === 'micromamba') {
    const sub = subcommand(cmd, CONDA_OPTIONS_WITH_VALUE);
    if (!sub) return null;
    let word = sub.word;
    if (word.value === 'env') {
      const next = cmd.args[sub.index + 1];
      if (!next || !['create', 'update'].includes(next.value ?? '')) return null;
      word = next;
    } else if (!CONDA_INSTALLS.includes(word.value ?? '')) return null;
    if (hasOption(cmd, ['--dry-run', '--offline', '--use-local', '--download-only'], undefined)) return null;
    return { tool: 'conda', cmd, invocation: cmd.nameWord.text, start, end: word.end, sub: word };
  }
  if (name === 'cpanm' || name === 'cpanm.pl') {
    if (cmd.args.length === 0 || hasOption(cmd, ['--version', '-V', '--help', '-h', '--info', '--look', '--uninstall', '-U'])) return null;
    return { tool: 'cpanm', cmd, invocation: cmd.nameWord.text, start, end: cmd.nameWord.end, sub: null };
  }
  if (name === 'mvn' || name === 'mvnw' || name === 'mvnd') {
    if (cmd.args.length === 0 || hasOption(cmd, ['-o', '--offline', '-v', '--version', '-h', '--help'])) return null;
    return { tool: 'maven', cmd, invocation: cmd.nameWord.text, start, end: cmd.nameWord.end, sub: null };
  }
  if (name === 'gradle' || name === 'gradlew') {
    if (cmd.args.length === 0 || hasOption(cmd, ['--offline', '-v', '--version', '-h', '--help', '-?'])) return null;
    return { tool: 'gradle', cmd, invocation: cmd.nameWord.text, start, end: cmd.nameWord.end, sub: null };
  }
  if (name === 'gem') {
    const sub = subcommand(cmd, GEM_OPTIONS_WITH_VALUE);
    if (!sub || !GEM_INSTALLS.includes(sub.word.value ?? '')) return null;
    if (gemSkipsDocs(cmd)) return null;
    // `gem update --system` updates RubyGems itself, whose documentation option is its own.
    if (hasOption(cmd, ['--system'])) return null;
    return { tool: 'gem', cmd, invocation: 'gem', start, end: sub.word.end, sub: sub.word };
  }
  return null;
}

/** `--no-document`, `-N`, `--no-rdoc`/`--no-ri` (RubyGems before 3), `--document=` with an explicit list. */
function gemSkipsDocs(cmd: ShellCommand): boolean {
  return cmd.args.some((a) => {
    const v = a.value;
    if (v === null) return true;
    return v === '-N' || v.startsWith('--no-doc') || v === '--no-rdoc' || v === '--no-ri' || v.startsWith('--document');
  });
}

const COMPOSER_OPTIONS_WITH_VALUE: ReadonlySet<string> = new Set(['-d', '--working-dir']);
const CONDA_OPTIONS_WITH_VALUE: ReadonlySet<string> = new Set(['-n', '--name', '-p', '--prefix', '-r', '--root-prefix', '-c', '--channel', '--rc-file']);
const GEM_OPTIONS_WITH_VALUE: ReadonlySet<string> = new Set(['-i', '--install-dir', '-n', '--bindir', '-v', '--version', '-s', '--source', '-p', '--http-proxy', '--platform']);

/** The command cleans the tool's cache without `rm` (any spelling of the tool). */
export function cleansToolCache(tool: LanguageTool, cmd: ShellCommand): boolean {
  switch (tool) {
    case 'composer': {
      const c = composerCommand(cmd);
      if (!c) return false;
      const sub = subcommand(c.cmd, COMPOSER_OPTIONS_WITH_VALUE)?.word.value;
      return sub === 'clear-cache' || sub === 'clearcache' || sub === 'cc';
    }
    case 'conda': {
      if (cmd.name !== 'conda' && cmd.name !== 'mamba' && cmd.name !== 'micromamba') return false;
      if (subcommand(cmd, CONDA_OPTIONS_WITH_VALUE)?.word.value !== 'clean') return false;
      // The archives are the bytes: `--all`, `--tarballs`, or `-a`/`-t` in a cluster such as `-afy`, `-tipsy`.
      return hasOption(cmd, ['--all', '--tarballs'], 'a') || hasOption(cmd, [], 't');
    }
    default:
      return false;
  }
}

/**
 * The command that cleans the cache at the end of the RUN, or null when none would be sound. For Maven and
 * Gradle only the downloaded dependencies go (~/.gradle keeps its settings, gradle.properties).
 */
export function cleanupCommand(fill: CacheFill, dir: string): string | null {
  const plain = /^[\w./~-]+$/.test(dir);
  switch (fill.tool) {
    case 'composer':
    case 'conda': {
      // A cache set for this command alone (`COMPOSER_HOME=/x composer install`) is not the one a plain
      // cleanup command would clean.
      const names = LANGUAGE_TOOLS[fill.tool].env.map(([n]) => n);
      if (fill.cmd.assignments.some((a) => names.includes(a.name))) return null;
      return fill.tool === 'composer' ? `${fill.invocation} clear-cache` : `${fill.invocation} clean --all --yes`;
    }
    case 'cpanm':
      return plain ? `rm -rf ${dir}` : null;
    case 'maven':
      return plain ? `rm -rf ${dir}` : null;
    case 'gradle':
      if (!plain || !dir.endsWith('/caches')) return null;
      return `rm -rf ${dir} ${dir.slice(0, -'/caches'.length)}/wrapper/dists`;
    case 'gem':
      return null;
  }
}

/** Where Maven or Gradle artifacts are read from: a later instruction or the start command mentioning these needs them. */
export function runsTool(tool: LanguageTool, text: string): boolean {
  switch (tool) {
    case 'maven':
      return /(^|[\s/"'`;&|(])(mvn|mvnw|mvnd)\b|\.m2\b/.test(text);
    case 'gradle':
      return /(^|[\s/"'`;&|(])(gradle|gradlew)\b|\.gradle\b/.test(text);
    default:
      return false;
  }
}

/**
 * Cache-mount targets per cache (BuildKit `RUN --mount=type=cache,target=…,sharing=locked`), for the tools
 * whose default cache path is known. `~` is the home of the user the RUN runs as.
 */
export const CACHE_MOUNT_TARGETS = {
  pip: ['~/.cache/pip'],
  npm: ['~/.npm'],
  yarn: ['/usr/local/share/.cache/yarn'],
  composer: ['~/.composer/cache', '~/.cache/composer'],
  cpanm: ['~/.cpanm'],
  maven: ['~/.m2/repository'],
  gradle: ['~/.gradle/caches', '~/.gradle/wrapper'],
} as const;
