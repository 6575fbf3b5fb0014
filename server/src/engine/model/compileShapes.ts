/**
 * What a command's own words say of it as a compile step (`go build`, `make`, `gcc -o`, `npm run build`, `pip
 * wheel`…): no RUN, no offsets but from the command's start, nothing the commands before it decide. `builds.ts`
 * places these steps in their RUN and asks what the RUNs before a `pip install` installed.
 */
import { findOption, subcommand } from './commands.js';
import { PIP_ALL_OPTIONS_WITH_VALUE, PIP_OPTIONS_WITH_VALUE, pipCommand } from './pip.js';
import type { ShellCommand, ShellWord } from './shellTypes.js';

export type BuildKind = 'go' | 'c' | 'make' | 'rust' | 'maven' | 'gradle' | 'javac' | 'node' | 'dotnet' | 'pip';

export const C_COMPILER = /^(?:gcc|g\+\+|cc|c\+\+|clang|clang\+\+)(?:-\d+(?:\.\d+)*)?$/;
export const C_SOURCE = /\.(?:c|cc|cpp|cxx|c\+\+|C|o|a|s|S)$/;
const MAVEN_PHASES = new Set(['package', 'install', 'verify', 'deploy']);
const GRADLE_TASKS = new Set(['build', 'assemble', 'bootJar', 'bootWar', 'jar', 'war', 'shadowJar', 'installDist', 'distTar', 'distZip']);
/** The commands `shapeOf` reads by name (besides C compilers and pip). */
const STEP_NAMES = new Set(['go', 'cargo', 'javac', 'tsc', 'npx', 'make', 'gmake', 'mvn', 'mvnw', 'gradle', 'gradlew', 'npm', 'pnpm', 'yarn', 'dotnet']);
const NO_OPTIONS: ReadonlySet<string> = new Set();

/**
 * What a command's own words say of it as a compile step: its kind, label and the words at fault (offsets from
 * the command's start). A `pip install` that may build from source is a build only when a C compiler was
 * installed before it (`needsCompiler`), which the RUNs before it decide.
 */
export interface StepShape {
  readonly kind: BuildKind;
  readonly start: number;
  readonly end: number;
  readonly label: string;
  readonly needsCompiler: boolean;
}

