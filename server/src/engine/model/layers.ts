/**
 * The layer walk: follows a stage (and the stages it builds FROM) instruction by instruction and records
 * which files each instruction writes, so that a later removal can name the instruction whose layer keeps
 * the bytes. COPY/ADD are read here, RUNs in `layerRun.ts`; the walk's state is in `layerWalk.ts`.
 */
import { jsonStrings, type DockerfileModel, type Inst, type RunInfo, type Stage } from './model.js';
import { expandAt, stateAt } from './timeline.js';
import { isArchiveName, isTarName, normalizePath, resolvePath, urlBasename } from './paths.js';
import { addCreation, copyCreation, CreationIndex, type StageLayers, type Walk } from './layerWalk.js';
import { runStep } from './layerRun.js';
import { chainOf } from './chain.js';
import { carriedLayers, type WalkedStage } from './layerCarry.js';
import { cached, KeyedCache } from '../memo.js';

export type { CacheId, Creation, LaterExtraction, LaterRemoval, StageLayers } from './layerWalk.js';

/**
 * Follows a stage (and the stages it builds FROM) instruction by instruction and returns, for the
 * stage's own RUNs (ONBUILD triggers included, as if they ran after the stage), each command that
 * removes what an earlier instruction wrote, and each extraction of a file an ADD brought in.
 */
export function stageLayers(model: DockerfileModel, stage: Stage): StageLayers {
  const known = layersCache.get(stage);
  if (known) return known;
  const carried = carriedLayers(model, stage, walkedStage, (s) => {
    stageLayers(model, s);
    return walkedStage(s);
  });
  if (carried) {
    layersCache.set(stage, carried.out);
    walkAfter.set(stage, carried.walk);
    lastWalk.set(model, { stage, walk: carried.walk });
    return carried.out;
  }
  const out: StageLayers = { removals: [], extractions: [], creations: [] };
  // A parent is always an earlier stage, so this walk ends.
  const parent = stage.parent && stage.parent.index < stage.index ? stage.parent : null;
  const last = lastWalk.get(model);
  let walk: Walk;
  if (parent && last && last.stage === parent) {
    // Stages are asked for in order: a chain of stages is walked once, not once per stage.
    walk = cloneWalk(last.walk, out);
  } else {
    const chain = chainOf(stage).slice(0, -1);
    walk = {
      model,
      cwd: null,
      home: '/root',
      creations: out.creations,
      index: new CreationIndex(),
      packages: new Map(),
      devDependencies: null,
      mine: new Set(),
      record: false,
      out,
    };
    for (const s of chain) for (const inst of s.instructions) if (!inst.onbuild) step(walk, inst);
  }
  walk.record = true;
  for (const inst of stage.instructions) if (!inst.onbuild) step(walk, inst);
  const triggers = stage.instructions.filter((inst) => inst.onbuild);
  // The walk is kept for a child stage as it stands now; ONBUILD triggers go on from a copy of every creation (they
  // change the stage's own in place). Without triggers it changes no more, and the child goes on from a copy that
  // shares its creations until it changes them (`own`).
  const after = triggers.length > 0 ? copyWalk(walk) : walk;
  lastWalk.set(model, { stage, walk: after });
  walkAfter.set(stage, after);
  for (const inst of triggers) step(walk, inst);
  layersCache.set(stage, out);
  return out;
}

// Two rules read the layers of every shipped stage: each stage's are worked out once per lint.
const layersCache = new KeyedCache<Stage, StageLayers>();
/** The walk after each stage walked (its own instructions, ONBUILD triggers aside), for the next version (`layerCarry.ts`). */
const walkAfter = new KeyedCache<Stage, Walk>();
function walkedStage(stage: Stage): WalkedStage | null {
  const out = layersCache.get(stage);
  const walk = walkAfter.get(stage);
  return out && walk ? { out, walk } : null;
}
/** The walk after the last stage asked for (its own instructions, ONBUILD triggers aside), for its child. */
const lastWalk = new KeyedCache<DockerfileModel, { stage: Stage; walk: Walk }>();

/**
 * A walk that goes on from `w` without changing it, recording into `out`: its lists are copies, its creations
 * those of `w` until it changes one (`own`). `w` must change no more.
 */
function cloneWalk(w: Walk, out: StageLayers): Walk {
  out.creations = w.creations.slice();
  return { ...w, creations: out.creations, index: w.index.clone(), packages: copyPackages(w), mine: new Set(), record: false, out };
}

/** A copy of a walk and of every creation in it, which can go on while `w` goes on too (a stage's ONBUILD triggers). */
function copyWalk(w: Walk): Walk {
  // A creation's holes are its own: the copy's later removals do not add to the original's (kept for the next version).
  const creations = w.creations.map(copyCreation);
  const index = new CreationIndex();
  for (const c of creations) index.add(c);
  return { ...w, creations, index, packages: copyPackages(w), mine: new Set(creations), record: false, out: { removals: [], extractions: [], creations } };
}

function copyPackages(w: Walk): Walk['packages'] {
  return new Map([...w.packages].map(([manager, names]) => [manager, new Map(names)] as const));
}

function step(w: Walk, inst: Inst): void {
  switch (inst.keyword) {
    case 'COPY':
    case 'ADD':
      at(w, inst);
      copyStep(w, inst);
      return;
    case 'RUN':
      if (!inst.run) return;
      at(w, inst);
      runStep(w, inst as Inst & { run: RunInfo });
      return;
    default:
  }
}

/**
 * The walk's working directory and home at an instruction that writes files (the others read neither). They come
 * from the stage's timeline; home is known for root only (with no USER, the image's user: root unless the
 * catalog knows it starts as another).
 */
function at(w: Walk, inst: Inst): void {
  const state = stateAt(inst);
  w.cwd = state.workdir;
  w.home = state.user === null ? (state.imageUser !== 'non-root' ? '/root' : null) : cached(homeOfUser, state.user, userHome);
}

/** The home of a USER (its argument as written): `/root` for root, else unknown. One answer per USER in force. */
const homeOfUser = new KeyedCache<{ readonly value: string }, string | null>();
function userHome(user: { readonly value: string }): string | null {
  const name = user.value.trim().split(':')[0];
  return name === 'root' || name === '0' ? '/root' : null;
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
  const destValue = destText.includes('$') ? expandAt(destText, inst) : destText;
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
    const trimmed = withoutTrailingSlashes(src);
    const base = trimmed.slice(trimmed.lastIndexOf('/') + 1);
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
    const source = contents ? trimmed : src;
    addCreation(w, { path, shape: zip ? 'file' : 'tree', inst, verb, copied: { source, fromContext }, add: zip ? { source: src, url: false, git: false, archive: true, unpacked: false } : undefined });
  }
}

/** `a/b//` → `a/b` (the path as a COPY source names it; `/` alone → ''). */
function withoutTrailingSlashes(path: string): string {
  let end = path.length;
  while (end > 0 && path.charCodeAt(end - 1) === 47 /* / */) end--;
  return end === path.length ? path : path.slice(0, end);
}
