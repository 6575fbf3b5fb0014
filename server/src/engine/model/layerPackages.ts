/**
 * The layer walk's view of package managers: which packages each instruction installed (apt, apk, rpm, pip)
 * and which later command removes them, and which commands only clean up.
 */
import { isCommand, subcommand } from './commands.js';
import type { Inst } from './model.js';
import type { ShellCommand, ShellWord } from './shell.js';
import { distinct, type LaterRemoval, type PackageManager, type Walk } from './layerWalk.js';

export const APT = ['apt-get', 'apt'];
export const APT_WITH_VALUE = new Set(['-o', '--option', '-c', '--config-file', '-t', '--target-release', '--default-release']);
export const APK_WITH_VALUE = new Set(['-X', '--repository', '-t', '--virtual', '-p', '--root', '--arch', '--cache-dir', '--keys-dir', '--repositories-file']);
export const RPM_TOOLS = ['yum', 'dnf', 'microdnf', 'tdnf'];
export const RPM_WITH_VALUE = new Set(['-c', '--config', '--installroot', '--releasever', '-x', '--exclude', '--setopt', '--enablerepo', '--disablerepo', '--repo', '--repoid']);
export const PIP_WITH_VALUE = new Set([
  '-r', '--requirement', '-c', '--constraint', '-e', '--editable', '-i', '--index-url', '--extra-index-url', '-f', '--find-links',
  '-t', '--target', '--prefix', '--root', '--cache-dir', '--platform', '--python-version', '--implementation', '--abi',
  '--progress-bar', '--trusted-host', '--proxy', '--timeout', '--retries', '--src', '--upgrade-strategy', '--log',
  '--global-option', '--config-settings', '-C', '--report', '--python',
]);
export const NPM_INSTALL = ['install', 'i', 'ci', 'add', 'update'];
export const GIT_CLONE_WITH_VALUE = new Set(['-b', '--branch', '--depth', '-c', '--config', '-o', '--origin', '--reference', '--separate-git-dir', '-j', '--jobs', '--filter', '--shallow-since', '--shallow-exclude', '-u', '--upload-pack', '--template']);

/** The words after `pip` for `pip …`, `pip3 …`, `python -m pip …`; null for other commands. */
function pipArgs(cmd: ShellCommand): ShellWord[] | null {
  if (!cmd.name) return null;
  if (/^pip[0-9.]*$/.test(cmd.name)) return cmd.args;
  if (/^python[0-9.]*$/.test(cmd.name) && cmd.args[0]?.value === '-m' && cmd.args[1]?.value === 'pip') return cmd.args.slice(2);
  return null;
}

export function pipCommand(cmd: ShellCommand): ShellCommand | null {
  const args = pipArgs(cmd);
  return args ? { ...cmd, args } : null;
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

export function installPackages(w: Walk, manager: PackageManager, words: ShellWord[], name: (v: string) => string | null, inst: Inst): void {
  let map = w.packages.get(manager);
  if (!map) w.packages.set(manager, (map = new Map()));
  for (const word of words) {
    const n = word.value === null ? null : name(word.value);
    if (n) map.set(n, inst);
  }
}

export function removePackages(
  w: Walk,
  manager: PackageManager,
  cmd: ShellCommand,
  words: ShellWord[],
  name: (v: string) => string | null,
  inst: Inst,
  report: (r: Omit<LaterRemoval, 'inst'>) => void,
  withValue: ReadonlySet<string>,
  view: ShellCommand = cmd,
): void {
  const map = w.packages.get(manager);
  if (!map) return;
  const found: { pkg: string; source: Inst }[] = [];
  for (const word of words) {
    const n = word.value === null ? null : name(word.value);
    const source = n ? map.get(n) : undefined;
    if (!n || !source) continue;
    map.delete(n);
    if (source !== inst) found.push({ pkg: n, source });
  }
  if (found.length === 0) return;
  const latest = found.reduce((a, b) => (b.source.index > a.source.index ? b : a));
  const names = found.map((f) => `\`${f.pkg}\``);
  report({
    cmd,
    start: cmd.nameWord!.start,
    end: subcommand(view, withValue)!.word.end,
    kind: 'package',
    subject: names.length <= 3 ? listWords(names) : `${names.slice(0, 2).join(', ')} and ${names.length - 2} more`,
    source: latest.source,
    verb: 'installed by',
    sources: distinct(found.map((f) => f.source)),
    creations: [],
  });
}

function listWords(items: string[]): string {
  if (items.length <= 2) return items.join(' and ');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Commands that only remove files, packages or caches: what may move into an earlier RUN. */
export function isCleanupCommand(cmd: ShellCommand): boolean {
  if (!cmd.name) return false;
  if (cmd.name === 'rm') return true;
  if (isCommand(cmd, APT, ['clean', 'autoclean', 'autoremove', 'purge', 'remove', 'dist-clean'], APT_WITH_VALUE)) return true;
  if (isCommand(cmd, 'apk', ['del', 'cache'], APK_WITH_VALUE)) return true;
  if (isCommand(cmd, RPM_TOOLS, ['clean', 'remove', 'erase', 'autoremove'], RPM_WITH_VALUE)) return true;
  const pip = pipCommand(cmd);
  if (pip && isCommand(pip, pip.name!, ['uninstall', 'cache'], PIP_WITH_VALUE)) return true;
  return isCommand(cmd, 'npm', ['prune', 'cache']);
}
