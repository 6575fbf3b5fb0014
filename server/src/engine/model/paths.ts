/**
 * Paths as RUN commands and COPY/ADD name them: normalizing, resolving against a working directory and `~`,
 * comparing a removed path (or glob) with a created one, and the archive names ADD and `tar` deal with.
 */
import type { ShellCommand, ShellWord } from './shell.js';

/** Directories every image has or that hold far more than one instruction's files: never "created". */
export const SYSTEM_DIRS = new Set([
  '/', '/bin', '/boot', '/dev', '/etc', '/home', '/lib', '/lib64', '/media', '/mnt', '/opt', '/proc', '/root', '/run',
  '/sbin', '/srv', '/sys', '/tmp', '/usr', '/usr/bin', '/usr/lib', '/usr/lib64', '/usr/include', '/usr/local',
  '/usr/local/bin', '/usr/local/lib', '/usr/local/include', '/usr/local/sbin', '/usr/local/share', '/usr/local/src',
  '/usr/sbin', '/usr/share', '/usr/src', '/var', '/var/cache', '/var/lib', '/var/log', '/var/tmp', '/var/www',
]);

/** `/a/./b//c/../d/` → `/a/b/d`; null for a relative path or one that climbs above `/`. */
export function normalizePath(path: string): string | null {
  if (!path.startsWith('/')) return null;
  // Most paths are in normal form already (what the loop below would give back): no copy.
  if (isNormalPath(path)) return path;
  const out: string[] = [];
  for (const seg of path.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length === 0) return null;
      out.pop();
    } else out.push(seg);
  }
  return `/${out.join('/')}`;
}

/** An absolute path with no empty, `.` or `..` segment and no trailing `/` (but `/` itself): `normalizePath` gives it back as it is. */
function isNormalPath(path: string): boolean {
  const n = path.length;
  for (let i = 0; i < n; i++) {
    if (path.charCodeAt(i) !== 47 /* / */) continue;
    if (i + 1 === n) return n === 1;
    const a = path.charCodeAt(i + 1);
    if (a === 47) return false;
    if (a !== 46 /* . */) continue;
    // `/.` or `/..` followed by `/` or the end.
    const b = i + 2 < n ? path.charCodeAt(i + 2) : 47;
    if (b === 47 || (b === 46 && (i + 3 === n || path.charCodeAt(i + 3) === 47))) return false;
  }
  return true;
}

/** An absolute path for a word as the shell would see it from `cwd` with `home` as `~`; null when unknown. */
export function resolvePath(path: string, cwd: string | null, home: string | null): string | null {
  if (path === '~' || path.startsWith('~/')) return home ? normalizePath(home + path.slice(1)) : null;
  if (path.startsWith('/')) return normalizePath(path);
  if (path.startsWith('~') || cwd === null) return null;
  return normalizePath(`${cwd}/${path}`);
}

const globs = new Map<string, RegExp>();

function globSegment(seg: string): RegExp {
  let compiled = globs.get(seg);
  if (!compiled) {
    compiled = compileGlobSegment(seg);
    if (globs.size >= 500) globs.clear();
    globs.set(seg, compiled);
  }
  return compiled;
}

