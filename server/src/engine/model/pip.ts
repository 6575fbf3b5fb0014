/**
 * pip as the rules see it: which command is pip (`pip3`, `python -m pip`), its options that take a value,
 * `--no-cache-dir` and how pip reads its settings from the environment.
 */
import { findOption, subcommand } from './commands.js';
import type { DockerfileModel, RunInfo } from './model.js';
import { commandQuery, commandsWhere, runTextMatches, textQuery, type RunInst } from './runs.js';
import type { ShellCommand, ShellWord } from './shell.js';

const PIP_NAME = /^pip(\d+(\.\d+)?)?$/;
const PYTHON_NAME = /^(python|pypy)(\d+(\.\d+)?)?$/;
/** Python interpreter options that take a value (`-W ignore`, `-X utf8`). */
const PYTHON_OPTIONS_WITH_VALUE = new Set(['-W', '-X', '--check-hash-based-pycs']);
/** pip's general options that take a value, which may come before the subcommand. */
export const PIP_OPTIONS_WITH_VALUE: ReadonlySet<string> = new Set([
  '--python',
  '--log',
  '--log-file',
  '--proxy',
  '--retries',
  '--timeout',
  '--exists-action',
  '--trusted-host',
  '--cert',
  '--client-cert',
  '--cache-dir',
  '--src',
  '--use-feature',
  '--use-deprecated',
  '--keyring-provider',
  '--resume-retries',
]);
/** pip's options that take a value, general ones and those of `install`/`uninstall`/`download`: what to skip to reach the package operands. */
export const PIP_ALL_OPTIONS_WITH_VALUE: ReadonlySet<string> = new Set([
  ...PIP_OPTIONS_WITH_VALUE,
  '-r', '--requirement', '-c', '--constraint', '-e', '--editable', '-i', '--index-url', '--extra-index-url', '-f', '--find-links',
  '-t', '--target', '--prefix', '--root', '--platform', '--python-version', '--implementation', '--abi', '--progress-bar',
  '--upgrade-strategy', '--global-option', '--config-settings', '-C', '--report', '--no-binary', '--only-binary',
]);
/** The pip cache when nothing moves it. */
export const PIP_DEFAULT_CACHE = '~/.cache/pip';

const VAR = String.raw`\$(?:\{[A-Za-z_]\w*\}|[A-Za-z_]\w*)`;
/** A command word built from expansions that names a Python: `python${VERSION}`, `$VENV/bin/python3`. */
const PYTHON_EXPANDED = new RegExp(`^(?:python|pypy)(?:[\\d.]|${VAR})*$`);
/** A command word that is one variable (`$PYTHON`, `"${PY}"`): followed by `-m pip`, it can only be a Python. */
const ONE_VARIABLE = new RegExp(`^${VAR}$`);

/**
 * Whether a command's word names a Python interpreter: a fixed name (`python3.11`, `pypy3`), or a word with
 * expansions that looks like one (`python${VERSION}`, `"$PYTHON"`, `$VENV/bin/python`).
 */
function looksLikePython(cmd: ShellCommand): boolean {
  if (cmd.name) return PYTHON_NAME.test(cmd.name);
  const text = cmd.nameWord?.text;
  if (!text) return false;
  const word = /^"[^"]*"$/.test(text) ? text.slice(1, -1) : text;
  const base = word.slice(word.lastIndexOf('/') + 1);
  return PYTHON_EXPANDED.test(base) || (!word.includes('/') && ONE_VARIABLE.test(word));
}

/**
 * The pip in a command: `pip …`, `pip3 …`, `pip3.12 …`, `/venv/bin/pip …`, `python3 -m pip …`,
 * `python${VERSION} -m pip …`, `"$PYTHON" -m pip …`. Returns a
 * view of the command whose `args` start right after `pip` (its `nameWord` stays the word the command
 * starts with), or null.
 */
