/**
 * The per-stage timeline: the WORKDIR, ENV, ARG, USER and SHELL in force at each instruction of a stage,
 * worked out once per stage. A stage starts with what the stage it builds FROM ended with (its ENV, WORKDIR,
 * USER and SHELL, after that stage's ONBUILD triggers, which run first in the stage built FROM it), or,
 * for a stage built FROM an image, with what the catalog knows of that image (its WORKDIR; `/` for
 * `scratch`). ARGs follow BuildKit's scope rules: an ARG is in scope from its declaration to the end of its
 * stage only (a stage built FROM another does not see its ARGs), and an ARG declared before the first FROM
 * is in scope in a stage only once the stage declares it again (`ARG NAME`, which takes the global default).
 * ONBUILD triggers of a stage are placed after the stage's other instructions, in their order.
 *
 * Every rule, split and model module that needs one of these facts asks here; none keeps its own resolver.
 */
import { chainOf } from './chain.js';
import { jsonStrings, modelOfStage, shellOfStageStart, substituteArgs, type Inst, type Stage } from './model.js';
import { defaultsToNonRoot, stageImageRef } from './stageFacts.js';
import { lookupImage, type ImageFacts } from '../catalog/images.js';
import type { JSONInstruction } from 'dockerfile-ast';
import { cached, KeyedCache } from '../memo.js';

/** What is in force just before an instruction (or at the end of a stage). Maps are shared: never change them. */
export interface TimelineState {
  /** The working directory; null when unknown (a WORKDIR with an unknown variable, an image not in the catalog). */
  readonly workdir: string | null;
  /** The WORKDIR instruction that set `workdir` (in the stage or one it builds FROM); null for the image's default. */
  readonly workdirInst: Inst | null;
  /** ENV values as written (not expanded), from the stage and the stages it builds FROM. */
  readonly env: ReadonlyMap<string, string>;
  /** ARGs in scope in the stage, with their default (a stage `ARG X` takes the global default); null: no default. */
  readonly args: ReadonlyMap<string, string | null>;
  /** The USER instruction in force (its argument as written), from the stage or one it builds FROM; null: the image's user. */
  readonly user: { readonly value: string; readonly inst: Inst } | null;
  /**
   * Whom the image the chain starts from runs as when no USER is in force, per the catalog: `root`, `non-root`
   * (distroless `:nonroot`, Chainguard but wolfi-base, the .NET chiseled and Azure Linux distroless images), or
   * null when the image is not known (not in the catalog, or an ARG without default).
   */
  readonly imageUser: 'root' | 'non-root' | null;
  /** The shell RUN's shell form uses (`SHELL`, else the platform default). */
  readonly shell: readonly string[];
  /** The SHELL instruction that set `shell` (in the stage or one it builds FROM); null for the default. */
  readonly shellInst: Inst | null;
}

interface StageTimeline {
  /** State before each instruction of the stage (ONBUILD triggers included), at the instruction's place in `stage.instructions`. */
  before: State[];
  /** State after every instruction of the stage, ONBUILD triggers included: what a stage built FROM it starts with. */
  end: State;
  /** State after the stage's own instructions, ONBUILD triggers aside: the image the stage builds. */
  built: State;
  /** Resolved path of each WORKDIR instruction of the stage (null when unknown). */
  workdirs: Map<Inst, string | null>;
}

const timelines = new KeyedCache<Stage, StageTimeline>();
const NO_ENV: ReadonlyMap<string, string> = new Map();
const NO_ARGS: ReadonlyMap<string, string | null> = new Map();

/**
 * The ENV values or ARGs in force after an instruction, worked out from those before it when first asked for:
 * reading an ENV's or ARG's properties is not cheap in dockerfile-ast, and most states' maps are never read.
 */
class LazyMap<V> {
  private map: ReadonlyMap<string, V> | null;
  private before: LazyMap<V> | null;
  private inst: Inst | null;