/** The compile step a command is by its own words (see `StepShape`), or null. */
export function shapeOf(cmd: ShellCommand): StepShape | null {
  const name = cmd.name;
  const nameWord = cmd.nameWord;
  if (!nameWord) return null;
  const step = (kind: BuildKind, end: ShellWord, label: string, needsCompiler = false): StepShape => ({ kind, start: nameWord.start - cmd.start, end: end.end - cmd.start, label, needsCompiler });
  // Most commands are none of the tools below: told by name before their words are read. pip as `pip3 …`,
  // `python3 -m pip …`, `python${VERSION} -m pip …`, `"$PYTHON" -m pip …` (never one of those names): model/pip.ts decides.
  if (name === null || !(STEP_NAMES.has(name) || C_COMPILER.test(name))) {
    const pip = pipCommand(cmd);
    return pip ? pipBuild(pip, pip === cmd, step) : null;
  }
  const vals = cmd.args.map((a) => a.value);
  const sub = subcommand(cmd, NO_OPTIONS);
  switch (name) {
    case 'go':
      if (sub?.word.value === 'build') return step('go', sub.word, 'go build');
      // `go install` of the project (`go install`, `go install ./...`, GOPATH-era import paths); not a tool at a version (`…@latest`).
      if (sub?.word.value === 'install' && !cmd.args.slice(sub.index + 1).some((a) => a.value === null || a.value.includes('@'))) return step('go', sub.word, 'go install');
      return null;
    case 'cargo':
      if (sub?.word.value === 'build') return step('rust', sub.word, 'cargo build');
      // `cargo install --path .` builds the project; `cargo install ripgrep` installs a tool from crates.io.
      if (sub?.word.value === 'install' && findOption(cmd, ['--path']) !== null) return step('rust', sub.word, 'cargo install');
      return null;
    case 'javac':
      // Sources named, from an argument file (`@sources.txt`) or from a substitution (`$(find src -name '*.java')`).
      return vals.some((v) => v === null || /\.java$/.test(v) || v.startsWith('@')) ? step('javac', nameWord, 'javac') : null;
    case 'tsc':
      return typescriptBuild(vals) ? step('node', nameWord, 'tsc') : null;
    case 'npx': {
      // `npx tsc`, `npx --yes tsc -p .`
      const i = vals.findIndex((v) => v === null || !v.startsWith('-'));
      const tool = cmd.args[i];
      return tool?.value === 'tsc' && typescriptBuild(vals.slice(i + 1)) ? step('node', tool, 'npx tsc') : null;
    }
    case 'make':
    case 'gmake':
      if (vals.some((v) => v === '--version' || v === '-v' || v === '--help' || v === '-h' || v === '-n' || v === '--dry-run')) return null;
      return step('make', nameWord, name);
    case 'mvn':
    case 'mvnw': {
      const phase = cmd.args.find((a) => a.value !== null && MAVEN_PHASES.has(a.value));
      return phase ? step('maven', phase, `${name} ${phase.value}`) : null;
    }
    case 'gradle':
    case 'gradlew': {
      const task = cmd.args.find((a) => a.value !== null && GRADLE_TASKS.has(a.value.slice(a.value.lastIndexOf(':') + 1)));
      return task ? step('gradle', task, `${name} ${task.value}`) : null;
    }
    case 'npm':
    case 'pnpm':
    case 'yarn': {
      if (!sub || sub.word.value === null) return null;
      if (sub.word.value === 'run' || sub.word.value === 'run-script') {
        const script = cmd.args[sub.index + 1];
        if (script?.value && /^build(?::.*)?$/.test(script.value)) return step('node', script, `${name} ${sub.word.value} ${script.value}`);
        return null;
      }
      if (name !== 'npm' && /^build(?::.*)?$/.test(sub.word.value)) return step('node', sub.word, `${name} ${sub.word.value}`);
      return null;
    }
    case 'dotnet':
      return sub && (sub.word.value === 'publish' || sub.word.value === 'build') ? step('dotnet', sub.word, `dotnet ${sub.word.value}`) : null;
    default:
      break;
  }
  if (C_COMPILER.test(name)) {
    // Only real compilations: `gcc --version` or `cc -dumpmachine` are not.
    if (!vals.some((v) => v !== null && (C_SOURCE.test(v) || v === '-o' || (v.startsWith('-o') && v.length > 2)))) return null;
    return step('c', nameWord, name);
  }
  return null;
}

/** `tsc` compiles unless it only prints something or writes a config (`--version`, `--help`, `--init`, `--showConfig`). */
function typescriptBuild(args: readonly (string | null)[]): boolean {
  return !args.some((v) => v !== null && /^(?:-v|--version|-h|--help|--all|--init|--showConfig|--listFilesOnly)$/.test(v));
}

/**
 * The compile step of a pip command (`pip`, the view `pipCommand` returns; `direct` when the command is pip
 * itself rather than `python -m pip`): `pip wheel` builds wheels; `pip install` builds when a C compiler was
 * installed for it.
 */
function pipBuild(pip: ShellCommand, direct: boolean, step: (kind: BuildKind, end: ShellWord, label: string, needsCompiler?: boolean) => StepShape): StepShape | null {
  const sub = subcommand(pip, PIP_OPTIONS_WITH_VALUE);
  if (sub?.word.value !== 'wheel' && sub?.word.value !== 'install') return null;
  if (sub.word.value === 'install' && !pipMayCompile(pip, sub.index)) return null;
  // The word as written, without the quotes around it (`"$PYTHON"` reads `$PYTHON -m pip install`).
  const program = pip.name ?? pip.nameWord!.text.replace(/^"(.*)"$/, '$1');
  return step('pip', sub.word, `${program}${direct ? '' : ' -m pip'} ${sub.word.value}`, sub.word.value === 'install');
}

