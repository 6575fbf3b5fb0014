import { defineRule } from '../defineRule.js';
import { inBranch } from '../model/shellText.js';
import type { RunInst } from '../model/runs.js';
import type { RuleKey } from '../i18n/ruleMessages.js';
import type { Translate } from '../i18n/locale.js';
import { chainOf } from '../model/chain.js';
import { addCopyFlag, removeCommand } from '../edits.js';
import { copyInfo } from '../model/copies.js';
import { writesInWorkdir } from '../model/builds.js';
import { pipCommand } from '../model/pip.js';
import { stageLayers, type Creation } from '../model/layers.js';
import { buildSequence } from '../model/order.js';
import { commandDirs, pathRelation, resolvePath } from '../model/paths.js';
import { type DockerfileModel, type Inst, type Stage } from '../model/model.js';
import { expandAt, stateAt, workdirsOfChain } from '../model/timeline.js';
import { rewrittenInPlace } from '../model/inPlaceEdits.js';
import { chownFlagValue, copyFlag, modeCommand, plainOctalMode, type ModeCommand } from '../model/permissions.js';
import type { ShellCommand, ShellWord } from '../model/shell.js';
import type { Fix } from '../types.js';

export default defineRule('chmod-after-copy', {
  check({ model, report, t }) {
    for (const stage of model.stages) {
      if (!stage.ships) continue;
      const runs = buildSequence(stage).filter((i) => i.run?.script?.commands.some((c) => c.name === 'chmod' || c.name === 'chown'));
      if (runs.length === 0) continue;
      const creations = stageLayers(model, stage).creations;
      const dirs = workdirs(stage);
      const sequence = buildSequence(stage);
      for (const inst of runs) {
        if (!inst.run?.script || !inst.run.posix) continue;
        const run = inst as RunInst;
        // Files this RUN rewrites in place (`sed -i`): written again here whatever their mode, so moving the
        // mode into the COPY would not save the second copy.
        // A `cd` in a subshell does not last: only top-level commands move the working directory.
        const cwds = commandDirs(run.run.script!.commands.filter((c) => !c.nested && c.name), dirs.at.get(inst) ?? null);
        const rewritten = new Set<string>();
        for (const [cmd, cwd] of cwds) {
          for (const w of rewrittenInPlace(cmd)) {
            const path = operandPath(run, w, cwd);
            if (path) rewritten.add(path);
          }
        }
        for (const [cmd, cwd] of cwds) {
          const mc = modeCommand(cmd);
          if (!mc || !mc.spec || mc.opaque) continue;
          // In an `if` or `case` branch the change may not run in the default build: no finding to trust.
          if (inBranch(run.run.script!, cmd)) continue;
          const hits = hitsOf(model, stage, run, mc, cwd, creations, sequence, dirs).filter((h) => !rewritten.has(h.path));
          if (hits.length === 0) continue;
          // The owner is created after the COPY (by this RUN or one in between): `COPY --chown` with its name
          // would fail.
          const late = mc.kind === 'chown' ? createdAfterCopy(sequence, run, mc, hits) : null;
          const fix = late ? null : fixOf(model, run, mc, hits, creations, sequence, dirs, t);
          report({
            range: model.lines.range(cmd.nameWord!.start, Math.max(...hits.map((h) => h.word.end))),
            message: messageOf(mc, hits, t, late, notReached(run, mc, hits, creations, dirs, sequence, t)),
            fixes: fix ? [fix] : [],
          });
        }
      }
    }
  },
});

interface Hit {
  word: ShellWord;
  path: string;
  creation: Creation;
  relation: 'exact' | 'covers' | 'inside';
}

/** COPY and ADD instructions of the stage that ran before `inst` in the same build (ONBUILD triggers with triggers). */
function copiedBefore(stage: Stage, inst: Inst, creations: readonly Creation[]): Creation[] {
  return creations.filter(
    (c) =>
      (c.inst.keyword === 'COPY' || c.inst.keyword === 'ADD') &&
      c.inst.stage === stage &&
      (c.inst.onbuild === null) === (inst.onbuild === null) &&
      c.inst.index < inst.index,
  );
}