  constructor(map: ReadonlyMap<string, V> | null, before: LazyMap<V> | null = null, inst: Inst | null = null, private readonly read: ((map: Map<string, V>, inst: Inst) => void) | null = null) {
    this.map = map;
    this.before = before;
    this.inst = inst;
  }

  get(): ReadonlyMap<string, V> {
    if (this.map === null) {
      const map = new Map(this.before!.get());
      this.read!(map, this.inst!);
      this.map = map;
      this.before = null;
      this.inst = null;
    }
    return this.map;
  }
}

const NO_ENV_MAP = new LazyMap(NO_ENV);
const NO_ARGS_MAP = new LazyMap(NO_ARGS);

/** A state of the timeline: its ENV and ARG maps are read from the instructions when first asked for. */
class State implements TimelineState {
  constructor(
    readonly workdir: string | null,
    readonly workdirInst: Inst | null,
    readonly envMap: LazyMap<string>,
    readonly argsMap: LazyMap<string | null>,
    readonly user: { readonly value: string; readonly inst: Inst } | null,
    readonly imageUser: 'root' | 'non-root' | null,
    readonly shell: readonly string[],
    readonly shellInst: Inst | null,
  ) {}

  get env(): ReadonlyMap<string, string> {
    return this.envMap.get();
  }

  get args(): ReadonlyMap<string, string | null> {
    return this.argsMap.get();
  }

  /** This state with some of its parts changed. */
  with(change: Partial<Pick<State, 'workdir' | 'workdirInst' | 'envMap' | 'argsMap' | 'user' | 'shell' | 'shellInst'>>): State {
    return new State(
      change.workdir !== undefined ? change.workdir : this.workdir,
      change.workdirInst !== undefined ? change.workdirInst : this.workdirInst,
      change.envMap ?? this.envMap,
      change.argsMap ?? this.argsMap,
      change.user !== undefined ? change.user : this.user,
      this.imageUser,
      change.shell ?? this.shell,
      change.shellInst !== undefined ? change.shellInst : this.shellInst,
    );
  }
}

function readEnv(env: Map<string, string>, inst: Inst): void {
  for (const [name, value] of properties(inst)) env.set(name, value ?? '');
}

function readArgs(args: Map<string, string | null>, inst: Inst): void {
  const globals = modelOfStage(inst.stage!)?.globalArgs;
  for (const [name, value] of properties(inst)) args.set(name, value !== null ? value : (globals?.get(name) ?? null));
}

/**
 * The working directory an image starts in, for images whose Dockerfile we know: the official golang images
 * end with `WORKDIR $GOPATH` (/go), php with `WORKDIR /var/www/html`; the families listed set none (so `/`).
 * Null means unknown.
 */
function imageWorkdir(facts: ImageFacts | null): string | null {
  if (!facts || facts.libc === 'windows') return null;
  if (facts.family === 'golang') return '/go';
  if (facts.family === 'php') return '/var/www/html';
  if (IMAGES_WITHOUT_WORKDIR.has(facts.family)) return '/';
  return null;
}

const IMAGES_WITHOUT_WORKDIR = new Set(['scratch', 'debian', 'ubuntu', 'alpine', 'busybox', 'buildpack-deps', 'gcc', 'node', 'python', 'rust', 'distroless']);

/** Joins a WORKDIR argument onto the previous one as Docker does, normalising `.` and `..`. */
export function joinPath(base: string, path: string): string {
  const parts = (path.startsWith('/') ? path : `${base}/${path}`).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '' || p === '.') continue;
    if (p === '..') out.pop();
    else out.push(p);
  }
  return `/${out.join('/')}`;
}

function startState(stage: Stage): State {
  if (stage.parent) {
    const p = timelineOf(stage.parent).end;
    return p.with({ argsMap: NO_ARGS_MAP });
  }
  const scratch = stage.image?.toLowerCase() === 'scratch';
  const ref = stageImageRef(stage);
  const facts = ref ? lookupImage(ref) : null;
  return new State(
    scratch ? '/' : imageWorkdir(facts),
    null,
    NO_ENV_MAP,
    NO_ARGS_MAP,
    null,
    ref && facts ? (defaultsToNonRoot(ref, facts) ? 'non-root' : 'root') : null,
    shellOfStageStart(stage),
    null,
  );
}

