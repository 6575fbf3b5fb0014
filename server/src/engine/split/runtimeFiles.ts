/**
 * Files and tools the container needs at run time that a split could leave in the build stage: files the
 * build context puts outside the application directory (an entrypoint script, `/etc/app.conf`), files the
 * RUNs write there (`ln -s … /usr/lib/…`, `make install` + `ldconfig`, `> /etc/…`), packages from a
 * third-party apt source, and the tools the start command runs (`git`, `make`, `bash`).
 *
 * Pure: reads the model only.
 */
import { operands, optionValues } from '../model/commands.js';
import { copyInfo } from '../model/copies.js';
import type { Inst } from '../model/model.js';
import type { ShellCommand } from '../model/shell.js';
import { joinPath } from '../model/timeline.js';
import { absolute, commandsOf, expandVars, refuse } from './common.js';
import { basename } from './start.js';
import type { ArtifactCopy, Refusal, RunInst, SplitContext } from './types.js';
import type { Message } from '../i18n/locale.js';
import { both } from './messages.js';

/** The words of a command that are not options (and not values of `withValue` options). */
function plainArgs(cmd: ShellCommand, withValue: ReadonlySet<string> = new Set()): ShellCommand['args'] {
  const out: ShellCommand['args'] = [];
  for (let i = 0; i < cmd.args.length; i++) {
    const v = cmd.args[i]!.value;
    if (v !== null && v.startsWith('-') && v !== '-') {
      if (withValue.has(v)) i++;
      continue;
    }
    out.push(cmd.args[i]!);
  }
  return out;
}

export function inside(path: string, dir: string): boolean {
  return path === dir || (dir === '/' ? path !== '/' : path.startsWith(`${dir}/`));
}

/** Places a build writes to that nothing reads at run time, or that every image has. */
const SCRATCH_PLACES = /^\/(?:tmp|var\/tmp|root\/\.cache|root\/\.npm|root\/\.cargo\/registry|var\/cache|var\/lib\/apt|var\/lib\/dpkg|var\/log|dev|proc|go\/pkg)(?:\/|$)/;
const APT_SOURCE_PLACES = /^\/(?:etc\/apt|usr\/share\/keyrings)(?:\/|$)/;

/** A directory or file the build context is copied to before the split (absolute; dirs end without `/`). */
export interface ContextCopy {
  inst: Inst;
  /** Where it lands. */
  dest: string;
  /** The whole context (`.`) or a directory/archive: `dest` is a directory holding files. */
  dir: boolean;
}