export function pipCommand(cmd: ShellCommand): ShellCommand | null {
  if (cmd.name && PIP_NAME.test(cmd.name)) return cmd;
  if (!looksLikePython(cmd)) return null;
  for (let i = 0; i < cmd.args.length; i++) {
    const v = cmd.args[i]!.value;
    if (v === null) return null;
    if (v === '-m' || v === '-mpip') {
      const module = v === '-m' ? cmd.args[i + 1]?.value : 'pip';
      if (module !== 'pip') return null;
      return { ...cmd, args: cmd.args.slice(v === '-m' ? i + 2 : i + 1) };
    }
    if (!v.startsWith('-') || v === '-c' || v === '-') return null;
    if (PYTHON_OPTIONS_WITH_VALUE.has(v)) i++;
  }
  return null;
}

/** The `install` word of a pip command, or null when it is another subcommand. */
export function pipInstallWord(pip: ShellCommand): ShellWord | null {
  const sub = subcommand(pip, PIP_OPTIONS_WITH_VALUE);
  return sub && sub.word.value === 'install' ? sub.word : null;
}

/**
 * `--no-cache-dir` on a pip command, also as the abbreviations pip's option parser (optparse) accepts:
 * any unambiguous prefix, which for this option means down to `--no-ca`.
 */
export function pipNoCacheDirFlag(pip: ShellCommand): ShellWord | null {
  for (const a of pip.args) {
    const v = a.value;
    if (v === null) continue;
    if (v === '--') break;
    if (v.length >= '--no-ca'.length && '--no-cache-dir'.startsWith(v)) return a;
  }
  return null;
}

/**
 * How pip reads a `no-cache-dir` setting from its environment (`PIP_NO_CACHE_DIR`) or a config file:
 * - empty: ignored, the cache stays on;
 * - any boolean word (`1/0`, `true/false`, `yes/no`, `on/off`, `y/n`, `t/f`, any case): the cache is off.
 *   Even the false words turn it off; pip keeps that for backwards compatibility
 *   (`_handle_no_cache_dir` in `pip/_internal/cli/cmdoptions.py`);
 * - anything else: pip stops with an error before installing anything.
 * `unknown` when the value cannot be read statically.
 */
export function pipNoCacheSetting(value: string | null | undefined): 'unset' | 'off' | 'error' | 'unknown' {
  if (value === undefined || value === '') return 'unset';
  if (value === null) return 'unknown';
  return /^(y|yes|t|true|on|1|n|no|f|false|off|0)$/i.test(value) ? 'off' : 'error';
}

/** pip's name test for its environment variables: the `PIP_` prefix is case-sensitive, the rest is not. */
export function pipEnvName(option: string): (name: string) => boolean {
  const wanted = option.toLowerCase().replace(/-/g, '_');
  return (name) => name.startsWith('PIP_') && name.slice(4).toLowerCase() === wanted;
}

/**
 * The commands of a RUN (indices in its script's `commands`) that run `pip install` with the cache on as written:
 * a command word, no `--no-cache-dir` (`pipNoCacheDirFlag`) and an index to download from (no `--no-index`).
 * Kept per read of the RUN (`commandsWhere`), the same for the RUN moved by an edit.
 */
export function pipInstallsWithCache(run: RunInfo): readonly number[] {
  return commandsWhere(run, INSTALLS_WITH_CACHE);
}

const INSTALLS_WITH_CACHE = commandQuery((cmd) => {
  const pip = pipCommand(cmd);
  return pip !== null && cmd.nameWord !== null && pipInstallWord(pip) !== null && !pipNoCacheDirFlag(pip) && !findOption(pip, ['--no-index']);
});

const NO_CACHE_DIR = textQuery(/no[-_]cache[-_]dir/i);
const PIP_CONFIG = textQuery(/\bpip[\d.]*\s+config\b|pip\.(conf|ini)\b/);

/**
 * The RUN's text names pip's `no-cache-dir` and pip's configuration (`pip config …`, a `pip.conf`/`pip.ini`): it
 * may turn the cache off where no rule can read it. Per read of the RUN (`runTextMatches`).
 */
export function runMayConfigurePipCache(model: DockerfileModel, inst: RunInst): boolean {
  return runTextMatches(model, inst, NO_CACHE_DIR) && runTextMatches(model, inst, PIP_CONFIG);
}