/**
 * An ENV's or ARG's names and values as written, read once per dockerfile-ast node: an incremental parse keeps the
 * node of an instruction whose text did not change (`incremental.ts`), so an edit reads again only the ones it made.
 */
function properties(inst: Inst): readonly (readonly [string, string | null])[] {
  return cached(propertiesOfNode, inst.node, readProperties);
}
const propertiesOfNode = new KeyedCache<object, readonly (readonly [string, string | null])[]>();
function readProperties(node: object): readonly (readonly [string, string | null])[] {
  const props = (node as { getProperties?(): { getName(): string; getValue(): string | null }[] }).getProperties?.() ?? [];
  return props.map((p) => [p.getName(), p.getValue()] as const);
}

/** The state after `inst`, given the state before it. */
function apply(state: State, inst: Inst, workdirs: Map<Inst, string | null>): State {
  switch (inst.keyword) {
    case 'WORKDIR': {
      const dir = nextWorkdir(inst, state.workdir, state);
      workdirs.set(inst, dir);
      return state.with({ workdir: dir, workdirInst: inst });
    }
    case 'ENV':
      return state.with({ envMap: new LazyMap(null, state.envMap, inst, readEnv) });
    case 'ARG':
      return state.with({ argsMap: new LazyMap(null, state.argsMap, inst, readArgs) });
    case 'USER': {
      const value = inst.node.getArguments().map((a) => a.getValue()).join(' ');
      return state.with({ user: { value, inst } });
    }
    case 'SHELL': {
      const model = modelOfStage(inst.stage!);
      const shell = model ? jsonStrings(model, inst.node as JSONInstruction).map((w) => w.value ?? '') : [];
      return shell.length > 0 ? state.with({ shell, shellInst: inst }) : state;
    }
    default:
      return state;
  }
}

/**
 * The directory a WORKDIR instruction sets when `before` is the one in force (null when unknown): its argument
 * expanded with the ENV and ARGs of `state`, joined onto `before` when relative.
 */
function nextWorkdir(inst: Inst, before: string | null, state: TimelineState): string | null {
  const raw = inst.node.getArguments().map((a) => a.getValue()).join(' ');
  const value = expandIn(raw, state);
  if (value === null || value === '') return null;
  if (value.startsWith('/')) return joinPath('/', value);
  return before === null ? null : joinPath(before, value);
}

function timelineOf(stage: Stage): StageTimeline {
  let t = timelines.get(stage);
  if (t) return t;
  const insts = stage.instructions;
  const before: State[] = new Array<State>(insts.length);
  const workdirs = new Map<Inst, string | null>();
  let state = startState(stage);
  for (let k = 0; k < insts.length; k++) {
    const inst = insts[k]!;
    if (inst.onbuild) continue;
    before[k] = state;
    state = apply(state, inst, workdirs);
  }
  const built = state;
  for (let k = 0; k < insts.length; k++) {
    const inst = insts[k]!;
    if (!inst.onbuild) continue;
    before[k] = state;
    state = apply(state, inst, workdirs);
  }
  t = { before, end: state, built, workdirs };
  timelines.set(stage, t);
  return t;
}

const OUTSIDE_STAGES = new State(null, null, NO_ENV_MAP, NO_ARGS_MAP, null, null, [], null);

/** What is in force just before `inst`; for an instruction outside any stage (a global ARG), an empty state. */
export function stateAt(inst: Inst): TimelineState {
  const stage = inst.stage;
  if (!stage) return OUTSIDE_STAGES;
  const t = timelineOf(stage);
  // A stage's instructions are numbered one after another in the model: its place is found by its number,
  // checked (and looked for when the numbering says otherwise).
  const insts = stage.instructions;
  let k = insts.length > 0 ? inst.index - insts[0]!.index : -1;
  if (insts[k] !== inst) k = insts.indexOf(inst);
  return (k >= 0 ? t.before[k] : undefined) ?? t.built;
}