/** The COPY/ADD instructions from the build context (not `--from`) before `before`, with where they land. */
export function contextCopies(ctx: SplitContext, before: number): ContextCopy[] | Refusal {
  const out: ContextCopy[] = [];
  for (const inst of ctx.stage.instructions) {
    if (inst.start >= before || inst.onbuild) continue;
    const info = copyInfo(ctx.model, inst);
    if (!info || info.from || info.heredoc) continue;
    const cwd = ctx.cwdAt(inst);
    const destText = expandVars(info.dest?.value ?? null, inst);
    if (destText === null || cwd === null) return refuse('copyDestUnknown', { copy: ctx.model.text.slice(inst.start, inst.end) });
    const dest = absolute(cwd, destText);
    if (dest === null) return refuse('copyDestUnknown', { copy: ctx.model.text.slice(inst.start, inst.end) });
    const destIsDir = destText.endsWith('/') || destText === '.' || info.sources.length > 1;
    for (const src of info.sources) {
      const v = src.value;
      if (v === null || /[*?[]/.test(v) || v.includes('$')) {
        if (!destIsDir) return refuse('notOneFile', { source: src.text });
        out.push({ inst, dest, dir: true });
        continue;
      }
      const archive = inst.keyword === 'ADD' && /\.(?:tar|tgz|tar\.(?:gz|bz2|xz|zst))$/.test(v) && !/^https?:/.test(v);
      const wholeDir = v === '.' || v === './' || v.endsWith('/') || archive;
      if (wholeDir || !destIsDir) out.push({ inst, dest, dir: wholeDir || destIsDir });
      else out.push({ inst, dest: joinPath(dest, basename(v.replace(/\/+$/, ''))), dir: false });
    }
  }
  return out;
}

/**
 * COPY --from lines for context files that land outside the directories the runtime stage copies anyway
 * (an entrypoint script in `/usr/local/bin`, `/etc/app.conf`). Build-only places (`/tmp`, caches) are left out,
 * as are files a RUN deletes or moves later.
 */
export function carriedContextFiles(ctx: SplitContext, copies: readonly ContextCopy[], copied: readonly string[]): ArtifactCopy[] {
  const out: ArtifactCopy[] = [];
  const runText = ctx.runs.map((r) => ctx.model.text.slice(r.start, r.end)).join('\n');
  for (const c of copies) {
    if (c.dest === '/' || SCRATCH_PLACES.test(c.dest)) continue;
    if (copied.some((d) => inside(c.dest, d)) || out.some((o) => inside(c.dest, o.to))) continue;
    if (new RegExp(`\\b(?:rm|mv)\\b[^\\n]*${c.dest.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:[\\s/;&|"']|$)`).test(runText)) continue;
    out.push({ from: c.dest, to: c.dest });
  }
  return out;
}

/** The third-party apt source the stage adds (a `.list`/`.sources` file, `add-apt-repository`, a key), if any: where. */
function aptSourceAdded(ctx: SplitContext): { inst: Inst; what: string } | null {
  for (const inst of ctx.stage.instructions) {
    if (inst.onbuild) continue;
    const info = copyInfo(ctx.model, inst);
    if (info && !info.from && info.dest?.value && /^\/etc\/apt\/(?:sources\.list\.d|trusted\.gpg\.d)|^\/usr\/share\/keyrings/.test(info.dest.value)) {
      return { inst, what: `\`${ctx.model.text.slice(inst.start, inst.end)}\`` };
    }
    if (!inst.run) continue;
    for (const cmd of inst.run.script?.commands ?? []) {
      if (cmd.name === 'add-apt-repository' || cmd.name === 'apt-key') return { inst, what: `\`${cmd.name}\`` };
    }
    const text = ctx.model.text.slice(inst.start, inst.end);
    const m = /\bdeb(?:-src)?\s+(?:\[[^\]]*\]\s*)?(?:https?|ftp):\/\/[^\s"']+/.exec(text) ?? /\/etc\/apt\/sources\.list(?:\.d\/[^\s"';&|]+)?|\/usr\/share\/keyrings\/[^\s"';&|]+/.exec(text);
    if (m) return { inst, what: `\`${m[0]}\`` };
  }
  return null;
}

/**
 * Class 4: packages the runtime stage installs may come from a third-party apt source the build stage added;
 * plain Debian does not have them. A refusal when a runtime package is installed after such a source.
 */
export function thirdPartySource(ctx: SplitContext, runtimePackages: readonly string[], runtimeImage: string): Refusal | null {
  if (runtimePackages.length === 0) return null;
  const source = aptSourceAdded(ctx);
  if (!source) return null;
  const after: string[] = [];
  for (const { inst, cmd } of commandsOf(ctx)) {
    if (inst.start < source.inst.start) continue;
    if (cmd.name !== 'apt-get' && cmd.name !== 'apt' && cmd.name !== 'aptitude') continue;
    for (const w of operands(cmd)) if (w.value && runtimePackages.includes(w.value) && !after.includes(w.value)) after.push(w.value);
  }
  if (after.length === 0) return null;
  return refuse(after.length === 1 ? 'thirdPartyOne' : 'thirdPartyMany', { packages: after.map((p) => `\`${p}\``).join(', '), source: source.what, image: runtimeImage });
}