function compileGlobSegment(seg: string): RegExp {
  let re = '';
  for (let i = 0; i < seg.length; i++) {
    const ch = seg[i]!;
    if (ch === '*') re += '[^/]*';
    else if (ch === '?') re += '[^/]';
    else if (ch === '[') {
      const close = seg.indexOf(']', i + 2);
      if (close < 0) re += '\\[';
      else {
        re += `[${seg.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = close;
      }
    } else re += ch.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/**
 * How a removed path (possibly a glob) relates to a created one: `covers` when it removes the created path
 * or a directory above it, `inside` when it removes something under it, null when they do not meet.
 */
export function pathRelation(removed: string, glob: boolean, created: string): 'covers' | 'inside' | null {
  // Two plain absolute paths in normal form (what resolvePath gives): compare them as strings.
  if (!glob && isPlainAbsolute(removed) && isPlainAbsolute(created)) {
    if (removed === '/' || created === removed || created.startsWith(`${removed}/`)) return 'covers';
    return created === '/' || removed.startsWith(`${created}/`) ? 'inside' : null;
  }
  const r = removed.split('/').filter(Boolean);
  const c = created.split('/').filter(Boolean);
  const n = Math.min(r.length, c.length);
  for (let i = 0; i < n; i++) {
    const ok = glob ? globSegment(r[i]!).test(c[i]!) : r[i] === c[i];
    if (!ok) return null;
  }
  if (r.length <= c.length) return 'covers';
  // `rm -rf dir/*` empties the directory.
  return r.length === c.length + 1 && glob && r[r.length - 1] === '*' ? 'covers' : 'inside';
}

/** `/a/b` or `/`: absolute, no empty segment, no trailing slash (`.`/`..` segments are compared as names either way). */
function isPlainAbsolute(path: string): boolean {
  return path.startsWith('/') && (path.length === 1 || (!path.endsWith('/') && !path.includes('//')));
}

/** Whether a word has glob characters outside quotes. */
export function hasGlob(word: ShellWord): boolean {
  // Most words have none of the characters at all: no copy without their quoted parts then.
  return /[*?[]/.test(word.text) && /[*?[]/.test(word.text.replace(/'[^']*'|"(?:[^"\\]|\\.)*"/g, ''));
}

/** The word's static value, with `$HOME`/`${HOME}` at its start read as `home`. */
export function wordPath(word: ShellWord, home: string | null): string | null {
  if (word.value !== null) return word.value;
  const m = /^"?\$(?:HOME|\{HOME\})(\/[^"$`\\]*)?"?$/.exec(word.text);
  return m && home ? home + (m[1] ?? '') : null;
}

const NO_OPTIONS: ReadonlySet<string> = new Set();

/** Arguments of a command that are not options (nor values of the options listed). */
export function plainOperands(cmd: ShellCommand, withValue: ReadonlySet<string> = NO_OPTIONS): ShellWord[] {
  const out: ShellWord[] = [];
  let options = true;
  for (let i = 0; i < cmd.args.length; i++) {
    const w = cmd.args[i]!;
    const v = w.value;
    if (options && v === '--') {
      options = false;
      continue;
    }
    if (options && v !== null && v.startsWith('-') && v.length > 1) {
      if (withValue.has(v)) i++;
      continue;
    }
    out.push(w);
  }
  return out;
}

export function urlBasename(url: string): string | null {
  const path = url.replace(/[?#].*$/, '').replace(/^[a-z]+:\/\/[^/]*/i, '');
  const base = path.slice(path.lastIndexOf('/') + 1);
  return base === '' || base.includes('$') ? null : base;
}

const TAR_ARCHIVE = /\.(tar|tar\.(gz|bz2|xz|zst|lz|lzma|z)|tgz|tbz2?|txz|tzst)$/i;
/** A file name that ADD unpacks when the file is local (tar, possibly compressed). */
export function isTarName(name: string): boolean {
  return TAR_ARCHIVE.test(name);
}
/** A file name of an archive: tarballs and zip files. */
export function isArchiveName(name: string): boolean {
  return TAR_ARCHIVE.test(name) || /\.zip$/i.test(name);
}

/**
 * The working directory each of `commands` runs in: `start`, changed by the `cd` and `pushd` among them (to
 * null, unknown, after one whose target is missing, dynamic or `~`). The caller picks the commands: only
 * those of the top level when a `cd` in a subshell should not count.
 */
export function commandDirs(commands: readonly ShellCommand[], start: string | null): Map<ShellCommand, string | null> {
  const out = new Map<ShellCommand, string | null>();
  let cwd = start;
  for (const cmd of commands) {
    out.set(cmd, cwd);
    if (cmd.name !== 'cd' && cmd.name !== 'pushd') continue;
    const target = cmd.args.find((a) => a.value === null || !a.value.startsWith('-'));
    cwd = target?.value ? resolvePath(target.value, cwd, null) : null;
  }
  return out;
}
