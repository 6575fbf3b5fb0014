/**
 * Language package managers (npm, yarn; pip is in pip.ts) as the rules see them: which command is an install, where its
 * cache goes, and what the environment of a RUN says about it.
 */
import { firstBeforeInChain, type InstTest, chainOf } from './chain.js';
import { findOption, optionValues, subcommand } from './commands.js';
import { type DockerfileModel, type Inst, type RunInfo, type Stage } from './model.js';
import { stateAt } from './timeline.js';
import { dashText } from './binSh.js';
import { scriptExports } from './scriptEnv.js';
import type { ShellCommand, ShellWord } from './shell.js';

// ---------------------------------------------------------------------------------------------------------
// Environment

/**
 * What a command sees of an environment variable: `undefined` when nothing sets it, `null` when it is set
 * to something that cannot be read statically (an expansion, an ARG without a default), else the value.
 * Sources, weakest first: ARG of the stage (its default, or the global one), ENV of the stage and of the
 * stages it builds FROM, what the same RUN exports or unsets earlier (`scriptEnv.ts`), and the command's own
 * `NAME=… cmd` prefix.
 * `matches` compares names, so callers decide about case (pip's `PIP_` prefix is case-sensitive, npm's
 * `npm_config_` is not).
 */
export function envFor(inst: Inst, cmd: ShellCommand, matches: (name: string) => boolean): string | null | undefined {
  let found: string | null | undefined;
  // ARGs in scope and ENV values in force come from the stage's timeline (an ENV wins over an ARG).
  const state = stateAt(inst);
  for (const [name, value] of state.args) if (matches(name)) found = readable(value);
  const env = state.env;
  for (const [name, value] of env) if (matches(name)) found = readable(value);
  const script = inst.run?.script;
  if (script) {
    for (const [name, value] of scriptExports(script, cmd, (n) => env.has(n) || (matches(n) && found !== undefined), () => dashText(inst))) {
      if (matches(name)) found = value === undefined || value === null ? value : readable(value);
    }
  }
  for (const a of cmd.assignments) if (matches(a.name)) found = a.value;
  return found;
}

function readable(value: string | null): string | null {
  return value === null || value.includes('$') ? null : value;
}

// ---------------------------------------------------------------------------------------------------------
// Paths: caches under a home directory, removals and mounts

/**
 * A path with any home directory written as `~`: `$HOME`, `${HOME}`, `/root` and `/home/<user>` all become
 * `~`, so that a cache under "the home of whoever runs the command" compares equal however it is written.
 * Quotes and trailing slashes are dropped.
 */
