/**
 * The layer walk's view of package tools: the caches apt, apk, dnf/yum, pip and npm fill and clean, which
 * packages each instruction installed and which later command removes them, and which commands only clean up.
 * Commands and options come from the package-manager table (`packageManagers.ts`) and the pip/npm helpers.
 */
import { hasOption, operands, optionValues, subcommand } from './commands.js';
import { envFor, isNpmSubcommand, npmInstall, npmPackageOperands } from './languages.js';
import { pipCommand, pipEnvName, pipNoCacheDirFlag, pipNoCacheSetting, PIP_ALL_OPTIONS_WITH_VALUE, PIP_OPTIONS_WITH_VALUE } from './pip.js';
import type { Inst } from './model.js';
import { callLabel, packageCall, packageOperands, removesPackages, type PackageCall } from './packages.js';
import type { ShellCommand, ShellWord } from './shell.js';
import { distinct, type CacheId, type PackageDb, type RunContext, type Walk } from './layerWalk.js';

/**
 * Handles a command of a RUN that is a package-manager, pip or npm call: the caches it fills or cleans, the
 * packages it installs or removes. False when the command is none of these.
 */
export function packageStep(ctx: RunContext, cmd: ShellCommand): boolean {
  const call = packageCall(cmd);
  if (call) return systemPackageStep(ctx, call);
  const pip = pipCommand(cmd);
  if (pip) return pipStep(ctx, cmd, pip);
  if (cmd.name === 'npm') return npmStep(ctx, cmd);
  return false;
}

/** The cache a dnf-family or yum command fills, as the walk names it (dnf itself, else the yum cache). */
function rpmCacheId(name: string): 'dnf' | 'yum' {
  return name === 'dnf' || name === 'dnf5' || name === 'dnf-3' ? 'dnf' : 'yum';
}

function systemPackageStep(ctx: RunContext, call: PackageCall): boolean {
  const { w, inst } = ctx;
  const { cmd, action } = call;
  const name = cmd.name!;
  const end = call.verb.end;
  switch (call.manager) {
    case 'apt':
      if (action === 'update') ctx.produceCache('apt-lists', '/var/lib/apt/lists', `\`${name} update\``);
      else if (action === 'install') installPackages(w, 'apt', packageOperands(call), aptName, inst);
      else if (action === 'purge' || action === 'remove') removePackages(ctx, 'apt', cmd, packageOperands(call), aptName, end);
      else if (action === 'dist-clean') ctx.cleanCache(cmd, 'apt-lists', end);
      else return false;
      return true;
    case 'apk':
      if (action === 'add' || action === 'update' || action === 'upgrade') {
        if (action === 'update' || !hasOption(cmd, ['--no-cache'])) ctx.produceCache('apk', '/var/cache/apk', `\`apk ${action}\``);
        if (action === 'add') {
          installPackages(w, 'apk', packageOperands(call), apkName, inst);
          for (const v of optionValues(cmd, ['-t', '--virtual'])) installPackages(w, 'apk', [{ text: v, value: v, start: 0, end: 0 }], apkName, inst);
        }
      } else if (action === 'del') removePackages(ctx, 'apk', cmd, packageOperands(call), apkName, end);
      else if (call.sub.value === 'cache' && (action === 'clean' || action === 'purge')) ctx.cleanCache(cmd, 'apk', call.sub.end);
      else return false;
      return true;
    case 'dnf':
    case 'tdnf':
    case 'yum':
      if (action === 'install' || action === 'reinstall' || action === 'upgrade' || action === 'makecache') {
        const id = rpmCacheId(name);
        ctx.produceCache(id, `/var/cache/${id}`, `\`${callLabel(call)}\``);
        if (action === 'install' || action === 'reinstall') installPackages(w, 'rpm', packageOperands(call), (v) => (v.includes('$') || v.includes('/') ? null : v), inst);
      } else if (action === 'remove' || action === 'erase') removePackages(ctx, 'rpm', cmd, packageOperands(call), (v) => (v.includes('$') ? null : v), end);
      else if (action === 'clean') ctx.cleanCache(cmd, rpmCacheId(name), end);
      else return false;
      return true;
    default:
      return false;
  }
}

function pipStep(ctx: RunContext, cmd: ShellCommand, pip: ShellCommand): boolean {
  // `ctx.env` is read only where the options leave the question open (the timeline reads an ENV's values when first asked).
  const { w, inst } = ctx;
  const sub = subcommand(pip, PIP_OPTIONS_WITH_VALUE);
  if (!sub) return false;
  switch (sub.word.value) {
    case 'install': {
      // Read as pip-cache-kept reads it: `--no-cache` and other abbreviations, `--no-index`, PIP_NO_CACHE_DIR.
      const noCache =
        pipNoCacheDirFlag(pip) !== null ||
        hasOption(pip, ['--no-index']) ||
        pipNoCacheSetting(envFor(inst, cmd, pipEnvName('no-cache-dir'))) !== 'unset' ||
        cmd.assignments.some((a) => a.name === 'PIP_NO_CACHE_DIR') ||
        ctx.env.has('PIP_CACHE_DIR');
      if (!noCache && w.home) ctx.produceCache('pip', `${w.home}/.cache/pip`, '`pip install`');
      installPackages(w, 'pip', operands(pip, PIP_ALL_OPTIONS_WITH_VALUE), normalizePipName, inst);
      return true;
    }
    case 'uninstall':
      removePackages(ctx, 'pip', cmd, operands(pip, PIP_ALL_OPTIONS_WITH_VALUE), normalizePipName, sub.word.end);
      return true;
    case 'cache':
      if (!['purge', 'remove'].includes(operands(pip, PIP_ALL_OPTIONS_WITH_VALUE)[0]?.value ?? '')) return false;
      ctx.cleanCache(cmd, 'pip', sub.word.end);
      return true;
    default:
      return false;
  }
}