/** pip's own tools: pure Python, nothing to compile. */
const PIP_TOOLS = new Set(['pip', 'setuptools', 'wheel']);

/**
 * A `pip install` (its arguments after `install` at `subIndex`) that builds when run after the stage chain
 * installed a C compiler (`gcc`, `build-essential`, `build-base`…): the compiler is there to build the C
 * extensions of packages that have no wheel for the platform, so the install is a build (`placed` asks for
 * the compiler). Not when it can only install prebuilt files: wheel files, `--only-binary :all:`, or only
 * pip's own tools. A requirements file, an editable install or a package name may build from source.
 */
function pipMayCompile(cmd: ShellCommand, subIndex: number): boolean {
  const args = cmd.args.slice(subIndex + 1);
  const operands: (string | null)[] = [];
  let fromSource = false;
  for (let i = 0; i < args.length; i++) {
    const v = args[i]!.value;
    if (v === null) {
      operands.push(null);
      continue;
    }
    if (!v.startsWith('-')) {
      operands.push(v);
      continue;
    }
    const option = v.split('=')[0]!;
    const value = v.includes('=') ? v.slice(option.length + 1) : (args[i + 1]?.value ?? null);
    if (option === '--only-binary' && value === ':all:') return false;
    if (option === '-r' || option === '--requirement' || option === '-e' || option === '--editable') fromSource = true;
    if (!v.includes('=') && PIP_ALL_OPTIONS_WITH_VALUE.has(option)) i++;
  }
  if (fromSource) return true;
  if (operands.length === 0) return false;
  return operands.some((o) => o === null || !(/\.whl$/i.test(o) || PIP_TOOLS.has(o.replace(/^["']|["']$/g, '').replace(/[=<>~!;[].*$/, '').toLowerCase())));
}


/** Package installers that may compile native code (Node addons through node-gyp, Ruby and Perl extensions, PHP extensions). */
const NATIVE_INSTALLS: Record<string, (sub: string | null) => boolean> = {
  npm: (sub) => sub !== null && ['ci', 'install', 'i', 'add', 'rebuild', 'clean-install', 'install-clean'].includes(sub),
  yarn: (sub) => sub === null || sub === 'install' || sub === 'add',
  pnpm: (sub) => sub !== null && ['install', 'i', 'add', 'rebuild'].includes(sub),
  gem: (sub) => sub === 'install',
  bundle: (sub) => sub === null || sub === 'install',
  bundler: (sub) => sub === null || sub === 'install',
  cargo: (sub) => sub === 'install',
  go: (sub) => sub === 'install',
  pecl: (sub) => sub === 'install',
  cpanm: () => true,
  cpan: () => true,
};
/** Commands that are build tools themselves: compilers, binutils, make and configure tools. */
const BUILD_TOOLS = /^(?:cc|c\+\+|gcc|g\+\+|clang|clang\+\+|gfortran)(?:-\d+(?:\.\d+)*)?$|^(?:make|gmake|cmake|ninja|meson|configure|autoreconf|autoconf|automake|aclocal|libtoolize|strip|objcopy|ld|node-gyp|phpize|docker-php-ext-install|docker-php-ext-configure)$/;

/** A build tool run by name, a package install that may compile native extensions, or `setup.py`: its label, or null. */
export function toolUse(cmd: ShellCommand): string | null {
  const name = cmd.name;
  if (!name) return null;
  if (BUILD_TOOLS.test(name)) return name;
  // Own keys only: a command named `toString` or `constructor` is not an installer.
  const installs = Object.hasOwn(NATIVE_INSTALLS, name) ? NATIVE_INSTALLS[name]! : null;
  if (installs) {
    const sub = subcommand(cmd, NO_OPTIONS)?.word.value ?? null;
    if (installs(sub)) return sub === null ? name : `${name} ${sub}`;
  }
  // `python setup.py install`, `python3 setup.py bdist_wheel`
  if (/^python\d*(?:\.\d+)?$/.test(name) && /(?:^|\/)setup\.py$/.test(cmd.args[0]?.value ?? '')) return `${name} setup.py`;
  return null;
}