/** Where a command writes outside `keep` (the directories the runtime stage gets), as a phrase; null when nowhere. */
function writesOutside(ctx: SplitContext, inst: RunInst, cmd: ShellCommand, keep: (p: string) => boolean): Message | null {
  const name = cmd.name;
  if (!name) return null;
  const cwd = ctx.cwdAt(inst) ?? '/';
  const words = plainArgs(cmd).map((w) => w.value);
  if (name === 'ldconfig') return both('ldconfig');
  if (name === 'make' && words.includes('install')) return both('makeInstall');
  let targets: (string | null)[] = [];
  if (name === 'ln' || name === 'cp' || name === 'mv' || name === 'install') {
    // Into a directory (`mv app /usr/local/bin/`): the file lands under its own name.
    const last = words[words.length - 1] ?? null;
    const src = words.length === 2 ? words[0] : null;
    targets = [last !== null && src != null && (last.endsWith('/') || /(?:^|\/)s?bin$/.test(last)) ? joinPath(last, basename(src)) : last];
  }
  else if (name === 'touch' || name === 'tee') targets = words;
  else if (name === 'curl') targets = optionValues(cmd, ['-o', '--output']);
  else if (name === 'wget') targets = optionValues(cmd, ['-O', '--output-document']).filter((t) => t !== '-');
  else if (name === 'tar') targets = optionValues(cmd, ['-C', '--directory']);
  else if (name === 'unzip') targets = optionValues(cmd, ['-d']);
  if (targets.length > 0) {
    for (const t of targets) {
      if (t === null) return both('writesUnknown', { name });
      const p = absolute(cwd, t);
      if (p === null) return both('writesUnknown', { name });
      if (SCRATCH_PLACES.test(p) || APT_SOURCE_PLACES.test(p) || keep(p)) continue;
      return both('writesOutside', { name, target: t });
    }
  }
  return null;
}

/**
 * Class 1: a RUN that changes files the runtime stage would not get (symlinks or config outside the
 * application directory, a library cache) is lost by the split: a refusal naming it. `keep` says which
 * paths the runtime stage gets (copied directories and programs).
 */
export function lostRunWrites(ctx: SplitContext, keep: (p: string) => boolean): Refusal | null {
  for (const { inst, cmd } of commandsOf(ctx)) {
    const what = writesOutside(ctx, inst, cmd, keep);
    if (what) return refuse('lostWrite', { what });
  }
  for (const inst of ctx.runs) {
    const text = ctx.model.text.slice(inst.start, inst.end);
    for (const m of text.matchAll(/>>?\s*["']?(\/[^\s"';&|)]+)/g)) {
      const p = m[1]!;
      if (p === '/dev/null' || SCRATCH_PLACES.test(p) || APT_SOURCE_PLACES.test(p) || keep(p)) continue;
      return refuse('runWrites', { path: p });
    }
  }
  return null;
}

/** Build tools no runtime image of the split has unless installed. */
const BUILD_COMMANDS = new Set(['make', 'cmake', 'gcc', 'g++', 'cc', 'c++', 'clang', 'go', 'cargo', 'rustc', 'mvn', 'gradle', 'javac', 'git', 'pip-compile']);

/** The commands a start part runs (every command of a shell form, the program of an exec form, `sh -c` text parsed). */
export function startCommands(names: readonly (string | null)[]): string[] {
  return [...new Set(names.filter((n): n is string => n !== null).map((n) => basename(n)))];
}

/**
 * Class 1: tools the start command or healthcheck runs must be in the runtime stage: an installed package of
 * that name is kept; a build tool the runtime image does not have is a refusal.
 */
export function startTools(commands: readonly string[], installed: readonly string[], runtimeImage: string, runtimeHasBash: boolean): { keep: string[] } | Refusal {
  const keep: string[] = [];
  for (const c of commands) {
    if (installed.includes(c)) {
      keep.push(c);
      continue;
    }
    if (BUILD_COMMANDS.has(c) || (c === 'bash' && !runtimeHasBash)) return refuse('startTool', { command: c, image: runtimeImage });
  }
  return { keep };
}

/** Directories `mkdir` makes outside what the runtime stage gets (`mkdir -p /data`): copied over, empty or not. */
export function madeDirs(ctx: SplitContext, keep: (p: string) => boolean): string[] {
  const out: string[] = [];
  for (const { inst, cmd } of commandsOf(ctx)) {
    if (cmd.name !== 'mkdir') continue;
    const cwd = ctx.cwdAt(inst) ?? '/';
    for (const w of plainArgs(cmd, new Set(['-m', '--mode']))) {
      const p = w.value === null ? null : absolute(cwd, w.value);
      if (p === null || p === '/' || SCRATCH_PLACES.test(p) || APT_SOURCE_PLACES.test(p) || keep(p)) continue;
      if (out.some((d) => inside(p, d))) continue;
      out.push(p);
    }
  }
  return out;
}