/** What is in force at the end of a stage's own instructions (its ONBUILD triggers aside): the image's config. */
export function stateAtEnd(stage: Stage): TimelineState {
  return timelineOf(stage).built;
}

/** ENV values in force at an instruction (as written, not expanded). */
export function envAt(inst: Inst): ReadonlyMap<string, string> {
  return stateAt(inst).env;
}

/** ARG defaults in scope at an instruction (ARGs with no known default left out): environment variables for RUN. */
export function argDefaultsAt(inst: Inst): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of stateAt(inst).args) if (v !== null) out.set(k, v);
  return out;
}

/**
 * The variables with a known value a RUN's commands see at `inst`: ARG defaults in scope, overridden by ENV
 * values (an ENV wins over an ARG of the same name).
 */
export function variablesAt(inst: Inst): Map<string, string | null> {
  const out = new Map<string, string | null>(argDefaultsAt(inst));
  for (const [k, v] of stateAt(inst).env) out.set(k, v);
  return out;
}

function expandIn(text: string, state: TimelineState): string | null {
  if (!text.includes('$')) return text;
  const vars = new Map<string, string | null>(state.args);
  for (const [k, v] of state.env) vars.set(k, v);
  const out = substituteArgs(text, vars);
  return out === null || out.includes('$') ? null : out;
}

/**
 * `$X`, `${X}`, `${X:-word}` expanded from the ENV values and ARG defaults in force at `inst` (ENV first);
 * null when a variable has no known value or a value holds a variable of its own.
 */
export function expandAt(text: string, inst: Inst): string | null {
  return expandIn(text, stateAt(inst));
}

/**
 * The working directory in force at an instruction (or at the end of the stage's own instructions when
 * `inst` is omitted). `fromInstructions` tells whether a WORKDIR instruction set it (rather than the
 * image's default); `dir` is null when unknown.
 */
export function workdirAt(stage: Stage, inst?: Inst): { dir: string | null; fromInstructions: boolean } {
  const s = inst ? stateAt(inst) : stateAtEnd(stage);
  return { dir: s.workdir, fromInstructions: s.workdirInst !== null };
}

/** The WORKDIR instructions of a stage's chain in build order, each with the path it sets. */
export function workdirsOfChain(stage: Stage): { inst: Inst; path: string | null }[] {
  const out: { inst: Inst; path: string | null }[] = [];
  for (const s of chainOf(stage)) for (const [inst, path] of timelineOf(s).workdirs) out.push({ inst, path });
  return out;
}

/**
 * The WORKDIR instructions of a stage's own instructions in order, each with the directory it sets when the
 * stage starts in `initial` rather than where the timeline starts it: the file after an edit that puts a WORKDIR
 * right after FROM (the split). Read as the timeline reads them (expanded with what is in force at each).
 */
export function workdirsFrom(stage: Stage, initial: string | null): { inst: Inst; dir: string | null }[] {
  const out: { inst: Inst; dir: string | null }[] = [];
  let dir = initial;
  for (const inst of stage.instructions) {
    if (inst.keyword !== 'WORKDIR' || inst.onbuild) continue;
    dir = nextWorkdir(inst, dir, stateAt(inst));
    out.push({ inst, dir });
  }
  return out;
}

/** The USER in force at the end of a stage's own instructions (the user the container starts as), or null. */
export function lastUser(stage: Stage): { inst: Inst; value: string } | null {
  return stateAtEnd(stage).user;
}

/** The USER in force at an instruction (from the stage or one it builds FROM), or null when none was set. */
export function userAt(inst: Inst): { inst: Inst; value: string } | null {
  return stateAt(inst).user;
}

/** The shell a shell-form RUN at `inst` would use. */
export function shellAt(inst: Inst): readonly string[] {
  return stateAt(inst).shell;
}