function npmStep(ctx: RunContext, cmd: ShellCommand): boolean {
  const { w, inst } = ctx;
  const install = npmInstall(cmd);
  const word = install?.word ?? (isNpmSubcommand(cmd, 'update') ?? null);
  if (word) {
    const env = ctx.env;
    const by = `\`npm ${word.value}\``;
    if (w.home && !env.has('npm_config_cache') && !env.has('NPM_CONFIG_CACHE') && !hasOption(cmd, ['--cache'])) ctx.produceCache('npm' satisfies CacheId, `${w.home}/.npm`, by);
    const prodOnly = hasOption(cmd, ['--production', '--only', '--omit']) || env.get('NODE_ENV') === 'production' || cmd.assignments.some((a) => a.name === 'NODE_ENV' && a.value === 'production');
    if (install && (install.kind === 'ci' || npmPackageOperands(cmd, install.word).length === 0)) w.devDependencies = prodOnly ? null : { inst, by };
    return true;
  }
  const prune = isNpmSubcommand(cmd, 'prune');
  if (prune && (hasOption(cmd, ['--production']) || optionValues(cmd, ['--omit']).includes('dev'))) {
    const dev = w.devDependencies;
    w.devDependencies = null;
    if (dev && dev.inst !== inst) ctx.report({ cmd, start: cmd.nameWord!.start, end: prune.end, kind: 'prune', names: [], more: 0, source: dev.inst, sources: [dev.inst], creations: [] });
    return true;
  }
  const cache = isNpmSubcommand(cmd, 'cache');
  if (cache && ['clean', 'rm', 'clear'].includes(operands(cmd)[0]?.value ?? '')) {
    ctx.cleanCache(cmd, 'npm', cache.end);
    return true;
  }
  return false;
}

export function normalizePipName(v: string): string | null {
  if (v.includes('/') || v.startsWith('.') || v.includes('$')) return null;
  const name = v.split(/[<>=!~;[ @]/)[0]!.trim();
  return name ? name.toLowerCase().replace(/[-_.]+/g, '-') : null;
}

export function aptName(v: string): string | null {
  if (v.startsWith('.') || v.startsWith('/') || v.includes('$')) return null;
  return v.split(/[=:/]/)[0]!.toLowerCase() || null;
}

export function apkName(v: string): string | null {
  if (v.startsWith('.') && !/^\.[\w-]+$/.test(v)) return null;
  if (v.startsWith('/') || v.includes('$')) return null;
  return v.split(/[=<>~]/)[0]!.toLowerCase() || null;
}

function installPackages(w: Walk, manager: PackageDb, words: ShellWord[], name: (v: string) => string | null, inst: Inst): void {
  let map = w.packages.get(manager);
  if (!map) w.packages.set(manager, (map = new Map()));
  for (const word of words) {
    const n = word.value === null ? null : name(word.value);
    if (n) map.set(n, inst.index);
  }
}

/** Forgets packages a command removes; reports them when an earlier instruction installed them (`end`: end of the words at fault). */
function removePackages(ctx: RunContext, manager: PackageDb, cmd: ShellCommand, words: ShellWord[], name: (v: string) => string | null, end: number): void {
  const { w, inst } = ctx;
  const map = w.packages.get(manager);
  if (!map) return;
  const found: { pkg: string; source: Inst }[] = [];
  for (const word of words) {
    const n = word.value === null ? null : name(word.value);
    const source = n ? map.get(n) : undefined;
    if (!n || source === undefined) continue;
    map.delete(n);
    if (source !== inst.index) found.push({ pkg: n, source: w.model.instructions[source]! });
  }
  if (found.length === 0) return;
  const latest = found.reduce((a, b) => (b.source.index > a.source.index ? b : a));
  const names = found.map((f) => f.pkg);
  ctx.report({
    cmd,
    start: cmd.nameWord!.start,
    end,
    kind: 'package',
    names: names.length <= 3 ? names : names.slice(0, 2),
    more: names.length <= 3 ? 0 : names.length - 2,
    source: latest.source,
    sources: distinct(found.map((f) => f.source)),
    creations: [],
  });
}

/** Actions besides removals that only clean up (apt, dnf and yum). */
const CLEANUP_ACTIONS = new Set(['clean', 'autoclean', 'dist-clean']);

/** Commands that only remove files, packages or caches: what may move into an earlier RUN. */
export function isCleanupCommand(cmd: ShellCommand): boolean {
  if (!cmd.name) return false;
  if (cmd.name === 'rm') return true;
  const call = packageCall(cmd);
  if (call) {
    if (call.manager === 'apk') return call.sub.value === 'del' || call.sub.value === 'cache';
    return call.manager !== 'zypper' && (removesPackages(call) || CLEANUP_ACTIONS.has(call.action));
  }
  const pip = pipCommand(cmd);
  if (pip) return ['uninstall', 'cache'].includes(subcommand(pip, PIP_OPTIONS_WITH_VALUE)?.word.value ?? '');
  return isNpmSubcommand(cmd, 'prune') !== null || isNpmSubcommand(cmd, 'cache') !== null;
}