export function homeRelative(path: string, home?: string | null): string {
  const p = path.replace(/^["']|["']$/g, '').replace(/\/+$/, '');
  const h = home?.replace(/\/+$/, '');
  if (h && h.startsWith('/') && within(p, h)) return `~${p.slice(h.length)}`;
  return p.replace(/^(?:~|\$HOME|\$\{HOME\}|\/root|\/home\/[^/]+)(?=\/|$)/, '~');
}

/** The home directory when the image sets `HOME` (ENV, or for the command); null when it does not or it is unreadable. */
export function homeFor(inst: Inst, cmd: ShellCommand): string | null {
  return envFor(inst, cmd, (n) => n === 'HOME') ?? null;
}

/** `path` is `dir` or inside it. */
export function within(path: string, dir: string): boolean {
  return path === dir || path.startsWith(`${dir}/`);
}

/**
 * A `rm` after `after` (a document offset) deletes `dir`: the directory itself, a parent of it, all of its
 * entries (`dir/*`, `parent/*`), or a part of it (for a cache, the part is where the bytes are).
 */
export function removesDir(commands: readonly ShellCommand[], dir: string, after = -1, home?: string | null): boolean {
  const target = homeRelative(dir, home);
  return commands.some(
    (c) =>
      c.start > after &&
      c.name === 'rm' &&
      c.args.some((a) => {
        const raw = a.value ?? a.text;
        if (raw.startsWith('-')) return false;
        // `dir/*` removes everything inside dir: as good as dir itself here.
        const p = homeRelative(raw, home).replace(/\/\.?\*$/, '');
        return within(target, p) || within(p, target);
      }),
  );
}

/** A BuildKit cache or tmpfs mount of this RUN holds `dir` (it is the target or inside it): nothing of it reaches the layer. */
export function mountHolds(run: RunInfo, dir: string, home?: string | null): boolean {
  const target = homeRelative(dir, home);
  return run.mounts.some((m) => (m.type === 'cache' || m.type === 'tmpfs') && m.target !== null && within(target, homeRelative(m.target, home)));
}

// ---------------------------------------------------------------------------------------------------------
// npm and yarn

const NPM_INSTALL = ['install', 'i', 'in', 'ins', 'inst', 'insta', 'instal', 'isnt', 'isnta', 'isntal', 'isntall', 'add'];
const NPM_CI = ['ci', 'clean-install', 'ic', 'install-clean', 'isntall-clean'];
const NPM_INSTALL_TEST = ['install-test', 'it'];
const NPM_CI_TEST = ['install-ci-test', 'cit'];
/** npm options that take a value and may come before the subcommand. */
export const NPM_OPTIONS_WITH_VALUE: ReadonlySet<string> = new Set([
  '--prefix',
  '-C',
  '--loglevel',
  '--registry',
  '--cache',
  '--userconfig',
  '--globalconfig',
  '--workspace',
  '-w',
  '--omit',
  '--include',
  '--only',
  '--tag',
  '--location',
  '--install-strategy',
  '--fetch-timeout',
  '--fetch-retries',
]);
/** The npm cache when nothing moves it. */
export const NPM_DEFAULT_CACHE = '~/.npm';

export interface NpmInstall {
  /** `install` for `npm install`/`npm i`/…, `ci` for `npm ci`/`npm clean-install`/…. */
  kind: 'install' | 'ci';
  /** `npm install-test` and `npm install-ci-test` run the tests afterwards. */
  test: boolean;
  word: ShellWord;
}

/** `npm install`, `npm ci` and their aliases. */
export function npmInstall(cmd: ShellCommand): NpmInstall | null {
  if (cmd.name !== 'npm') return null;
  const sub = subcommand(cmd, NPM_OPTIONS_WITH_VALUE);
  const v = sub?.word.value;
  if (!sub || !v) return null;
  if (NPM_INSTALL.includes(v)) return { kind: 'install', test: false, word: sub.word };
  if (NPM_CI.includes(v)) return { kind: 'ci', test: false, word: sub.word };
  if (NPM_INSTALL_TEST.includes(v)) return { kind: 'install', test: true, word: sub.word };
  if (NPM_CI_TEST.includes(v)) return { kind: 'ci', test: true, word: sub.word };
  return null;
}

/** The subcommand word of an npm command when it is `sub` (`npm --prefix /app prune` → `prune`), else null. */
export function isNpmSubcommand(cmd: ShellCommand, sub: string): ShellWord | null {
  if (cmd.name !== 'npm') return null;
  const found = subcommand(cmd, NPM_OPTIONS_WITH_VALUE);
  return found && found.word.value === sub ? found.word : null;
}

/** npm's name test for its configuration variables: `npm_config_<key>` in any case, `_` for `-`. */
export function npmConfigName(key: string): (name: string) => boolean {
  const wanted = `npm_config_${key.replace(/-/g, '_')}`;
  return (name) => name.toLowerCase() === wanted;
}

/** Package operands of `npm install`: the named packages (none for a plain `npm install`). */
export function npmPackageOperands(cmd: ShellCommand, word: ShellWord): ShellWord[] {
  const out: ShellWord[] = [];
  const start = cmd.args.indexOf(word);
  for (let i = start + 1; i < cmd.args.length; i++) {
    const a = cmd.args[i]!;
    const v = a.value;
    if (v === '--') continue;
    if (v !== null && v.startsWith('-')) {
      if (NPM_OPTIONS_WITH_VALUE.has(v)) i++;
      continue;
    }
    out.push(a);
  }
  return out;
}

/** `-g`/`--global`/`--location=global` on an npm command. */
export function npmGlobal(cmd: ShellCommand): boolean {
  return findOption(cmd, ['--global'], 'g') !== null || optionValues(cmd, ['--location']).includes('global');
}

/**
 * `npm cache clean --force` (or `clear`/`rm`, `-f`). npm 5 and later refuse to clean without `--force`;
 * `bareCleans` (npm before 5) accepts the command without it.
 */
export function isNpmCacheClean(cmd: ShellCommand, bareCleans = false): boolean {
  if (cmd.name !== 'npm') return false;
  const sub = subcommand(cmd, NPM_OPTIONS_WITH_VALUE);
  if (!sub || sub.word.value !== 'cache') return false;
  const rest = cmd.args.slice(sub.index + 1).map((a) => a.value);
  const action = rest.find((v) => v !== null && !v.startsWith('-'));
  return (action === 'clean' || action === 'clear' || action === 'rm') && (bareCleans || findOption(cmd, ['--force'], 'f') !== null);
}

/** yarn options that take a value. */
export const YARN_OPTIONS_WITH_VALUE: ReadonlySet<string> = new Set([
  '--cwd',
  '--cache-folder',
  '--preferred-cache-folder',
  '--modules-folder',
  '--global-folder',
  '--link-folder',
  '--mutex',
  '--network-timeout',
  '--network-concurrency',
  '--child-concurrency',
  '--registry',
  '--use-yarnrc',
]);
/** Where Yarn 1 keeps its cache: `/usr/local/share/.cache/yarn` for root, `~/.cache/yarn` for others. */
export const YARN_DEFAULT_CACHES = ['/usr/local/share/.cache/yarn', '~/.cache/yarn'];

/**
 * A yarn command that downloads packages into yarn's cache: `yarn`, `yarn install`, `yarn add …`,
 * `yarn global add …`. Returns the last word of the command part to report (`yarn`, `install`, `add`).
 */
export function yarnInstall(cmd: ShellCommand): ShellWord | null {
  if (cmd.name !== 'yarn' || !cmd.nameWord) return null;
  const sub = subcommand(cmd, YARN_OPTIONS_WITH_VALUE);
  if (!sub) {
    // Bare `yarn` installs, unless it only prints something (`yarn --version`); every argument must be readable.
    const info = ['--version', '-v', '-V', '--help', '-h'];
    return cmd.args.every((a) => a.value !== null && !info.includes(a.value)) ? cmd.nameWord : null;
  }
  const v = sub.word.value;
  if (v === 'install' || v === 'add') return sub.word;
  if (v === 'global') {
    const next = cmd.args.slice(sub.index + 1).find((a) => a.value === null || !a.value.startsWith('-'));
    return next?.value === 'add' ? next : null;
  }
  return null;
}

/** `yarn cache clean` (any options or package names). */
export function isYarnCacheClean(cmd: ShellCommand): boolean {
  if (cmd.name !== 'yarn') return false;
  const sub = subcommand(cmd, YARN_OPTIONS_WITH_VALUE);
  if (!sub || sub.word.value !== 'cache') return false;
  return cmd.args.slice(sub.index + 1).some((a) => a.value === 'clean');
}

// ---------------------------------------------------------------------------------------------------------
// Stages

/** Instructions of the stage and of the stages it builds FROM, earlier than `inst`, ONBUILD triggers excluded. */
export function earlierInChain(inst: Inst): Inst[] {
  const chain = inst.stage ? chainOf(inst.stage) : [];
  const out: Inst[] = [];
  for (const s of chain) for (const i of s.instructions) if (!i.onbuild && (s !== inst.stage || i.start < inst.start)) out.push(i);
  return out;
}

/**
 * Instructions that run after `inst` and end up in the same image: the rest of its stage and every
 * instruction of the shipped stages built FROM it. ONBUILD triggers of those stages are included (they run
 * later still, in images built on this one).
 */
export function laterInImage(model: DockerfileModel, inst: Inst): Inst[] {
  const out: Inst[] = [];
  const stage = inst.stage;
  if (!stage) return out;
  for (const i of stage.instructions) if (i.onbuild || i.start > inst.start) out.push(i);
  for (const s of model.stages) {
    if (s === stage) continue;
    let descends = false;
    for (let p: Stage | null = s.parent; p; p = p.parent) if (p === stage) descends = true;
    if (descends && s.ships) out.push(...s.instructions);
  }
  return out;
}

/** Destination of a COPY/ADD, as written (the last argument). */
export function copyDestination(inst: Inst): string | null {
  if (inst.keyword !== 'COPY' && inst.keyword !== 'ADD') return null;
  const args = inst.node.getArguments();
  return args.length >= 2 ? args[args.length - 1]!.getValue() : null;
}

/** Sources of a COPY/ADD, as written (every argument but the last). */
export function copySources(inst: Inst): string[] {
  if (inst.keyword !== 'COPY' && inst.keyword !== 'ADD') return [];
  const args = inst.node.getArguments();
  return args.slice(0, -1).map((a) => a.getValue());
}

// ---------------------------------------------------------------------------------------------------------
// npm: devDependencies

/**
 * Whether an `npm install`/`npm ci` leaves out the devDependencies, as npm decides it: the command's own
 * flags first (`--omit=dev`, `--production`, `--only=prod`; `--include=dev`, `--production=false`,
 * `--dev`, `--also=dev` ask for them), then its configuration from the environment (`npm_config_omit`,
 * `npm_config_include`, `npm_config_production`, `npm_config_only`, any case) or `npm config set` earlier in
 * the image, then `NODE_ENV=production`, which makes npm omit them by default.
 * `unknown` when a value cannot be read or a copied `.npmrc` may decide.
 */
export function npmDevDependencies(model: DockerfileModel, inst: Inst, cmd: ShellCommand): 'omitted' | 'included' | 'default' | 'unknown' {
  const includes = optionValues(cmd, ['--include', '--also']).some((v) => /\bdev(elopment)?\b/.test(v));
  if (includes || findOption(cmd, ['--dev', '--no-production']) || optionValues(cmd, ['--production']).some((v) => !npmTrue(v))) return 'included';
  if (optionValues(cmd, ['--omit']).some((v) => /\bdev\b/.test(v))) return 'omitted';
  if (optionValues(cmd, ['--only']).some((v) => /^prod(uction)?$/.test(v))) return 'omitted';
  if (cmd.args.some((a) => a.value === '--production')) return 'omitted';

  const read = (key: string): string | null | undefined => envFor(inst, cmd, npmConfigName(key));
  const settings = { include: read('include'), also: read('also'), omit: read('omit'), production: read('production'), only: read('only') };
  if (Object.values(settings).some((v) => v === null)) return 'unknown';
  if ([settings.include, settings.also].some((v) => v && /\bdev(elopment)?\b/.test(v))) return 'included';
  if (settings.omit && /\bdev\b/.test(settings.omit)) return 'omitted';
  if (settings.production && npmTrue(settings.production)) return 'omitted';
  if (settings.only && /^prod(uction)?$/.test(settings.only)) return 'omitted';

  // The first of these earlier in the image decides.
  const decisive = firstBeforeInChain(model, inst, NPM_DEV_CONFIG);
  if (decisive) return npmConfigOmitsDev(decisive, model) ? 'omitted' : 'unknown';
  const nodeEnv = envFor(inst, cmd, (n) => n === 'NODE_ENV');
  if (nodeEnv === null) return 'unknown';
  return nodeEnv === 'production' ? 'omitted' : 'default';
}

/** `npm config set` that makes npm omit the devDependencies. */
function npmConfigOmitsDev(i: Inst, model: DockerfileModel): boolean {
  return i.keyword === 'RUN' && /\bnpm\s+config\s+set\s+(?:omit[\s=]+["']?dev|production[\s=]+["']?true|only[\s=]+["']?prod)/.test(model.text.slice(i.start, i.end));
}

/** An instruction that settles npm's devDependencies setting: `npm config set …`, or a copied `.npmrc` (unknown). */
const NPM_DEV_CONFIG: InstTest = (i, model) => !i.onbuild && (npmConfigOmitsDev(i, model) || copySources(i).some((s) => /(^|\/)\.npmrc$/.test(s)));

/** How npm reads a boolean setting: `false`, `null` and numbers equal to 0 are false, anything else true. */
function npmTrue(value: string): boolean {
  if (value === 'false' || value === 'null') return false;
  if (value.trim() !== '' && !Number.isNaN(Number(value))) return Number(value) !== 0;
  return true;
}

export const DEV_TOOLS: ReadonlySet<string> = new Set([
  'npx', 'node', 'yarn', 'pnpm', 'bun', 'make',
  'tsc', 'ts-node', 'tsx', 'nodemon', 'webpack', 'vite', 'rollup', 'esbuild', 'parcel', 'babel', 'swc', 'tsup',
  'ng', 'next', 'nuxt', 'nest', 'astro', 'remix', 'svelte-kit', 'react-scripts', 'vue-cli-service', 'gulp', 'grunt',
  'jest', 'mocha', 'vitest', 'eslint', 'prettier', 'lerna', 'nx', 'turbo', 'electron-builder',
]);
const NPM_RUNS_SCRIPTS = ['run', 'run-script', 'rum', 'urn', 'test', 'tst', 't', 'start', 'restart', 'stop', 'exec', 'x', 'rebuild', 'rb', 'explore', 'pack', 'publish', 'install-test', 'it', 'install-ci-test', 'cit'];

/**
 * The command may need the devDependencies: an npm script or `npx`, a build or test tool, `node` itself,
 * another package manager, `make`, or a shell given a script to run (`sh -c …`), which cannot be read.
 */
export function mayUseDevDependencies(cmd: ShellCommand): boolean {
  const name = cmd.name;
  if (name === null) return cmd.nameWord !== null;
  if (DEV_TOOLS.has(name)) return true;
  if (['sh', 'bash', 'dash', 'ash', 'zsh'].includes(name) && cmd.args.some((a) => a.value === '-c' || a.value === null)) return true;
  if (name !== 'npm') return false;
  const sub = subcommand(cmd, NPM_OPTIONS_WITH_VALUE);
  return sub !== null && NPM_RUNS_SCRIPTS.includes(sub.word.value ?? '');
}