/**
 * What the command's operands change of what earlier COPY and ADD instructions of the stage wrote: the latest
 * copy of a path it names (`exact`), a file inside a copied directory it names (`inside`, only when nothing
 * ran in between that could have written that file instead), and with -R every copy under a directory it
 * names (`covers`).
 */
function hitsOf(
  model: DockerfileModel,
  stage: Stage,
  inst: RunInst,
  mc: ModeCommand,
  cwd: string | null,
  creations: readonly Creation[],
  sequence: readonly Inst[],
  dirs: Workdirs,
): Hit[] {
  const copied = copiedBefore(stage, inst, creations);
  const hits: Hit[] = [];
  // The flag value as the command would give it: as written (variables and all), or as translated.
  const spec = mc.spec!;
  const wanted = [spec.value, spec.text.replace(/^"(.*)"$/, '$1'), mc.kind === 'chown' && spec.value !== null ? chownFlagValue(spec.value) : null].filter((v): v is string => v !== null);
  // A COPY that already gives the files this mode or owner: the command repeats it (left alone).
  const already = (c: Creation): boolean => {
    const flag = copyFlag(c.inst, mc.kind);
    const value = flag?.getValue();
    return typeof value === 'string' && wanted.includes(value);
  };
  for (const word of mc.operands) {
    const path = operandPath(inst, word, cwd);
    if (!path) continue;
    const glob = /[*?[]/.test(word.text.replace(/'[^']*'|"(?:[^"\\]|\\.)*"/g, ''));
    const found = hits.length;
    for (let i = copied.length - 1; i >= 0; i--) {
      const c = copied[i]!;
      if (!glob && c.path === path) {
        // Without -R, a directory's own mode or owner changes, not the files in it.
        const dirOnly = !mc.recursive && (shapeOf(model, c) === 'dir' || usedAsDirectory(path, sequence, dirs));
        if (!already(c) && !dirOnly) hits.push({ word, path, creation: c, relation: 'exact' });
        break;
      }
      const r = pathRelation(path, glob, c.path);
      if (r === 'covers' && mc.recursive) {
        if (!already(c)) hits.push({ word, path, creation: c, relation: 'covers' });
      } else if (r === 'inside' && c.shape === 'tree') {
        if (!already(c) && nothingBetween(sequence, c.inst, inst, mc)) hits.push({ word, path, creation: c, relation: 'inside' });
        break;
      }
    }
    if (hits.length > found || glob) continue;
    // A directory's contents copied into `/` or another system directory (`COPY rootfs /`), which the layer
    // walk does not record as a whole: the command right after it changes a file that copy wrote.
    const last = [...sequence].reverse().find((i) => (i.keyword === 'COPY' || i.keyword === 'ADD') && before(i, inst) && i.stage === stage);
    const into = last ? contentsCopyDir(model, last, dirs) : null;
    if (last && into && pathRelation(path, false, into) === 'inside' && nothingBetween(sequence, last, inst, mc)) {
      const c: Creation = { path: into, shape: 'tree', inst: last, verb: 'copied in', empty: false, removed: false };
      if (!already(c)) hits.push({ word, path, creation: c, relation: 'inside' });
    }
  }
  return hits;
}

/**
 * The stage uses `path` as a directory: a WORKDIR names it, or a RUN `cd`s into it (`COPY project /src/project`
 * then `RUN cd /src/project && make`): what the COPY wrote there is a directory, whatever its name.
 */
function usedAsDirectory(path: string, sequence: readonly Inst[], dirs: Workdirs): boolean {
  if (dirs.list.some((d) => d.path === path)) return true;
  return sequence.some((i) => {
    if (i.keyword !== 'RUN' || !i.run?.script) return false;
    const top = i.run.script.commands.filter((c) => !c.nested && c.name);
    const cwds = commandDirs(top, dirs.at.get(i) ?? null);
    return top.some((c) => {
      if (c.name !== 'cd' && c.name !== 'pushd') return false;
      const target = c.args.find((a) => a.value === null || !a.value.startsWith('-'))?.value;
      return target !== undefined && target !== null && resolvePath(target, cwds.get(c) ?? null, null) === path;
    });
  });
}

/**
 * The directory a COPY or ADD puts a directory's contents into, when that is `/` or a system directory and
 * a source may be a directory: `COPY rootfs /`, `COPY docker/ /usr/local/bin/`. A source whose name looks
 * like a file (`app.jar`) does not count.
 */
function contentsCopyDir(model: DockerfileModel, inst: Inst, dirs: Workdirs): string | null {
  const info = copyInfo(model, inst);
  const dest = info?.dest?.value;
  if (!info || info.heredoc || !dest || dest.includes('$')) return null;
  const cwd = dirs.at.get(inst) ?? (dest.startsWith('/') ? '/' : null);
  const dir = resolvePath(dest, cwd, null);
  if (dir === null || !(dir === '/' || STANDARD_DIRS.has(dir))) return null;
  const dirLike = info.sources.some((s) => {
    const v = s.value;
    if (v === null || v.includes('$') || /[*?[]/.test(v) || /^(https?|ftp|git):/i.test(v)) return false;
    const base = v.replace(/\/+$/, '').split('/').pop() ?? '';
    return v.endsWith('/') || base === '.' || base === '' || !/\.[A-Za-z0-9]+$/.test(base);
  });
  return dirLike ? dir : null;
}

/**
 * Nothing ran between a COPY and the command that could have written files of its own there: no RUN in
 * between, and only `set` or other mode and owner changes before the command in its RUN.
 */
function nothingBetween(sequence: readonly Inst[], source: Inst, inst: RunInst, mc: ModeCommand): boolean {
  if (sequence.some((i) => i.keyword === 'RUN' && i !== inst && before(source, i) && before(i, inst))) return false;
  return !inst.run.script!.commands.some((x) => x.end <= mc.cmd.start && !['set', 'chmod', 'chown'].includes(x.name ?? ''));
}

/** An operand as an absolute path: a static word, or one whose `$VAR`s are ENV values or ARG defaults in force. */
function operandPath(inst: Inst, word: ShellWord, cwd: string | null): string | null {
  let value = word.value;
  if (value === null) {
    const m = /^"?([^"'`\\]*)"?$/.exec(word.text);
    if (!m || m[1]!.includes('$(')) return null;
    value = expandAt(m[1]!, inst);
    if (value === null || value.includes('$')) return null;
  }
  if (value === '' || value.startsWith('~')) return null;
  return resolvePath(value, cwd, null);
}

/**
 * A user or group the chown names that is created after the first COPY it changes (useradd, adduser,
 * groupadd, addgroup): by a RUN in between, or by this RUN before the command.
 */
function createdAfterCopy(sequence: readonly Inst[], inst: RunInst, mc: ModeCommand, hits: readonly Hit[]): Late | null {
  const spec = mc.spec?.value;
  if (!spec) return null;
  const names = spec.split(/[:.]/).filter((n) => n !== '' && !/^\d+$/.test(n));
  const first = hits.map((h) => h.creation.inst).reduce((a, b) => (before(b, a) ? b : a));
  const runs = sequence.filter((i) => i.run?.script && i !== inst && before(first, i) && before(i, inst));
  const commands = [
    ...runs.flatMap((i) => i.run!.script!.commands.map((c) => ({ c, by: i }))),
    ...inst.run.script!.commands.filter((c) => c.end <= mc.cmd.start).map((c) => ({ c, by: inst as Inst })),
  ];
  for (const { c, by } of commands) {
    if (!c.name || !['useradd', 'adduser', 'groupadd', 'addgroup'].includes(c.name)) continue;
    const operands = c.args.filter((a) => a.value !== null && !a.value.startsWith('-')).map((a) => a.value!);
    const created = names.find((n) => operands.includes(n));
    if (created) return { name: created, line: by === inst ? null : by.range.start.line + 1 };
  }
  return null;
}

type T = Translate<RuleKey<'chmod-after-copy'>>;

/** An owner created after the COPY, and which RUN creates it (for the message). */
interface Late {
  name: string;
  /** The line of the RUN that creates it; null for the RUN of the command. */
  line: number | null;
}

/**
 * What the command changes that the COPY flag would not: a directory it names that the COPY did not create
 * (a WORKDIR, or the parent of what was copied: COPY keeps the owner and mode of a directory that exists),
 * and what RUNs between the COPY and the command made under it (`mkdir -p /app/media`).
 */
function notReached(inst: RunInst, mc: ModeCommand, hits: readonly Hit[], creations: readonly Creation[], dirs: Workdirs, sequence: readonly Inst[], t: T): string[] {
  const out: string[] = [];
  const first = hits.map((h) => h.creation.inst).reduce((a, b) => (before(b, a) ? b : a));
  for (const path of new Set(hits.filter((h) => h.relation !== 'inside').map((h) => h.path))) {
    const own = hits.filter((h) => h.path === path);
    const existed =
      own.some((h) => h.relation === 'covers') ||
      dirs.list.some((d) => d.path === path && before(d.inst, first)) ||
      creations.some((c) => c.path === path && before(c.inst, first) && c.inst.keyword !== 'COPY' && c.inst.keyword !== 'ADD');
    if (existed && mc.recursive) out.push(t('itself', { path }));
    const made = creations.filter(
      (c) =>
        c.inst.keyword === 'RUN' &&
        !c.removed &&
        before(first, c.inst) &&
        (c.inst === inst || before(c.inst, inst)) &&
        pathRelation(path, false, c.path) !== null,
    );
    for (const c of made) out.push(c.inst === inst ? t('madeHere', { path: c.path }) : t('madeAt', { path: c.path, line: c.inst.range.start.line + 1 }));
    // Installs and builds in a directory under the path (`npm install && npm run build` in /app/web) write
    // files no instruction names (node_modules, dist/): a recursive change reaches them, a COPY flag does not.
    if (!mc.recursive) continue;
    const seen = new Set<string>();
    for (const run of sequence.filter((i): i is RunInst => i.keyword === 'RUN' && !!i.run?.script && before(first, i) && (i === inst || before(i, inst)))) {
      for (const [c, cwd] of commandDirs(run.run.script!.commands.filter((x) => !x.nested && x.name), dirs.at.get(run) ?? stateAt(run).workdir)) {
        if (run === inst && c.start >= mc.cmd.start) break;
        if (cwd === null || !writesInWorkdir(c) || pathRelation(path, false, cwd) === null || seen.has(`${run.index}:${cwd}`)) continue;
        seen.add(`${run.index}:${cwd}`);
        out.push(t('builtAt', { cmd: commandLabel(c), line: run.range.start.line + 1, path: cwd }));
      }
    }
  }
  return [...new Set(out)];
}

function messageOf(mc: ModeCommand, hits: Hit[], t: T, late: Late | null = null, rest: readonly string[] = []): string {
  const command = `${mc.kind}${mc.recursive ? ' -R' : ''}`;
  const paths = [...new Set(hits.map((h) => h.path))];
  const subject = t(paths.length > 1 ? 'subjectMore' : 'subject', { path: paths[0]!, count: paths.length - 1 });
  const sources = [...new Set(hits.map((h) => h.creation.inst))].sort((a, b) => a.index - b.index);
  const keyword = sources.every((s) => s.keyword === 'ADD') ? 'ADD' : sources.every((s) => s.keyword === 'COPY') ? 'COPY' : 'COPY/ADD';
  const lines = sources.map((s) => String(s.range.start.line + 1));
  const where = t(lines.length === 1 ? 'whereOne' : 'whereMany', { keyword, line: lines[0]!, lines: lines.slice(0, -1).join(', '), last: lines[lines.length - 1]! });
  const target = t(sources.length > 1 ? 'targetMany' : 'targetOne', { keyword });
  const spec = mc.spec!.value ?? '';
  let advice: string;
  if (mc.kind === 'chmod') advice = plainOctalMode(spec) ? `--chmod=${spec}` : t('chmodOctal');
  else {
    const value = chownFlagValue(spec);
    advice = value ? `--chown=${value}` : '--chown';
  }
  const shown = rest.slice(0, 3).join(t('listSep'));
  const keep = rest.length === 0 ? '' : t(rest.length > 3 ? 'keepMore' : 'keep', { kind: mc.kind, list: shown, more: rest.length - 3 });
  if (late) return t(late.line === null ? 'secondLate' : 'secondLateAt', { command, subject, where, target, advice, late: late.name, line: late.line ?? '', keep });
  return t('second', { command, subject, where, target, advice, keep });
}

/** Directories every non-scratch image has: a COPY into them creates no parent directory. */
const STANDARD_DIRS = new Set([
  '/', '/bin', '/etc', '/home', '/opt', '/root', '/sbin', '/srv', '/tmp', '/usr', '/usr/bin', '/usr/lib', '/usr/local',
  '/usr/local/bin', '/usr/local/lib', '/usr/local/sbin', '/usr/local/share', '/usr/sbin', '/usr/share', '/var', '/var/lib',
]);

interface Workdirs {
  /** The working directory before each instruction of the stage (null when unknown). */
  at: Map<Inst, string | null>;
  /** Every WORKDIR of the stage and the stages it builds FROM, in build order, with its resolved path. */
  list: { inst: Inst; path: string | null }[];
  /** The build starts from scratch: only `/` exists. */
  scratch: boolean;
}

/** The stage's working directories, from the model's timeline. */
function workdirs(stage: Stage): Workdirs {
  const at = new Map<Inst, string | null>();
  for (const inst of stage.instructions) at.set(inst, stateAt(inst).workdir);
  return { at, list: workdirsOfChain(stage), scratch: chainOf(stage)[0]!.image?.toLowerCase() === 'scratch' };
}

/** Build order of two instructions of a stage's chain: ONBUILD triggers of the stage come after the rest. */
function before(a: Inst, b: Inst): boolean {
  const ka = a.onbuild ? 1 : 0;
  const kb = b.onbuild ? 1 : 0;
  if (a.stage !== b.stage) return (a.stage?.index ?? 0) < (b.stage?.index ?? 0);
  return ka !== kb ? ka < kb : a.index < b.index;
}

/**
 * Moves the mode or owner into the COPY (or ADD) and takes the command out of the RUN, when that gives the
 * files the same mode or owner: every path the command names is exactly what one COPY wrote, and all of
 * what it wrote; nothing between the COPY and the command writes there; the directory a COPY fills did not
 * exist before it (COPY keeps the mode and owner of a directory that exists); and a created parent directory
 * cannot get a mode without search permission.
 */
function fixOf(
  model: DockerfileModel,
  inst: RunInst,
  mc: ModeCommand,
  hits: Hit[],
  creations: readonly Creation[],
  sequence: readonly Inst[],
  dirs: Workdirs,
  t: T,
): Fix | null {
  const spec = mc.spec!.value;
  if (spec === null || mc.special.length > 0) return null;
  let flag: string;
  if (mc.kind === 'chmod') {
    if (!plainOctalMode(spec)) return null;
    flag = `--chmod=${spec}`;
  } else {
    const value = chownFlagValue(spec);
    if (!value) return null;
    flag = `--chown=${value}`;
  }
  // Every operand is exactly one COPY's path, and every path of those COPYs is named.
  if (hits.length !== mc.operands.length || hits.some((h) => h.relation !== 'exact')) return null;
  const sources = [...new Set(hits.map((h) => h.creation.inst))];
  for (const source of sources) {
    if (copyFlag(source, mc.kind)) return null;
    const info = copyInfo(model, source);
    const own = creations.filter((c) => c.inst === source);
    if (!info || info.heredoc || own.length !== info.sources.length) return null;
    if (own.some((c) => !hits.some((h) => h.creation === c))) return null;
  }
  for (const hit of hits) {
    const c = hit.creation;
    const source = c.inst;
    const file = shapeOf(model, c);
    // Without -R the command changes a directory itself but not what is in it.
    if (!mc.recursive && file === 'dir') return null;
    // What ADD unpacks or clones is not a plain copy.
    if (c.add?.unpacked || c.add?.git) return null;
    // Nothing between the COPY and the command may write under the path.
    const between = sequence.filter((i) => before(source, i) && before(i, inst) && i !== inst);
    if (!nothingBetween(sequence, source, inst, mc)) return null;
    for (const i of between) {
      if ((i.keyword === 'COPY' || i.keyword === 'ADD') && creations.some((x) => x.inst === i && pathRelation(c.path, false, x.path) !== null)) return null;
      if (i.keyword === 'WORKDIR') {
        const w = dirs.list.find((d) => d.inst === i);
        if (!w || w.path === null || (w.path !== c.path && pathRelation(c.path, false, w.path) === 'covers')) return null;
      }
    }
    // A directory that existed before the COPY keeps its own mode and owner.
    if (file !== true) {
      const earlier = creations.slice(0, creations.findIndex((x) => x.inst === source));
      if (earlier.some((x) => pathRelation(x.path, false, c.path) !== null)) return null;
      if (dirs.list.some((d) => before(d.inst, source) && (d.path === null || pathRelation(c.path, false, d.path) === 'covers'))) return null;
    }
    // COPY --chmod gives the parent directories it creates that mode (BuildKit 0.21 / Docker 28.1 and later).
    if (mc.kind === 'chmod' && spec.replace(/^0/, '') !== '755' && !parentExists(c, creations, dirs)) return null;
  }
  const removal = removeCommand(model, inst, mc.cmd);
  if (!removal) return null;
  const lines = sources.map((s) => s.range.start.line + 1).sort((a, b) => a - b);
  const keyword = sources.every((s) => s.keyword === 'ADD') ? 'ADD' : 'COPY';
  const where = t(lines.length === 1 ? 'whereOne' : 'whereList', { keyword, line: lines[0]!, lines: lines.join(', ') });
  return {
    title: t(mc.kind === 'chmod' ? 'fixMode' : 'fixOwner', { where, flag }),
    safety: 'unsafe',
    edits: [...sources.map((s) => addCopyFlag(model, s, flag)), removal],
  };
}

/** Sources that copy a directory's contents (`dir/`, `.`). */
function isContentsCopy(sources: string[]): boolean {
  return sources.some((s) => s.endsWith('/') || s === '.' || s.endsWith('/.'));
}

/**
 * Whether a copied path is a file: `true` when it must be (an ADD download, or a source named into a
 * destination directory: a directory source would put its contents there instead), `dir` when it is a
 * directory (contents of a directory, an unpacked archive, a git checkout), else unknown.
 */
function shapeOf(model: DockerfileModel, c: Creation): true | 'dir' | null {
  if (c.add?.url && !c.add.git) return true;
  if (c.add?.unpacked || c.add?.git) return 'dir';
  const info = copyInfo(model, c.inst);
  if (!info) return null;
  const sources = info.sources.map((s) => s.value ?? '');
  if (isContentsCopy(sources)) return 'dir';
  if ((info.dest?.value ?? '').endsWith('/') || sources.length > 1) return true;
  return null;
}

/** The parent directory of a copied path existed before the COPY (a standard directory or made earlier). */
function parentExists(c: Creation, creations: readonly Creation[], dirs: Workdirs): boolean {
  const parent = c.path.slice(0, c.path.lastIndexOf('/')) || '/';
  if (parent === '/' || (!dirs.scratch && STANDARD_DIRS.has(parent))) return true;
  const earlier = creations.slice(0, creations.findIndex((x) => x.inst === c.inst));
  // Something made earlier at or under the parent directory made the directory too.
  if (earlier.some((x) => pathRelation(parent, false, x.path) === 'covers')) return true;
  return dirs.list.some((d) => before(d.inst, c.inst) && d.path !== null && (d.path === parent || pathRelation(parent, false, d.path) === 'covers'));
}

/** A command named by its tool and subcommand: `npm ci`, `npm run build`, `uv pip install`, `python3 -m pip install`, `make`. */
function commandLabel(cmd: ShellCommand): string {
  const pip = pipCommand(cmd);
  if (pip && pip !== cmd) return `${cmd.name} -m ${commandLabel({ ...pip, name: 'pip' })}`;
  const words = cmd.args.map((a) => a.value).filter((v): v is string => v !== null && !v.startsWith('-'));
  const take = words[0] === 'run' || words[0] === 'pip' ? 2 : words[0] === undefined ? 0 : 1;
  return [cmd.name, ...words.slice(0, take)].join(' ');
}
