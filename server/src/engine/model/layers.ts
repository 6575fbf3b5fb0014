/**
 * Helpers for the layer rules: which instructions run one after the other, what a shell script leaves
 * behind for the commands that follow it in the same shell, and which files each instruction of a stage
 * writes (so that a later removal can name the instruction whose layer keeps the bytes).
 */
import { parseImageRef } from '../catalog/imageRef.js';
import { lookupImage } from '../catalog/images.js';
import { hasOption, isCommand, operands, optionValues, subcommand } from './commands.js';
import { envFor, pipEnvName, pipNoCacheDirFlag, pipNoCacheSetting } from './languages.js';
import { envAt, jsonStrings, substituteArgs, type DockerfileModel, type Inst, type RunInfo, type Stage } from './model.js';
import { logicalShellText, type ShellCommand, type ShellScript, type ShellWord } from './shell.js';

// ---------------------------------------------------------------------------------------------------------
// Instruction order

/**
 * The instructions of a stage in the order a build runs them, one entry per instruction: an ONBUILD
 * instruction is represented by its trigger (marked with `onbuild`).
 */
export function buildSequence(stage: Stage): Inst[] {
  const out: Inst[] = [];
  const list = stage.instructions;
  for (let i = 0; i < list.length; i++) {
    const inst = list[i]!;
    const next = list[i + 1];
    if (inst.keyword === 'ONBUILD' && !inst.onbuild && next?.onbuild === inst.node) continue;
    out.push(inst);
  }
  return out;
}

/** Where the instruction starts in the document: for an ONBUILD trigger, at the ONBUILD keyword. */
export function outerStart(model: DockerfileModel, inst: Inst): number {
  return inst.onbuild ? model.lines.offsetAt(inst.onbuild.getRange().start) : inst.start;
}

/** The instruction's keyword as written (a trigger's own keyword, after ONBUILD). */
export function keywordSpan(model: DockerfileModel, inst: Inst): { start: number; end: number } {
  const r = inst.node.getInstructionRange();
  return { start: model.lines.offsetAt(r.start), end: model.lines.offsetAt(r.end) };
}

/**
 * The lines strictly between two instructions, when every one of them is blank or a comment: the
 * comment lines (as written), else null. Text after `a` on its last line or before `b` on its first line
 * also makes it null.
 */
export function linesBetween(model: DockerfileModel, aEnd: number, bStart: number): string[] | null {
  const { lines, text } = model;
  const aLine = lines.positionAt(aEnd).line;
  const bLine = lines.positionAt(bStart).line;
  if (bLine <= aLine) return null;
  if (text.slice(aEnd, lines.lineEndOffset(aLine)).trim() !== '') return null;
  if (text.slice(lines.starts[bLine]!, bStart).trim() !== '') return null;
  const comments: string[] = [];
  for (let l = aLine + 1; l < bLine; l++) {
    const t = lines.lineText(l);
    if (t.trim() === '') continue;
    if (!t.trimStart().startsWith('#')) return null;
    comments.push(t);
  }
  return comments;
}

/**
 * The offsets that delete an instruction's whole lines, line break included (the one after it, or the one
 * before it on the last line of the file). Null when other text shares its first or last line.
 */
export function wholeLinesSpan(model: DockerfileModel, inst: Inst): { start: number; end: number } | null {
  const { lines, text } = model;
  const start = outerStart(model, inst);
  const first = lines.positionAt(start).line;
  const last = lines.positionAt(inst.end).line;
  if (text.slice(lines.starts[first]!, start).trim() !== '') return null;
  if (text.slice(inst.end, lines.lineEndOffset(last)).trim() !== '') return null;
  const next = lines.starts[last + 1];
  if (next !== undefined) return { start: lines.starts[first]!, end: next };
  if (first === 0) return { start: 0, end: text.length };
  return { start: lines.lineEndOffset(first - 1), end: text.length };
}

// ---------------------------------------------------------------------------------------------------------
// What a script leaves for the commands after it in the same shell

