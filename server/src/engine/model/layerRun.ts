/**
 * One RUN of the layer walk: what its commands create (downloads, clones, unpacked archives, caches,
 * packages) and what they remove of what earlier instructions wrote.
 */
import { optionValues, shortOptionValues } from './commands.js';
import { type Inst, type RunInfo } from './model.js';
import { envAt } from './timeline.js';
import { hasGlob, pathRelation, plainOperands, resolvePath, urlBasename, wordPath } from './paths.js';
import type { ShellCommand, ShellWord } from './shell.js';
import { addCreation, distinct, filled, own, underMount, type CacheId, type Creation, type CreationExtra, type LaterRemoval, type RunContext, type Walk } from './layerWalk.js';
import { packageStep } from './layerPackages.js';
import { pipCommand } from './pip.js';

const MKDIR_WITH_VALUE: ReadonlySet<string> = new Set(['-m', '--mode', '-Z', '--context']);
const WGET_WITH_VALUE: ReadonlySet<string> = new Set(['-O', '-P', '-o', '-a', '-e', '-t', '-T', '-U', '--header', '--user', '--password', '-i']);
const UNZIP_WITH_VALUE: ReadonlySet<string> = new Set(['-d', '-x', '-P']);
const GIT_CLONE_WITH_VALUE = new Set(['-b', '--branch', '--depth', '-c', '--config', '-o', '--origin', '--reference', '--separate-git-dir', '-j', '--jobs', '--filter', '--shallow-since', '--shallow-exclude', '-u', '--upload-pack', '--template']);

/** Short options of wget and curl that take a value (so a cluster like `-qO-` or `-fsSLo` can be read). */
const WGET_VALUE_LETTERS = 'OPoaeitTUwQlADRXIBY';
const CURL_VALUE_LETTERS = 'oAbcCdDeEFHKmoQrtTuUwxXyYz';

/** Walks the commands of a RUN: each is a file step (this file) or a package step (`layerPackages.ts`). */
export function runStep(w: Walk, inst: Inst & { run: RunInfo }): void {
  const { run } = inst;
  const script = run.script;
  if (!script || !run.posix) return;
  const ctx = new RunStepContext(w, inst);
  for (const cmd of script.commands) {
    if (cmd.nested || !cmd.nameWord) continue;
    // A command word with expansions is read only as a Python running pip (`python${VERSION} -m pip`).
    if (!cmd.name) {
      if (pipCommand(cmd)) packageStep(ctx, cmd);
      continue;
    }
    installsFile(ctx, cmd);
    if (!fileStep(ctx, cmd)) packageStep(ctx, cmd);
  }
}

/** What the steps of one RUN share (a class: one object per RUN, its methods shared). */
class RunStepContext implements RunContext {
  cwd: string | null;

  constructor(
    readonly w: Walk,
    readonly inst: Inst & { run: RunInfo },
  ) {
    this.cwd = w.cwd;
  }

  /** Read only by the pip and npm steps: the timeline works an ENV's values out when first asked for. */
  get env(): ReadonlyMap<string, string> {
    return envAt(this.inst);
  }

  resolve(word: ShellWord): string | null {
    const home = this.w.home;
    const p = wordPath(word, home);
    return p === null ? null : resolvePath(p, this.cwd, home);
  }

  create(path: string | null, shape: 'file' | 'tree', verb: string, extra?: CreationExtra): void {
    if (!path || path.includes(UNNAMED) || underMount(this.inst.run, path)) return;
    // The fields one by one: a spread of `extra`, whose keys vary, is slow in V8.
    addCreation(this.w, { path, shape, inst: this.inst, verb, empty: extra?.empty, unknownContents: extra?.unknownContents, download: extra?.download });
  }

  produceCache(id: CacheId, path: string | null, by: string): void {
    if (path && !path.includes(UNNAMED) && !underMount(this.inst.run, path)) addCreation(this.w, { path, shape: 'tree', inst: this.inst, verb: 'written', cache: { id, by } });
  }

  report(removal: Omit<LaterRemoval, 'inst'>): void {
    if (this.w.record) this.w.out.removals.push({ inst: this.inst, ...removal });
  }