/** Builtins whose effect outlives the command: later commands of the same shell see it. */
const STATE_BUILTINS = new Set([
  '.', 'source', 'cd', 'pushd', 'popd', 'export', 'set', 'unset', 'umask', 'ulimit', 'shopt', 'trap', 'alias',
  'unalias', 'readonly', 'declare', 'typeset', 'local', 'eval', 'read', 'mapfile', 'readarray', 'getopts', 'let',
  'hash', 'enable', 'builtin', 'shift', 'setopt', 'emulate',
]);
/** Statement types that assign variables or define functions. */
const STATE_STATEMENTS = new Set([
  'declaration_command', 'unset_command', 'variable_assignment', 'variable_assignments', 'function_definition',
  'for_statement', 'c_style_for_statement', 'select_statement',
]);
/** Shell keywords and assignments that may hide in compound statements the command list does not show. */
const HIDDEN_STATE = /(^|[\s;&|(){}!])(export|declare|typeset|local|readonly|unset|function|for|select)(?=[\s;&|()]|$)|(^|[\s;&|(){}!])[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=|\(\(/;
/** Parameter expansions that assign (`${x:=v}`) and arithmetic that assigns (`$((i+=1))`, `$((i++))`). */
const EXPANSION_ASSIGNS = /\$\{#?[A-Za-z_][A-Za-z0-9_]*:?=|\$\(\((?:[^)]|\)(?!\)))*?(?:[^=!<>]=(?!=)|\+\+|--)/;

export interface ShellEffects {
  /** What changes the shell's own state (directory, variables, options, traps, functions…), or null. */
  state: string | null;
  /** A job is left running in the background. */
  background: boolean;
  /** What may end the shell before later commands run (`exit`, `return`, `exec cmd`), or null. */
  ends: string | null;
}

/**
 * What running this script leaves behind for commands that would follow it in the same shell. Errs on
 * the side of reporting an effect: anything it cannot read counts as one.
 */
export function shellEffects(model: DockerfileModel, run: RunInfo): ShellEffects {
  const script = run.script!;
  const { text } = model;
  const logical = logicalBody(model, run);
  const out: ShellEffects = { state: null, background: false, ends: null };
  const setState = (what: string): void => {
    if (out.state === null) out.state = what;
  };
  const subshells = script.statements.filter((s) => s.type === 'subshell');
  const contained = (c: ShellCommand): boolean => subshells.some((s) => c.start >= s.start && c.end <= s.end);

  for (const s of script.statements) {
    if (s.after === '&') out.background = true;
    if (STATE_STATEMENTS.has(s.type)) setState(`\`${firstWord(text.slice(s.start, s.end))}\``);
    const inner = script.commands.filter((c) => !c.nested && c.start >= s.start && c.end <= s.end);
    const uncovered = blankSpans(logical(s.start, s.end), inner.map((c) => ({ start: c.start - s.start, end: c.end - s.start })));
    const bare = stripQuoted(uncovered);
    if (/(^|[^&>|<])&(?![&>])/.test(bare)) out.background = true;
    if (s.type !== 'subshell' && HIDDEN_STATE.test(bare)) setState('a variable assignment or declaration');
    if (EXPANSION_ASSIGNS.test(stripSingleQuoted(logical(s.start, s.end)))) setState('an assignment inside an expansion');
  }
  for (const c of script.commands) {
    if (c.nested || contained(c)) continue;
    const prefix = c.nameWord ? text.slice(c.start, c.nameWord.start) : '';
    if (c.nameWord && /(^|\s)exec[ \t\r\n]|(^|\s)exec$/.test(prefix) && c.name !== 'exec') out.ends ??= '`exec`';
    if (c.name === null) {
      setState('a command whose name is computed');
      continue;
    }
    if (c.name === 'exit' || c.name === 'return') out.ends ??= `\`${c.name}\``;
    else if (c.name === 'exec') setState('`exec`');
    else if (STATE_BUILTINS.has(c.name)) setState(`\`${c.name}\``);
    else if (c.name === 'printf' && c.args.some((a) => a.value === '-v')) setState('`printf -v`');
  }
  return out;
}

/** Special variables whose value differs between a fresh shell and one that already ran commands. */
const SHELL_HISTORY_VARS = /\$(?:\{(?:_|LINENO|SECONDS|BASH_COMMAND)\}|(?:_|LINENO|SECONDS|BASH_COMMAND)(?![A-Za-z0-9_]))/;

/** The script reads a variable that depends on what the shell ran before (`$_`, `$LINENO`, `$SECONDS`). */
export function readsShellHistory(model: DockerfileModel, run: RunInfo): boolean {
  const script = run.script!;
  return SHELL_HISTORY_VARS.test(stripSingleQuoted(model.text.slice(script.codeStart, script.codeEnd)));
}

/**
 * Commands found on PATH whose location is fixed by the base system: the shell's memory of where it found
 * them (its hash table) cannot go stale because an earlier command installed a newer copy elsewhere.
 */
const FIXED_PATH_COMMANDS = new Set([
  'apt-get', 'apt', 'apt-cache', 'apt-mark', 'apt-key', 'dpkg', 'dpkg-reconfigure', 'apk', 'yum', 'dnf', 'microdnf',
  'rpm', 'zypper', 'rm', 'rmdir', 'mkdir', 'ln', 'cp', 'mv', 'chmod', 'chown', 'chgrp', 'touch', 'cat', 'sed', 'grep',
  'find', 'xargs', 'tar', 'gzip', 'gunzip', 'install', 'useradd', 'groupadd', 'usermod', 'adduser', 'addgroup',
  'deluser', 'delgroup', 'ls', 'sh', 'bash', 'env', 'mktemp', 'tee', 'sort', 'head', 'tail', 'cut', 'tr', 'wc',
  'sha256sum', 'sha512sum', 'md5sum', 'id', 'locale-gen', 'update-alternatives', 'update-ca-certificates', 'ldconfig',
  'su', 'sync', 'date', 'uname', 'dirname', 'basename', 'readlink', 'realpath', 'stat', 'sleep', 'echo', 'printf',
  'test', '[', 'true', 'false', ':', 'pwd', 'kill', 'command', 'type', 'wait',
]);

/** Names of the commands a script runs through a PATH search that may be cached (see FIXED_PATH_COMMANDS). */
export function pathSearchedCommands(run: RunInfo): Set<string> {
  const out = new Set<string>();
  for (const c of run.script?.commands ?? []) {
    if (!c.name || !c.nameWord || c.nameWord.value === null || c.nameWord.value.includes('/')) continue;
    if (!FIXED_PATH_COMMANDS.has(c.name)) out.add(c.name);
  }
  return out;
}

/**
 * Whether `X && <script>` would not mean "run the script only if X succeeded, with the script's status":
 * several statements, a trailing `&`, or an `||` at the top of a list.
 */
export function needsGrouping(model: DockerfileModel, run: RunInfo): boolean {
  const script = run.script!;
  const statements = script.statements;
  if (statements.length !== 1) return true;
  const s = statements[0]!;
  if (s.after === '&') return true;
  if (s.type !== 'list') return false;
  const logical = logicalBody(model, run);
  const inner = script.commands.filter((c) => !c.nested && c.start >= s.start && c.end <= s.end);
  for (let i = 1; i < inner.length; i++) {
    if (stripQuoted(logical(inner[i - 1]!.end, inner[i]!.start)).includes('||')) return true;
  }
  return inner.length === 0 && stripQuoted(logical(s.start, s.end)).includes('||');
}

/**
 * Whether the script only chains simple commands (no `if`, loops, groups or subshells): under `set -e`,
 * such a statement behaves the same on either side of `&&`.
 */
export function isFlatChain(model: DockerfileModel, run: RunInfo, s: { start: number; end: number; type: string }): boolean {
  if (!['command', 'pipeline', 'list', 'redirected_statement', 'negated_command'].includes(s.type)) return false;
  const script = run.script!;
  const logical = logicalBody(model, run);
  const inner = script.commands.filter((c) => !c.nested && c.start >= s.start && c.end <= s.end);
  const rest = stripQuoted(blankSpans(logical(s.start, s.end), inner.map((c) => ({ start: c.start - s.start, end: c.end - s.start }))));
  return !/[(){}]|(^|[\s;&|])(if|then|for|while|until|case|do|done|fi|esac)(?=[\s;&|]|$)/.test(rest);
}

/** The shell runs with errexit from the start: `SHELL ["/bin/sh", "-ec"]` and the like. */
export function shellHasErrexit(run: RunInfo): boolean {
  const args = run.shell.slice(1);
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (/^-[a-zA-Z]*e[a-zA-Z]*$/.test(a)) return true;
    if ((a === '-o' || a === '+o') && args[i + 1] === 'errexit') return a === '-o';
  }
  return false;
}

/**
 * Number of commands a RUN chains; declarations and bare assignments count as commands. With `limit`, the
 * count stops as soon as it passes the limit (the answer is then some number above it): a caller that only
 * compares with the limit need not read every statement of a long script.
 */
export function commandCount(model: DockerfileModel, run: RunInfo, limit = Infinity): number {
  const script = run.script;
  if (!script) return 0;
  const logical = logicalBody(model, run);
  let count = script.commands.filter((c) => !c.nested).length;
  for (const s of script.statements) {
    if (count > limit) return count;
    const inner = script.commands.filter((c) => !c.nested && c.start >= s.start && c.end <= s.end);
    const rest = stripQuoted(blankSpans(logical(s.start, s.end), inner.map((c) => ({ start: c.start - s.start, end: c.end - s.start }))));
    count += [...rest.matchAll(/(^|[;&|(){}])\s*(?:(?:export|declare|typeset|local|readonly|unset)(?=\s|$)|[A-Za-z_][A-Za-z0-9_]*\+?=)/g)].length;
  }
  return count;
}

/** Reads document ranges of a RUN's body as the shell saw them (continuations and comment lines blanked). */
function logicalBody(model: DockerfileModel, run: RunInfo): (start: number, end: number) => string {
  let cached: string | null = null;
  return (start, end) => {
    if (run.form !== 'shell') return model.text.slice(start, end).replace(/\r?\n/g, ' ');
    cached ??= logicalShellText(model.text.slice(run.bodyStart, run.bodyEnd), model.escapeChar);
    return cached.slice(start - run.bodyStart, end - run.bodyStart);
  };
}

/** `s` with the characters of each span (clipped to `s`, in any order, overlapping or not) replaced by spaces. */
function blankSpans(s: string, spans: { start: number; end: number }[]): string {
  const cuts = spans
    .map((sp) => [Math.max(0, sp.start), Math.min(s.length, sp.end)] as const)
    .filter(([a, b]) => a < b)
    .sort((x, y) => x[0] - y[0]);
  let out = '';
  let at = 0;
  for (const [a, b] of cuts) {
    if (b <= at) continue;
    const from = Math.max(a, at);
    out += s.slice(at, from) + ' '.repeat(b - from);
    at = b;
  }
  return at === 0 ? s : out + s.slice(at);
}

/** Replaces quoted strings by spaces (keeps lengths). */
function stripQuoted(s: string): string {
  return s.replace(/'[^']*'|"(?:[^"\\]|\\.)*"/g, (m) => ' '.repeat(m.length));
}

function stripSingleQuoted(s: string): string {
  return s.replace(/'[^']*'/g, (m) => ' '.repeat(m.length));
}

function firstWord(s: string): string {
  return /^\S+/.exec(s.trim())?.[0] ?? s.trim();
}

/** The single shell comment at the end of a shell-form script, if any. */
export function trailingComment(script: ShellScript): { start: number; end: number } | null {
  return script.comments.length === 1 ? script.comments[0]! : null;
}

// ---------------------------------------------------------------------------------------------------------
// Paths

/** Directories every image has or that hold far more than one instruction's files: never "created". */
const SYSTEM_DIRS = new Set([
  '/', '/bin', '/boot', '/dev', '/etc', '/home', '/lib', '/lib64', '/media', '/mnt', '/opt', '/proc', '/root', '/run',
  '/sbin', '/srv', '/sys', '/tmp', '/usr', '/usr/bin', '/usr/lib', '/usr/lib64', '/usr/include', '/usr/local',
  '/usr/local/bin', '/usr/local/lib', '/usr/local/include', '/usr/local/sbin', '/usr/local/share', '/usr/local/src',
  '/usr/sbin', '/usr/share', '/usr/src', '/var', '/var/cache', '/var/lib', '/var/log', '/var/tmp', '/var/www',
]);

/** `/a/./b//c/../d/` → `/a/b/d`; null for a relative path or one that climbs above `/`. */
export function normalizePath(path: string): string | null {
  if (!path.startsWith('/')) return null;
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
function hasGlob(word: ShellWord): boolean {
  return /[*?[]/.test(word.text.replace(/'[^']*'|"(?:[^"\\]|\\.)*"/g, ''));
}

/** The word's static value, with `$HOME`/`${HOME}` at its start read as `home`. */
function wordPath(word: ShellWord, home: string | null): string | null {
  if (word.value !== null) return word.value;
  const m = /^"?\$(?:HOME|\{HOME\})(\/[^"$`\\]*)?"?$/.exec(word.text);
  return m && home ? home + (m[1] ?? '') : null;
}

/** Arguments of a command that are not options (nor values of the options listed). */
function plainOperands(cmd: ShellCommand, withValue: ReadonlySet<string> = new Set()): ShellWord[] {
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

function urlBasename(url: string): string | null {
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

// ---------------------------------------------------------------------------------------------------------
// What each instruction writes, and what later instructions remove

export type CacheId = 'apt-lists' | 'apk' | 'yum' | 'dnf' | 'pip' | 'npm';
type PackageManager = 'apt' | 'apk' | 'rpm' | 'pip';

export interface Creation {
  /** Absolute path. */
  path: string;
  /** `file`: just this path; `tree`: this path and what is under it. */
  shape: 'file' | 'tree';
  inst: Inst;
  /** How it came to be, for messages: `downloaded`, `copied in`, `written`… */
  verb: string;
  cache?: { id: CacheId; label: string; by: string };
  /** For ADD: the source was a URL (git or not) or a local archive. */
  add?: { source: string; url: boolean; git: boolean; archive: boolean; unpacked: boolean };
  /** For COPY/ADD of local files: the source as written, relative to the build context (or to `--from`). */
  copied?: { source: string; fromContext: boolean };
  /** A directory `mkdir` made and nothing has filled yet: no bytes at stake. */
  empty: boolean;
  /**
   * A directory an archive was unpacked into (`tar -x -C dir`): it may have held files before, so only a
   * removal of the whole directory surely removes what this instruction wrote, not one of a path inside.
   */
  unknownContents?: boolean;
  /** Paths inside this tree already removed since it was made: removing them again removes nothing it wrote. */
  holes?: string[];
  removed: boolean;
}

/** A command of a RUN that removes what an earlier instruction wrote. */
export interface LaterRemoval {
  inst: Inst & { run: RunInfo };
  cmd: ShellCommand;
  /** The words at fault (document offsets). */
  start: number;
  end: number;
  kind: 'path' | 'cache' | 'package' | 'prune';
  /** What goes, as shown in the message (a path, `the apt lists`, package names). */
  subject: string;
  /** The latest earlier instruction whose layer keeps the bytes, and how it wrote them. */
  source: Inst;
  verb: string;
  /** Every earlier instruction whose layer keeps some of the bytes. */
  sources: Inst[];
  /** The creations it hits (kind path and cache). */
  creations: Creation[];
  /** Those of them it only removes a part of. */
  partly?: Creation[];
  /** Each creation hit with the (absolute) path the command removes. */
  hits?: { creation: Creation; path: string }[];
}

/** A later RUN that unpacks a file an ADD brought in. */
export interface LaterExtraction {
  inst: Inst & { run: RunInfo };
  cmd: ShellCommand;
  creation: Creation;
}

export interface StageLayers {
  removals: LaterRemoval[];
  extractions: LaterExtraction[];
  creations: Creation[];
}

const APT = ['apt-get', 'apt'];
const APT_WITH_VALUE = new Set(['-o', '--option', '-c', '--config-file', '-t', '--target-release', '--default-release']);
const APK_WITH_VALUE = new Set(['-X', '--repository', '-t', '--virtual', '-p', '--root', '--arch', '--cache-dir', '--keys-dir', '--repositories-file']);
const RPM_TOOLS = ['yum', 'dnf', 'microdnf', 'tdnf'];
const RPM_WITH_VALUE = new Set(['-c', '--config', '--installroot', '--releasever', '-x', '--exclude', '--setopt', '--enablerepo', '--disablerepo', '--repo', '--repoid']);
const PIP_WITH_VALUE = new Set([
  '-r', '--requirement', '-c', '--constraint', '-e', '--editable', '-i', '--index-url', '--extra-index-url', '-f', '--find-links',
  '-t', '--target', '--prefix', '--root', '--cache-dir', '--platform', '--python-version', '--implementation', '--abi',
  '--progress-bar', '--trusted-host', '--proxy', '--timeout', '--retries', '--src', '--upgrade-strategy', '--log',
  '--global-option', '--config-settings', '-C', '--report', '--python',
]);
const NPM_INSTALL = ['install', 'i', 'ci', 'add', 'update'];
const GIT_CLONE_WITH_VALUE = new Set(['-b', '--branch', '--depth', '-c', '--config', '-o', '--origin', '--reference', '--separate-git-dir', '-j', '--jobs', '--filter', '--shallow-since', '--shallow-exclude', '-u', '--upload-pack', '--template']);

/** The words after `pip` for `pip …`, `pip3 …`, `python -m pip …`; null for other commands. */
function pipArgs(cmd: ShellCommand): ShellWord[] | null {
  if (!cmd.name) return null;
  if (/^pip[0-9.]*$/.test(cmd.name)) return cmd.args;
  if (/^python[0-9.]*$/.test(cmd.name) && cmd.args[0]?.value === '-m' && cmd.args[1]?.value === 'pip') return cmd.args.slice(2);
  return null;
}

function pipCommand(cmd: ShellCommand): ShellCommand | null {
  const args = pipArgs(cmd);
  return args ? { ...cmd, args } : null;
}

function normalizePipName(v: string): string | null {
  if (v.includes('/') || v.startsWith('.') || v.includes('$')) return null;
  const name = v.split(/[<>=!~;[ @]/)[0]!.trim();
  return name ? name.toLowerCase().replace(/[-_.]+/g, '-') : null;
}

function aptName(v: string): string | null {
  if (v.startsWith('.') || v.startsWith('/') || v.includes('$')) return null;
  return v.split(/[=:/]/)[0]!.toLowerCase() || null;
}

function apkName(v: string): string | null {
  if (v.startsWith('.') && !/^\.[\w-]+$/.test(v)) return null;
  if (v.startsWith('/') || v.includes('$')) return null;
  return v.split(/[=<>~]/)[0]!.toLowerCase() || null;
}

interface Walk {
  model: DockerfileModel;
  cwd: string | null;
  home: string | null;
  /** Every creation so far, in order. */
  creations: Creation[];
  /** The same, indexed for the questions each step asks (so a walk stays linear in the stage's length). */
  index: CreationIndex;
  packages: Map<PackageManager, Map<string, Inst>>;
  devDependencies: { inst: Inst; by: string } | null;
  record: boolean;
  out: StageLayers;
}

/**
 * Follows a stage (and the stages it builds FROM) instruction by instruction and returns, for the
 * stage's own RUNs (ONBUILD triggers included, as if they ran after the stage), each command that
 * removes what an earlier instruction wrote, and each extraction of a file an ADD brought in.
 */
export function stageLayers(model: DockerfileModel, stage: Stage): StageLayers {
  const known = layersCache.get(stage);
  if (known) return known;
  const out: StageLayers = { removals: [], extractions: [], creations: [] };
  // A parent is always an earlier stage, so this walk ends.
  const parent = stage.parent && stage.parent.index < stage.index ? stage.parent : null;
  const last = lastWalk.get(model);
  let walk: Walk;
  if (parent && last && last.stage === parent) {
    // Stages are asked for in order: a chain of stages is walked once, not once per stage.
    walk = cloneWalk(last.walk, out);
  } else {
    const chain: Stage[] = [];
    for (let s = parent, child = stage; s && s.index < child.index; child = s, s = s.parent) chain.unshift(s);
    const root = chain[0] ?? stage;
    walk = {
      model,
      cwd: root.image?.toLowerCase() === 'scratch' ? '/' : null,
      home: '/root',
      creations: out.creations,
      index: new CreationIndex(),
      packages: new Map(),
      devDependencies: null,
      record: false,
      out,
    };
    for (const s of chain) for (const inst of s.instructions) if (!inst.onbuild) step(walk, inst);
  }
  walk.record = true;
  for (const inst of stage.instructions) if (!inst.onbuild) step(walk, inst);
  const triggers = stage.instructions.filter((inst) => inst.onbuild);
  // The walk is kept for a child stage as it stands now; ONBUILD triggers go on from a copy. (Without
  // triggers it changes no more, and the child copies it before going on.)
  lastWalk.set(model, { stage, walk: triggers.length > 0 ? cloneWalk(walk, { removals: [], extractions: [], creations: [] }) : walk });
  for (const inst of triggers) step(walk, inst);
  layersCache.set(stage, out);
  return out;
}

// Two rules read the layers of every shipped stage: each stage's are worked out once per lint.
const layersCache = new WeakMap<Stage, StageLayers>();
/** The walk after the last stage asked for (its own instructions, ONBUILD triggers aside), for its child. */
const lastWalk = new WeakMap<DockerfileModel, { stage: Stage; walk: Walk }>();

/** A copy of a walk that can go on without changing the original; it records into `out`. */
function cloneWalk(w: Walk, out: StageLayers): Walk {
  out.creations = w.creations.map((c) => ({ ...c }));
  const index = new CreationIndex();
  for (const c of out.creations) index.add(c);
  const packages = new Map([...w.packages].map(([manager, names]) => [manager, new Map(names)] as const));
  return { ...w, creations: out.creations, index, packages, record: false, out };
}

function step(w: Walk, inst: Inst): void {
  switch (inst.keyword) {
    case 'WORKDIR': {
      const raw = (inst.node.getArgumentsContent?.() ?? '').trim();
      const value = raw.includes('$') ? substituteEnv(raw, inst) : raw.replace(/^["']|["']$/g, '');
      w.cwd = value === null ? null : resolvePath(value, w.cwd ?? (value.startsWith('/') ? '/' : null), null);
      return;
    }
    case 'USER': {
      const user = (inst.node.getArgumentsContent?.() ?? '').trim().split(':')[0]!;
      w.home = user === 'root' || user === '0' ? '/root' : null;
      return;
    }
    case 'COPY':
    case 'ADD':
      copyStep(w, inst);
      return;
    case 'RUN':
      if (inst.run) runStep(w, inst as Inst & { run: RunInfo });
      return;
    default:
  }
}

function substituteEnv(text: string, inst: Inst): string | null {
  const vars = new Map<string, string | null>(envAt(inst));
  return substituteArgs(text, vars);
}

/** Records what an instruction writes. `c` is a new object that becomes the record (its flags are set here). */
function addCreation(w: Walk, c: Omit<Creation, 'removed' | 'empty'> & { empty?: boolean }): Creation | null {
  if (SYSTEM_DIRS.has(c.path)) return null;
  const creation = c as Creation;
  creation.empty = c.empty ?? false;
  creation.removed = false;
  // Writing under a directory mkdir made fills it.
  for (const d of w.index.madeEmptyBy(c.inst)) if (d.empty && pathRelation(d.path, false, c.path) === 'covers') d.empty = false;
  w.creations.push(creation);
  w.index.add(creation);
  return creation;
}

function copyStep(w: Walk, inst: Inst): void {
  const { model } = w;
  const node = inst.node as unknown as { getOpeningBracket?(): unknown; getClosingBracket?(): unknown; getArguments(): { getValue(): string }[] };
  const json = node.getOpeningBracket?.() && node.getClosingBracket?.();
  let args: string[];
  if (json) args = jsonStrings(model, inst.node as never).map((s) => s.value ?? '$');
  else args = node.getArguments().map((a) => a.getValue());
  if (args.length < 2 || args.some((a) => a.startsWith('<<'))) return;
  const destText = args[args.length - 1]!;
  const sources = args.slice(0, -1);
  const destValue = destText.includes('$') ? substituteEnv(destText, inst) : destText;
  if (destValue === null) return;
  const dest = resolvePath(destValue, w.cwd, null);
  if (!dest) return;
  const destIsDir = destValue.endsWith('/') || sources.length > 1;
  const isAdd = inst.keyword === 'ADD';
  const verb = isAdd ? 'added' : 'copied in';
  for (const src of sources) {
    const url = /^(https?|ftp):\/\//i.test(src);
    const git = /^git@|^git:\/\/|^ssh:\/\//i.test(src) || (url && /\.git(#.*)?$/i.test(src));
    if (isAdd && (url || git)) {
      if (git) {
        addCreation(w, { path: dest, shape: 'tree', inst, verb: 'cloned', add: { source: src, url: true, git: true, archive: false, unpacked: false } });
        continue;
      }
      const base = urlBasename(src);
      const path = destIsDir ? (base ? normalizePath(`${dest}/${base}`) : null) : dest;
      if (path) addCreation(w, { path, shape: 'file', inst, verb: 'downloaded', add: { source: src, url: true, git: false, archive: isArchiveName(base ?? path), unpacked: false } });
      continue;
    }
    if (src.includes('$') || /[*?[]/.test(src)) continue;
    const base = src.replace(/\/+$/, '').split('/').pop() ?? '';
    if (isAdd && isTarName(base)) {
      addCreation(w, { path: dest, shape: 'tree', inst, verb: 'unpacked', add: { source: src, url: false, git: false, archive: true, unpacked: true } });
      continue;
    }
    const contents = src.endsWith('/') || base === '.' || base === '' || base === '..';
    const path = contents || !destIsDir ? dest : normalizePath(`${dest}/${base}`);
    if (!path) continue;
    const zip = isAdd && /\.zip$/i.test(base);
    const fromContext = !(inst.node as unknown as { getFlags(): { getName(): string }[] }).getFlags().some((f) => f.getName().toLowerCase() === 'from');
    // The path the copy's root has in its source: the directory itself for contents, else the named path.
    const source = contents ? src.replace(/\/+$/, '') : src;
    addCreation(w, { path, shape: zip ? 'file' : 'tree', inst, verb, copied: { source, fromContext }, ...(zip ? { add: { source: src, url: false, git: false, archive: true, unpacked: false } } : {}) });
  }
}

function underMount(run: RunInfo, path: string): boolean {
  return run.mounts.some((m) => {
    if (!m.target) return false;
    const t = normalizePath(m.target.startsWith('/') ? m.target : `/${m.target}`);
    return t !== null && pathRelation(t, false, path) === 'covers';
  });
}

const CACHE_LABELS: Record<CacheId, string> = {
  'apt-lists': 'the apt lists',
  apk: 'the apk index cache',
  yum: 'the yum cache',
  dnf: 'the dnf cache',
  pip: 'the pip cache',
  npm: 'the npm cache',
};

function runStep(w: Walk, inst: Inst & { run: RunInfo }): void {
  const { run } = inst;
  const script = run.script;
  if (!script || !run.posix) return;
  const env = envAt(inst);
  let cwd = w.cwd;
  const resolve = (word: ShellWord): string | null => {
    const p = wordPath(word, w.home);
    return p === null ? null : resolvePath(p, cwd, w.home);
  };
  const create = (path: string | null, shape: 'file' | 'tree', verb: string, extra: Partial<Creation> = {}): void => {
    if (path && !underMount(run, path)) addCreation(w, { path, shape, inst, verb, ...extra });
  };
  const produceCache = (id: CacheId, path: string | null, by: string): void => {
    if (path && !underMount(run, path)) addCreation(w, { path, shape: 'tree', inst, verb: 'written', cache: { id, label: CACHE_LABELS[id], by } });
  };
  const report = (removal: Omit<LaterRemoval, 'inst'>): void => {
    if (w.record) w.out.removals.push({ inst, ...removal });
  };
  const cleanCache = (cmd: ShellCommand, id: CacheId, end: number): void => {
    const hits = w.index.liveCaches(id);
    for (const c of hits) c.removed = true;
    const earlier = hits.filter((c) => c.inst !== inst);
    const first = earlier[earlier.length - 1];
    // A RUN that fills the cache again before cleaning it is cleaning up after itself.
    if (hits.some((c) => c.inst === inst)) return;
    if (first) report({ cmd, start: cmd.nameWord!.start, end, kind: 'cache', subject: first.cache!.label, source: first.inst, verb: `written by ${first.cache!.by} in`, sources: distinct(earlier.map((c) => c.inst)), creations: earlier });
  };

  for (const cmd of script.commands) {
    if (cmd.nested || !cmd.name || !cmd.nameWord) continue;
    const name = cmd.name;
    const pip = pipCommand(cmd);
    if (name === 'cd') {
      const target = plainOperands(cmd)[0];
      cwd = target ? resolve(target) : w.home;
      if (cwd) for (const d of w.index.madeEmptyBy(inst)) if (d.empty && pathRelation(d.path, false, cwd) === 'covers') d.empty = false;
    } else if (name === 'rm') {
      removeStep(w, inst, cmd, resolve, report);
    } else if (name === 'mkdir') {
      for (const op of plainOperands(cmd, new Set(['-m', '--mode', '-Z', '--context']))) create(resolve(op), 'tree', 'created', { empty: true });
    } else if (name === 'wget') {
      const url = plainOperands(cmd, new Set(['-O', '-P', '-o', '-a', '-e', '-t', '-T', '-U', '--header', '--user', '--password', '-i'])).find((o) => /^(https?|ftp):\/\//i.test(o.value ?? ''));
      const out = optionValues(cmd, ['-O', '--output-document']);
      const dir = optionValues(cmd, ['-P', '--directory-prefix']);
      const base = url?.value ? urlBasename(url.value) : null;
      if (out.length > 0) {
        if (out[0] !== '-') create(resolvePath(out[0]!, cwd, w.home), 'file', 'downloaded');
      } else if (base) {
        create(resolvePath(dir.length > 0 ? `${dir[0]}/${base}` : base, cwd, w.home), 'file', 'downloaded');
      }
    } else if (name === 'curl') {
      const out = optionValues(cmd, ['-o', '--output']);
      if (out.length > 0) {
        if (out[0] !== '-') create(resolvePath(out[0]!, cwd, w.home), 'file', 'downloaded');
      } else if (cmd.args.some((a) => a.value === '-O' || a.value === '--remote-name' || /^-[a-zA-Z]*O[a-zA-Z]*$/.test(a.value ?? ''))) {
        const url = cmd.args.find((a) => /^(https?|ftp):\/\//i.test(a.value ?? ''));
        const base = url?.value ? urlBasename(url.value) : null;
        if (base) create(resolvePath(base, cwd, w.home), 'file', 'downloaded');
      }
    } else if (name === 'git' && cmd.args[0]?.value === 'clone') {
      const ops = plainOperands({ ...cmd, args: cmd.args.slice(1) }, GIT_CLONE_WITH_VALUE);
      const url = ops[0]?.value;
      if (url) {
        const dir = ops[1] ? resolve(ops[1]) : resolvePath((urlBasename(url) ?? '').replace(/\.git$/, ''), cwd, w.home);
        create(dir, 'tree', 'cloned');
      }
    } else if (name === 'tar' || name === 'bsdtar') {
      const t = tarArgs(cmd);
      if (t.extract) {
        // What else is under the directory is not known to come from the archive.
        if (t.directory) create(resolve(t.directory), 'tree', 'unpacked', { unknownContents: true });
        if (t.archive) extractStep(w, inst, cmd, resolve(t.archive));
      }
    } else if (name === 'unzip') {
      const ops = plainOperands(cmd, new Set(['-d', '-x', '-P']));
      const dir = optionValues(cmd, ['-d']);
      if (dir.length > 0) create(resolvePath(dir[0]!, cwd, w.home), 'tree', 'unpacked', { unknownContents: true });
      if (ops[0]) extractStep(w, inst, cmd, resolve(ops[0]));
    } else if (isCommand(cmd, APT, 'update', APT_WITH_VALUE)) {
      produceCache('apt-lists', '/var/lib/apt/lists', `\`${name} update\``);
    } else if (isCommand(cmd, APT, 'install', APT_WITH_VALUE)) {
      installPackages(w, 'apt', operands(cmd, APT_WITH_VALUE), aptName, inst);
    } else if (isCommand(cmd, APT, ['purge', 'remove'], APT_WITH_VALUE)) {
      removePackages(w, 'apt', cmd, operands(cmd, APT_WITH_VALUE), aptName, inst, report, APT_WITH_VALUE);
    } else if (isCommand(cmd, APT, 'dist-clean', APT_WITH_VALUE)) {
      cleanCache(cmd, 'apt-lists', subcommand(cmd, APT_WITH_VALUE)!.word.end);
    } else if (isCommand(cmd, 'apk', ['add', 'update', 'upgrade'], APK_WITH_VALUE)) {
      const sub = subcommand(cmd, APK_WITH_VALUE)!.word.value;
      if (sub === 'update' || !hasOption(cmd, ['--no-cache'])) produceCache('apk', '/var/cache/apk', `\`apk ${sub}\``);
      if (sub === 'add') {
        installPackages(w, 'apk', operands(cmd, APK_WITH_VALUE), apkName, inst);
        for (const v of optionValues(cmd, ['-t', '--virtual'])) installPackages(w, 'apk', [{ text: v, value: v, start: 0, end: 0 }], apkName, inst);
      }
    } else if (isCommand(cmd, 'apk', 'del', APK_WITH_VALUE)) {
      removePackages(w, 'apk', cmd, operands(cmd, APK_WITH_VALUE), apkName, inst, report, APK_WITH_VALUE);
    } else if (isCommand(cmd, 'apk', 'cache', APK_WITH_VALUE) && ['clean', 'purge'].includes(operands(cmd, APK_WITH_VALUE)[0]?.value ?? '')) {
      cleanCache(cmd, 'apk', subcommand(cmd, APK_WITH_VALUE)!.word.end);
    } else if (isCommand(cmd, RPM_TOOLS, ['install', 'update', 'upgrade', 'groupinstall', 'makecache', 'reinstall', 'localinstall'], RPM_WITH_VALUE)) {
      const id: CacheId = name === 'dnf' ? 'dnf' : 'yum';
      produceCache(id, `/var/cache/${id}`, `\`${name} ${subcommand(cmd, RPM_WITH_VALUE)!.word.value}\``);
      if (isCommand(cmd, RPM_TOOLS, ['install', 'reinstall'], RPM_WITH_VALUE)) installPackages(w, 'rpm', operands(cmd, RPM_WITH_VALUE), (v) => (v.includes('$') || v.includes('/') ? null : v), inst);
    } else if (isCommand(cmd, RPM_TOOLS, ['remove', 'erase'], RPM_WITH_VALUE)) {
      removePackages(w, 'rpm', cmd, operands(cmd, RPM_WITH_VALUE), (v) => (v.includes('$') ? null : v), inst, report, RPM_WITH_VALUE);
    } else if (isCommand(cmd, RPM_TOOLS, 'clean', RPM_WITH_VALUE)) {
      cleanCache(cmd, name === 'dnf' ? 'dnf' : 'yum', subcommand(cmd, RPM_WITH_VALUE)!.word.end);
    } else if (pip && isCommand(pip, pip.name!, 'install', PIP_WITH_VALUE)) {
      // Read as pip-cache-kept reads it: `--no-cache` and other abbreviations, `--no-index`, PIP_NO_CACHE_DIR.
      const noCache =
        pipNoCacheDirFlag(pip) !== null ||
        hasOption(pip, ['--no-index']) ||
        pipNoCacheSetting(envFor(w.model, inst, cmd, pipEnvName('no-cache-dir'))) !== 'unset' ||
        cmd.assignments.some((a) => a.name === 'PIP_NO_CACHE_DIR') ||
        env.has('PIP_CACHE_DIR');
      if (!noCache && w.home) produceCache('pip', `${w.home}/.cache/pip`, '`pip install`');
      installPackages(w, 'pip', operands(pip, PIP_WITH_VALUE), normalizePipName, inst);
    } else if (pip && isCommand(pip, pip.name!, 'uninstall', PIP_WITH_VALUE)) {
      removePackages(w, 'pip', cmd, operands(pip, PIP_WITH_VALUE), normalizePipName, inst, report, PIP_WITH_VALUE, pip);
    } else if (pip && isCommand(pip, pip.name!, 'cache') && ['purge', 'remove'].includes(operands(pip)[0]?.value ?? '')) {
      cleanCache(cmd, 'pip', subcommand(pip)!.word.end);
    } else if (isCommand(cmd, 'npm', NPM_INSTALL)) {
      const sub = subcommand(cmd)!.word.value!;
      if (w.home && !env.has('npm_config_cache') && !env.has('NPM_CONFIG_CACHE') && !hasOption(cmd, ['--cache'])) produceCache('npm', `${w.home}/.npm`, `\`npm ${sub}\``);
      const prodOnly = hasOption(cmd, ['--production', '--only', '--omit']) || env.get('NODE_ENV') === 'production' || cmd.assignments.some((a) => a.name === 'NODE_ENV' && a.value === 'production');
      if ((sub === 'ci' || operands(cmd).length === 0) && sub !== 'update') w.devDependencies = prodOnly ? null : { inst, by: `\`npm ${sub}\`` };
    } else if (isCommand(cmd, 'npm', 'prune') && (hasOption(cmd, ['--production']) || optionValues(cmd, ['--omit']).includes('dev'))) {
      const dev = w.devDependencies;
      w.devDependencies = null;
      if (dev && dev.inst !== inst) report({ cmd, start: cmd.nameWord.start, end: subcommand(cmd)!.word.end, kind: 'prune', subject: 'the dev dependencies', source: dev.inst, verb: `installed by ${dev.by} in`, sources: [dev.inst], creations: [] });
    } else if (isCommand(cmd, 'npm', 'cache') && ['clean', 'rm', 'clear'].includes(operands(cmd)[0]?.value ?? '')) {
      cleanCache(cmd, 'npm', subcommand(cmd)!.word.end);
    }
  }
}

function tarArgs(cmd: ShellCommand): { extract: boolean; archive: ShellWord | null; directory: ShellWord | null } {
  const out = { extract: false, archive: null as ShellWord | null, directory: null as ShellWord | null };
  const args = cmd.args;
  let i = 0;
  const takeNext = (): ShellWord | null => args[++i] ?? null;
  const cluster = (letters: string): void => {
    for (const ch of letters) {
      if (ch === 'x') out.extract = true;
      else if (ch === 'f') out.archive = takeNext();
      else if (ch === 'C') out.directory = takeNext();
    }
  };
  const first = args[0]?.value;
  if (first && /^[A-Za-z]+$/.test(first)) {
    cluster(first);
    i = 1;
  }
  for (; i < args.length; i++) {
    const v = args[i]!.value;
    if (v === null) continue;
    if (v === '--extract' || v === '--get') out.extract = true;
    else if (v === '--file' || v === '--directory') {
      const next = args[i + 1] ?? null;
      if (v === '--file') out.archive = next;
      else out.directory = next;
      i++;
    } else if (v.startsWith('--file=')) out.archive = { ...args[i]!, value: v.slice(7) };
    else if (v.startsWith('--directory=')) out.directory = { ...args[i]!, value: v.slice(12) };
    else if (/^-[A-Za-z]+$/.test(v)) cluster(v.slice(1));
  }
  return out;
}

function removeStep(
  w: Walk,
  inst: Inst & { run: RunInfo },
  cmd: ShellCommand,
  resolve: (word: ShellWord) => string | null,
  report: (r: Omit<LaterRemoval, 'inst'>) => void,
): void {
  let hits: { word: ShellWord; creation: Creation; relation: 'covers' | 'inside'; path: string }[] = [];
  const ownCaches = new Set<CacheId>();
  for (const word of plainOperands(cmd)) {
    const path = resolve(word);
    if (!path || underMount(inst.run, path)) continue;
    const glob = hasGlob(word);
    for (const c of w.index.mayMeet(path, glob)) {
      if (c.removed) continue;
      const relation = pathRelation(path, glob, c.path);
      if (!relation || (relation === 'inside' && (c.shape === 'file' || c.unknownContents))) continue;
      if (relation === 'inside' && c.holes?.some((h) => pathRelation(h, false, path) === 'covers')) continue;
      if (relation === 'covers') c.removed = true;
      else if (!glob) (c.holes ??= []).push(path);
      if (c.inst === inst && c.cache) ownCaches.add(c.cache.id);
      if (c.empty || c.inst === inst) continue;
      hits.push({ word, creation: c, relation, path });
    }
  }
  // A RUN that fills a cache again before cleaning it is cleaning up after itself.
  hits = hits.filter((h) => !(h.creation.cache && ownCaches.has(h.creation.cache.id)));
  if (hits.length === 0) return;
  const latest = hits.reduce((a, b) => (b.creation.inst.index > a.creation.inst.index ? b : a));
  const caches = hits.every((h) => h.creation.cache);
  const shown = latest.relation === 'covers' ? latest.creation.path : latest.path;
  const paths = [...new Set(hits.map((h) => (h.relation === 'covers' ? h.creation.path : h.path)))];
  // Paths under another one that goes too are not worth counting.
  const others = paths.filter((p) => !paths.some((q) => q !== p && pathRelation(q, false, p) === 'covers')).length - 1;
  report({
    cmd,
    start: cmd.nameWord!.start,
    end: Math.max(...hits.map((h) => h.word.end)),
    kind: caches ? 'cache' : 'path',
    subject: caches ? latest.creation.cache!.label : `\`${shown}\`${others > 0 ? ` (and ${others} more)` : ''}`,
    source: latest.creation.inst,
    verb: caches ? `written by ${latest.creation.cache!.by} in` : `${latest.creation.verb} by`,
    sources: distinct(hits.map((h) => h.creation.inst)),
    creations: hits.map((h) => h.creation),
    partly: hits.filter((h) => h.relation === 'inside' && !hits.some((o) => o.creation === h.creation && o.relation === 'covers')).map((h) => h.creation),
    hits: hits.map((h) => ({ creation: h.creation, path: h.path })),
  });
}

function extractStep(w: Walk, inst: Inst & { run: RunInfo }, cmd: ShellCommand, archive: string | null): void {
  if (!archive) return;
  for (const c of w.index.liveAddsAt(archive)) {
    if (c.inst === inst) continue;
    if (w.record) w.out.extractions.push({ inst, cmd, creation: c });
  }
}

/**
 * The creations of a walk, indexed: live (not removed) ones by the first segment of their path, ADDed ones
 * by path, caches by id, and `mkdir`-made ones by instruction. Every list keeps the order of creation, which
 * the reports depend on; removed entries are dropped as they are met.
 */
class CreationIndex {
  private all: Creation[] = [];
  private readonly byTop = new Map<string, Creation[]>();
  private readonly adds = new Map<string, Creation[]>();
  private readonly caches = new Map<CacheId, Creation[]>();
  private readonly empties = new Map<Inst, Creation[]>();
  private hasRoot = false;

  add(c: Creation): void {
    this.all.push(c);
    const top = topSegment(c.path);
    if (top === '') this.hasRoot = true;
    push(this.byTop, top, c);
    if (c.add) push(this.adds, c.path, c);
    if (c.cache) push(this.caches, c.cache.id, c);
    if (c.empty) push(this.empties, c.inst, c);
  }

  /**
   * Live creations a removal of `path` may touch, in order: those under the same first directory, or all
   * of them when the removal is `/` or its first segment is a glob. (pathRelation compares segment by
   * segment from the root, so creations under another first directory never meet it.)
   */
  mayMeet(path: string, glob: boolean): Creation[] {
    const top = topSegment(path);
    // A creation of `/` itself would meet every path; none are made (SYSTEM_DIRS), but if one were, scan all.
    if (top === '' || (glob && /[*?[]/.test(top)) || this.hasRoot) return this.compact(this.all, (l) => (this.all = l));
    return this.compact(this.byTop.get(top) ?? [], (l) => this.byTop.set(top, l));
  }

  liveAddsAt(path: string): Creation[] {
    return this.compact(this.adds.get(path) ?? [], (l) => this.adds.set(path, l));
  }

  liveCaches(id: CacheId): Creation[] {
    return this.compact(this.caches.get(id) ?? [], (l) => this.caches.set(id, l));
  }

  /** Creations an instruction made with `mkdir` (empty when made), removed or not. */
  madeEmptyBy(inst: Inst): Creation[] {
    return this.empties.get(inst) ?? [];
  }

  /** The live entries of a list (a copy: callers may mark entries removed while iterating). */
  private compact(list: Creation[], replace: (live: Creation[]) => void): Creation[] {
    const live = list.filter((c) => !c.removed);
    if (live.length !== list.length) replace(live);
    return live;
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The first segment of a path as pathRelation splits it (`/opt/app` → `opt`; `/` → ''). */
function topSegment(path: string): string {
  let start = 0;
  while (start < path.length && path.charCodeAt(start) === 47 /* / */) start++;
  const end = path.indexOf('/', start);
  return path.slice(start, end < 0 ? path.length : end);
}

function installPackages(w: Walk, manager: PackageManager, words: ShellWord[], name: (v: string) => string | null, inst: Inst): void {
  let map = w.packages.get(manager);
  if (!map) w.packages.set(manager, (map = new Map()));
  for (const word of words) {
    const n = word.value === null ? null : name(word.value);
    if (n) map.set(n, inst);
  }
}

function removePackages(
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

function distinct<T>(items: T[]): T[] {
  return [...new Set(items)];
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

// ---------------------------------------------------------------------------------------------------------
// Download tools

/** Image families whose full (buildpack-deps based) variants ship curl and wget with CA certificates. */
const CURL_FAMILIES = new Set(['node', 'python', 'golang', 'rust', 'gcc', 'ruby']);

/**
 * A download tool a RUN placed before `before` can count on: `curl` or `wget`, from what earlier RUNs of
 * the stage (and the stages it builds FROM) installed or ran, else from the base image. Null when neither
 * is known to be there with CA certificates.
 */
export function downloadTool(stage: Stage, before: Inst): 'curl' | 'wget' | null {
  const chain: Stage[] = [];
  for (let s: Stage | null = stage; s && !chain.includes(s); s = s.parent) chain.unshift(s);
  const has = { curl: false, wget: false };
  let certs = false;
  const virtual = new Map<string, string[]>();
  for (const s of chain) {
    for (const inst of s.instructions) {
      if (inst === before) break;
      if (inst.onbuild || !inst.run?.script || !inst.run.posix) continue;
      for (const cmd of inst.run.script.commands) {
        if (cmd.nested || !cmd.name) continue;
        if ((cmd.name === 'curl' || cmd.name === 'wget') && cmd.args.some((a) => /^https:\/\//i.test(a.value ?? ''))) {
          has[cmd.name] = true;
          certs = true;
        }
        const apt = isCommand(cmd, APT, 'install', APT_WITH_VALUE);
        const apk = isCommand(cmd, 'apk', 'add', APK_WITH_VALUE);
        const rpm = isCommand(cmd, RPM_TOOLS, 'install', RPM_WITH_VALUE);
        if (apt || apk || rpm) {
          const names = operands(cmd, apt ? APT_WITH_VALUE : apk ? APK_WITH_VALUE : RPM_WITH_VALUE).map((w) => (w.value ?? '').split(/[=:]/)[0]);
          if (names.includes('ca-certificates')) certs = true;
          for (const tool of ['curl', 'wget'] as const) {
            if (!names.includes(tool)) continue;
            has[tool] = true;
            // Debian's curl and wget only recommend ca-certificates; apk and rpm pull them in.
            if (!apt || !hasOption(cmd, ['--no-install-recommends'])) certs = true;
          }
          if (apk) for (const v of optionValues(cmd, ['-t', '--virtual'])) virtual.set(v, names.filter((n): n is string => n !== undefined));
        }
        const removed: string[] = [];
        if (isCommand(cmd, APT, ['purge', 'remove'], APT_WITH_VALUE)) removed.push(...operands(cmd, APT_WITH_VALUE).map((w) => w.value ?? ''));
        if (isCommand(cmd, RPM_TOOLS, ['remove', 'erase'], RPM_WITH_VALUE)) removed.push(...operands(cmd, RPM_WITH_VALUE).map((w) => w.value ?? ''));
        if (isCommand(cmd, 'apk', 'del', APK_WITH_VALUE)) {
          for (const w of operands(cmd, APK_WITH_VALUE)) removed.push(w.value ?? '', ...(virtual.get(w.value ?? '') ?? []));
        }
        for (const tool of ['curl', 'wget'] as const) if (removed.includes(tool)) has[tool] = false;
      }
    }
  }
  if (certs && has.curl) return 'curl';
  if (certs && has.wget) return 'wget';
  const root = chain[0]!;
  const ref = root.image ? parseImageRef(root.image) : null;
  const facts = ref ? lookupImage(ref) : null;
  if (!facts) return null;
  if (facts.family === 'buildpack-deps' || facts.family === 'php' || (CURL_FAMILIES.has(facts.family) && facts.variant === 'full')) return 'curl';
  if (facts.distro === 'alpine') return 'wget';
  return null;
}

// ---------------------------------------------------------------------------------------------------------
// .dockerignore

/**
 * Whether `.dockerignore` content excludes a path of the build context (relative, `/`-separated): the last
 * pattern that matches the path or a directory above it decides, `!` patterns re-include.
 */
export function dockerignoreExcludes(content: string, path: string): boolean {
  const target = path.split('/').filter((s) => s !== '' && s !== '.');
  let excluded = false;
  for (const raw of content.split(/\r?\n/)) {
    let line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const negate = line.startsWith('!');
    if (negate) line = line.slice(1).trim();
    const pattern = line.split('/').filter((s) => s !== '' && s !== '.');
    if (pattern.length === 0) continue;
    for (let n = 1; n <= target.length; n++) {
      if (globPath(pattern, target.slice(0, n))) {
        excluded = !negate;
        break;
      }
    }
  }
  return excluded;
}

function globPath(pattern: string[], parts: string[]): boolean {
  if (pattern.length === 0) return parts.length === 0;
  const [head, ...rest] = pattern;
  if (head === '**') {
    for (let i = 0; i <= parts.length; i++) if (globPath(rest, parts.slice(i))) return true;
    return false;
  }
  return parts.length > 0 && globSegment(head!).test(parts[0]!) && globPath(rest, parts.slice(1));
}