  cleanCache(cmd: ShellCommand, id: CacheId, end: number): void {
    const { inst } = this;
    const hits = this.w.index.liveCaches(id).map((c) => own(this.w, c));
    for (const c of hits) c.removed = true;
    const earlier = hits.filter((c) => c.inst !== inst);
    const first = earlier[earlier.length - 1];
    // A RUN that fills the cache again before cleaning it is cleaning up after itself.
    if (hits.some((c) => c.inst === inst)) return;
    if (first) this.report({ cmd, start: cmd.nameWord!.start, end, kind: 'cache', names: [], more: 0, cache: id, source: first.inst, sources: distinct(earlier.map((c) => c.inst)), creations: earlier });
  }
}

/**
 * Marks a directory whose name is not known (`cd app-${VERSION}`): no real path has it, so nothing is
 * recorded as made there, nothing made elsewhere is removed from there, and `cd ..` comes back.
 */
const UNNAMED = '\u0000';

/**
 * Where `cd WORD` goes. A relative name with an expansion in it (`samtools-${V}`, not `$DIR` nor
 * `$(mktemp -d)`, which may be absolute) is a directory inside the current one, with a placeholder name
 * of its own.
 */
function cdTarget(ctx: RunContext, word: ShellWord): string | null {
  const path = ctx.resolve(word);
  if (path !== null || ctx.cwd === null) return path;
  if (!/^["']?[A-Za-z0-9_+-]/.test(word.text) || /[/`]/.test(word.text)) return null;
  return `${ctx.cwd === '/' ? '' : ctx.cwd}/${UNNAMED}${word.start}`;
}

/** What a command does to files (`cd`, `rm`, `mkdir`, downloads, clones, unpacking); false for other commands. */
function fileStep(ctx: RunContext, cmd: ShellCommand): boolean {
  const { w, inst } = ctx;
  const home = w.home;
  switch (cmd.name) {
    case 'cd': {
      const target = plainOperands(cmd)[0];
      ctx.cwd = target ? cdTarget(ctx, target) : home;
      const cwd = ctx.cwd;
      if (cwd) filled(w, inst, cwd);
      return true;
    }
    case 'rm':
      removeStep(w, inst, cmd, (word) => ctx.resolve(word), (r) => ctx.report(r));
      return true;
    case 'mkdir':
      for (const op of plainOperands(cmd, MKDIR_WITH_VALUE)) ctx.create(ctx.resolve(op), 'tree', 'created', { empty: true });
      return true;
    case 'wget': {
      const url = plainOperands(cmd, WGET_WITH_VALUE).find((o) => /^(https?|ftp):\/\//i.test(o.value ?? ''));
      const out = [...shortOptionValues(cmd, 'O', WGET_VALUE_LETTERS), ...optionValues(cmd, ['--output-document'])];
      const dir = [...shortOptionValues(cmd, 'P', WGET_VALUE_LETTERS), ...optionValues(cmd, ['--directory-prefix'])];
      const base = url?.value ? urlBasename(url.value) : null;
      if (out.length > 0) {
        if (out[0] !== '-') ctx.create(resolvePath(out[0]!, ctx.cwd, home), 'file', 'downloaded', { download: cmd });
      } else if (base) {
        ctx.create(resolvePath(dir.length > 0 ? `${dir[0]}/${base}` : base, ctx.cwd, home), 'file', 'downloaded', { download: cmd });
      }
      return true;
    }
    case 'curl': {
      const out = [...shortOptionValues(cmd, 'o', CURL_VALUE_LETTERS), ...optionValues(cmd, ['--output'])];
      if (out.length > 0) {
        if (out[0] !== '-') ctx.create(resolvePath(out[0]!, ctx.cwd, home), 'file', 'downloaded', { download: cmd });
      } else if (cmd.args.some((a) => a.value === '-O' || a.value === '--remote-name' || /^-[a-zA-Z]*O[a-zA-Z]*$/.test(a.value ?? ''))) {
        const url = cmd.args.find((a) => /^(https?|ftp):\/\//i.test(a.value ?? ''));
        const base = url?.value ? urlBasename(url.value) : null;
        if (base) ctx.create(resolvePath(base, ctx.cwd, home), 'file', 'downloaded', { download: cmd });
      }
      return true;
    }
    case 'git': {
      if (cmd.args[0]?.value !== 'clone') return false;
      const ops = plainOperands({ ...cmd, args: cmd.args.slice(1) }, GIT_CLONE_WITH_VALUE);
      const url = ops[0]?.value;
      if (url) {
        const dir = ops[1] ? ctx.resolve(ops[1]) : resolvePath((urlBasename(url) ?? '').replace(/\.git$/, ''), ctx.cwd, home);
        ctx.create(dir, 'tree', 'cloned');
      }
      return true;
    }
    case 'tar':
    case 'bsdtar': {
      const t = tarArgs(cmd);
      if (t.extract) {
        // What else is under the directory is not known to come from the archive.
        if (t.directory) ctx.create(ctx.resolve(t.directory), 'tree', 'unpacked', { unknownContents: true });
        if (t.archive) extractStep(w, inst, cmd, ctx.resolve(t.archive));
      }
      return true;
    }
    case 'unzip': {
      const ops = plainOperands(cmd, UNZIP_WITH_VALUE);
      const dir = optionValues(cmd, ['-d']);
      if (dir.length > 0) ctx.create(resolvePath(dir[0]!, ctx.cwd, home), 'tree', 'unpacked', { unknownContents: true });
      if (ops[0]) extractStep(w, inst, cmd, ctx.resolve(ops[0]));
      return true;
    }
    default:
      return false;
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
    for (const met of w.index.mayMeet(path, glob)) {
      if (met.removed) continue;
      const relation = pathRelation(path, glob, met.path);
      if (!relation || (relation === 'inside' && (met.shape === 'file' || met.unknownContents))) continue;
      if (relation === 'inside' && met.holes?.some((h) => pathRelation(h, false, path) === 'covers')) continue;
      // Changed, or named in the record: the walk's own.
      const c = own(w, met);
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
    names: caches ? [] : [shown],
    more: caches ? 0 : Math.max(0, others),
    ...(caches ? { cache: latest.creation.cache!.id } : {}),
    source: latest.creation.inst,
    sources: distinct(hits.map((h) => h.creation.inst)),
    creations: hits.map((h) => h.creation),
    partly: hits.filter((h) => h.relation === 'inside' && !hits.some((o) => o.creation === h.creation && o.relation === 'covers')).map((h) => h.creation),
    hits: hits.map((h) => ({ creation: h.creation, path: h.path })),
  });
}

/** `dpkg -i x.deb`, `rpm -i x.rpm` (`-U`, `-ivh`…): marks a downloaded package file as used. */
function installsFile(ctx: RunContext, cmd: ShellCommand): void {
  const flag = cmd.name === 'dpkg' ? /^(?:-[a-zA-Z]*i[a-zA-Z]*|--install)$/ : cmd.name === 'rpm' ? /^(?:-[a-zA-Z]*[iU][a-zA-Z]*|--install|--upgrade)$/ : null;
  if (!flag || !cmd.args.some((a) => flag.test(a.value ?? ''))) return;
  for (const op of plainOperands(cmd)) markUnpacked(ctx.w, ctx.inst, cmd, ctx.resolve(op));
}

/** Records the first command that unpacks or installs a file a RUN downloaded. */
function markUnpacked(w: Walk, inst: Inst & { run: RunInfo }, cmd: ShellCommand, path: string | null): void {
  if (!path) return;
  for (const c of w.index.mayMeet(path, false)) if (c.download && c.path === path && !c.unpackedBy) own(w, c).unpackedBy = { inst, cmd };
}

function extractStep(w: Walk, inst: Inst & { run: RunInfo }, cmd: ShellCommand, archive: string | null): void {
  markUnpacked(w, inst, cmd, archive);
  if (!archive) return;
  for (const c of w.index.liveAddsAt(archive)) {
    if (c.inst === inst) continue;
    if (w.record) w.out.extractions.push({ inst, cmd, creation: own(w, c) });
  }
}
