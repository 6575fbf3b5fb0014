/**
 * apt installs and what they add, estimated from Debian's package data: for each `apt-get install` of a
 * stage chain, the packages apt would add on the stage's image (its catalogued package set plus earlier
 * installs of the chain), with and without Recommends. One home for "does this install bring recommends".
 */
import type { Basis } from '../catalog/basis.js';
import { aptNames, InstalledPackages, suiteSource, type AptClosure } from '../catalog/debianPackages.js';
import { packageSetOf, type PackageSet } from '../catalog/packageSets.js';
import { findOption, optionValues, subcommand } from './commands.js';
import { installOf, removalOf } from './builds.js';
import { unchangedPrefix, unchangedStage } from './incremental.js';
import { afterEditedRun } from './editedRun.js';
import type { DockerfileModel, Inst, RunInfo, Stage } from './model.js';
import { commandQuery, commandsWhere } from './runs.js';
import { PACKAGE_MANAGERS } from './packageManagers.js';
import type { ShellCommand } from './shell.js';
import { stageImageFacts, stageImageRef } from './stageFacts.js';
import { KeyedCache } from '../memo.js';

const APT = PACKAGE_MANAGERS.apt.commands;
const APT_OPTIONS_WITH_VALUE = PACKAGE_MANAGERS.apt.optionsWithValue;
/** apt's configuration turning recommends off, as an option value or in a config file written by a RUN. */
export const RECOMMENDS_OFF = /APT::Install-Recommends\s*(?:=|\s)\s*\\?["']?\\?(?:false|0|no|off)\b/i;

/** The `install` word of an apt install that really installs (not a simulation); null otherwise. */
export function aptInstallWord(cmd: ShellCommand): ShellCommand['args'][number] | null {
  if (!cmd.name || !APT.includes(cmd.name)) return null;
  const sub = subcommand(cmd, APT_OPTIONS_WITH_VALUE);
  if (!sub || sub.word.value !== 'install') return null;
  // A simulation installs nothing.
  if (findOption(cmd, ['--simulate', '--just-print', '--dry-run', '--recon', '--no-act'], 's')) return null;
  return sub.word;
}

/** The command itself turns recommends off (`--no-install-recommends`, `-o APT::Install-Recommends=false`). */
export function commandSkipsRecommends(cmd: ShellCommand): boolean {
  if (findOption(cmd, ['--no-install-recommends'])) return true;
  return optionValues(cmd, ['-o', '--option']).some((v) => RECOMMENDS_OFF.test(v.replace('=', ' ')));
}

/**
 * The commands of a RUN (indices in its script's `commands`) that install with apt (`aptInstallWord`) and do not
 * turn recommends off themselves (`commandSkipsRecommends`). Kept per read of the RUN (`commandsWhere`), so that
 * after an edit the moved RUNs' commands are not read again.
 */
export function aptInstallsWithRecommends(run: RunInfo): readonly number[] {
  return commandsWhere(run, INSTALLS_WITH_RECOMMENDS);
}

const INSTALLS_WITH_RECOMMENDS = commandQuery((cmd) => aptInstallWord(cmd) !== null && !commandSkipsRecommends(cmd));

export interface AptInstallEstimate {
  readonly inst: Inst;
  readonly cmd: ShellCommand;
  /** The packages as named (literal names only; see `complete`). */
  readonly names: readonly string[];
  /** Every package word is a literal name the data knows: the figures below cover the whole install. */
  readonly complete: boolean;
  /** apt installs Recommends here (no option or earlier config turns them off). */
  readonly installsRecommends: boolean;
  readonly base: PackageSet;
  /** The image the estimate starts from, as written in the root FROM. */
  readonly image: string;
  readonly withRecommends: AptClosure;
  readonly withoutRecommends: AptClosure;
  /** Recommends a build or download needs that `--no-install-recommends` would drop (see loadBearingRecommends). */
  readonly loadBearing: readonly { add: string; for: string }[];
  /** Bytes this command adds as written. */
  readonly addedBytes: number;
  /** Bytes `--no-install-recommends` saves, keeping the load-bearing recommends (0 when already off). */
  readonly recommendsBytes: number;
  /** Where the figures come from (formatted in the user's language where it is shown). */
  readonly basis: Basis;
}

/**
 * What any RUN that installs with apt adds besides the packages: a layer stores every file it changes whole,
 * and an install rewrites `/var/cache/debconf/templates.dat` (753,157 bytes in debian:bookworm-slim),
 * `config.dat`, `/var/lib/dpkg/status` and `status-old` (77,127 bytes each), apt's `extended_states` and the
 * logs (a few dozen kB). Read with `podman diff` after `apt-get install unzip` in localhost/debian:bookworm-slim
 * (bench/image-size/setup.sh), 2026-12-07; `templates.dat-old` is not rewritten. Counted once per RUN.
 */
export const APT_LAYER_OVERHEAD_BYTES = 753_157 + 4_401 + 2 * 77_127 + 40_000;

const memo = new KeyedCache<DockerfileModel, Map<ShellCommand, AptInstallEstimate>>();

/** The estimate of every apt install in the file that has one (Debian- or Ubuntu-based images in the catalog). */
export function aptInstallEstimates(model: DockerfileModel): ReadonlyMap<ShellCommand, AptInstallEstimate> {
  let out = memo.get(model);
  if (out) return out;
  out = new Map();
  const recommendsOff = new RecommendsConfig(model.text);
  /**
   * Packages present at the end of each stage, for the stages built FROM it: as written, and as they would be
   * with every install's recommends turned off but its load-bearing ones kept (what the fixes make). Load-bearing
   * recommends are computed against the latter, so that fixing all installs keeps what each one needs.
   */
  // `same`: the two sets hold the same packages (every install so far turned recommends off and needed none
  // back, as in most official images), so that the closures on `lean` are those on `installed`.
  const after = new Map<Stage, PackagesAfter>();
  const carried = carriedEstimates(model);
  for (const stage of model.stages) {
    const parentState = stage.parent && stage.parent.index < stage.index ? after.get(stage.parent) : undefined;
    // A stage among the instructions the last version shares unchanged (and so its chain), or after an edited RUN
    // and starting from the same packages: its estimates and the packages after it are the last version's, on this
    // model's instructions and commands.
    const kept = carried?.(stage, parentState);
    if (kept) {
      after.set(stage, kept.state);
      for (const e of kept.estimates) out.set(kept.cmd(e), onInst(e, model.instructions[e.inst.index]!, kept.cmd(e)));
      continue;
    }
    const ref = stageImageRef(stage);
    const facts = stageImageFacts(stage);
    const base = ref && facts ? packageSetOf(ref, facts) : null;
    // The sets are values (a change makes another set): the parent's are taken as they are.
    const state = { written: parentState?.written ?? InstalledPackages.root(base?.packages ?? NO_PACKAGES), lean: parentState?.lean ?? InstalledPackages.root(base?.packages ?? NO_PACKAGES), same: parentState?.same ?? true };
    after.set(stage, state);
    if (!base || !ref) continue;
    for (const inst of stage.instructions) {
      const script = inst.run?.script;
      if (!script || inst.onbuild) continue;
      for (const cmd of script.commands) {
        const removal = removalOf(cmd);
        if (removal) {
          // Removed by name; what it brought stays in the estimate (an autoremove is not modelled).
          state.written = state.written.removing(removal.names);
          state.lean = state.lean.removing(removal.names);
          continue;
        }
        if (!aptInstallWord(cmd)) continue;
        const install = installOf(cmd);
        const words = install?.packages ?? [];
        const names = words.map((p) => p.name).filter((n): n is string => n !== null && /^[a-z0-9][a-z0-9+.-]*$/.test(n));
        const installsRecommends = !commandSkipsRecommends(cmd) && !recommendsOff.disabledBefore(inst);
        const { written: installed, lean } = state;
        const asked = aptNames(names);
        const withRecommends = installed.closure(base.suite, asked, true, base.slim);
        const withoutRecommends = installed.closure(base.suite, asked, false, base.slim);
        const loadBearing = lean.loadBearingRecommends(base.suite, asked, base.slim);
        const leanNames = loadBearing.length > 0 ? aptNames([...loadBearing.map((l) => l.add), ...names]) : asked;
        const leanClosure = state.same && loadBearing.length === 0 ? withoutRecommends : lean.closure(base.suite, leanNames, false, base.slim);
        const kept = loadBearing.length > 0 ? installed.closure(base.suite, leanNames, false, base.slim).bytes : withoutRecommends.bytes;
        const applied = installsRecommends ? withRecommends : withoutRecommends;
        const image = rootImageText(stage);
        out.set(cmd, {
          inst,
          cmd,
          names,
          complete: names.length > 0 && names.length === words.length && withRecommends.unknown.length === 0,
          installsRecommends,
          base,
          image,
          withRecommends,
          withoutRecommends,
          loadBearing,
          addedBytes: applied.bytes,
          recommendsBytes: installsRecommends ? Math.max(0, withRecommends.bytes - kept) : 0,
          basis: { key: 'aptInstall', args: { image, set: base.source, index: suiteSource(base.suite) } },
        });
        state.written = installed.adding(base.suite, asked, installsRecommends, applied);
        state.lean = lean.adding(base.suite, leanNames, false, leanClosure);
        state.same &&= applied === leanClosure;
      }
    }
  }
  memo.set(model, out);
  statesAfter.set(model, after);
  return out;
}

type PackagesAfter = { written: InstalledPackages; lean: InstalledPackages; same: boolean };
/** The packages at the end of each stage (not changed once the stage is done: stages built FROM it start from them). */
const NO_PACKAGES: ReadonlySet<string> = new Set();
const statesAfter = new KeyedCache<DockerfileModel, Map<Stage, PackagesAfter>>();

/**
 * The last version's estimates and packages after a stage, for the stages whose instructions it shares unchanged,
 * and for a stage after the one RUN an edit changed when it starts from the same packages as it did (the sets are
 * canonical: the same history gives the same object) and neither version of that RUN names apt's Recommends
 * option (which a later stage's installs read): its installs are the same commands, moved.
 */
function carriedEstimates(
  model: DockerfileModel,
): ((stage: Stage, parentState: PackagesAfter | undefined) => { state: PackagesAfter; estimates: AptInstallEstimate[]; cmd(e: AptInstallEstimate): ShellCommand } | null) | null {
  const prefix = unchangedPrefix(model);
  const was = prefix && memo.get(prefix.earlier);
  const states = prefix && statesAfter.get(prefix.earlier);
  if (!prefix || !was || !states) return null;
  const byStage = new Map<number, AptInstallEstimate[]>();
  for (const e of was.values()) {
    const k = e.inst.stage?.index ?? -1;
    let list = byStage.get(k);
    if (!list) byStage.set(k, (list = []));
    list.push(e);
  }
  const same = (e: AptInstallEstimate): ShellCommand => e.cmd;
  return (stage, parentState) => {
    const old = unchangedStage(model, stage);
    const state = old && states.get(old);
    if (state) return { state, estimates: byStage.get(stage.index) ?? [], cmd: same };
    const moved = afterEditedRun(model, stage);
    const before = moved && stage.parent && stage.parent.index < stage.index ? states.get(moved.earlier.stages[stage.parent.index]!) : undefined;
    const kept = moved && states.get(moved.was);
    if (!moved || !kept || !sameState(parentState, before) || namesRecommends(model, moved.earlier, moved.edited)) return null;
    return { state: kept, estimates: byStage.get(stage.index) ?? [], cmd: (e) => moved.cmd(e.cmd, e.inst) };
  };
}

function sameState(a: PackagesAfter | undefined, b: PackagesAfter | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && a.written === b.written && a.lean === b.lean && a.same === b.same);
}

/** Either version of the instruction names apt's Recommends option. */
function namesRecommends(model: DockerfileModel, earlier: DockerfileModel, index: number): boolean {
  const now = model.instructions[index]!;
  const was = earlier.instructions[index]!;
  return /APT::Install-Recommends/i.test(model.text.slice(now.start, now.end)) || /APT::Install-Recommends/i.test(earlier.text.slice(was.start, was.end));
}

/** The estimate on another instruction (every field written out: a spread of this many is slow in V8). */
function onInst(e: AptInstallEstimate, inst: Inst, cmd: ShellCommand): AptInstallEstimate {
  return {
    inst,
    cmd,
    names: e.names,
    complete: e.complete,
    installsRecommends: e.installsRecommends,
    base: e.base,
    image: e.image,
    withRecommends: e.withRecommends,
    withoutRecommends: e.withoutRecommends,
    loadBearing: e.loadBearing,
    addedBytes: e.addedBytes,
    recommendsBytes: e.recommendsBytes,
    basis: e.basis,
  };
}

function rootImageText(stage: Stage): string {
  let s = stage;
  while (s.parent && s.parent.index < s.index) s = s.parent;
  return s.image ?? s.imageText;
}

/**
 * Whether an earlier RUN of the stage, or any RUN of a stage it builds FROM, turned recommends off in apt's
 * config. Each stage is looked at once (reading an instruction's raw text is not cheap in dockerfile-ast).
 */
export class RecommendsConfig {
  /** Start offset of the first RUN of the stage that turns recommends off, or null. */
  private readonly firstOff = new Map<Stage, number | null>();
  private readonly inherited = new Map<Stage, boolean>();

  /** `text`: the document's text, to skip the RUNs that do not mention the option without asking the parser. */
  /** Whether the document names the option at all (most do not: then no RUN is read). */
  private readonly named: boolean;

  constructor(private readonly text?: string) {
    this.named = text === undefined || /APT::Install-Recommends/i.test(text);
  }

  private mayNameOption(inst: Inst): boolean {
    return this.named && (this.text === undefined || /APT::Install-Recommends/i.test(this.text.slice(inst.start, inst.end)));
  }

  disabledBefore(inst: Inst): boolean {
    const stage = inst.stage;
    if (!stage) return false;
    const first = this.firstOffIn(stage);
    if (first !== null && first < inst.start) return true;
    return stage.parent !== null && this.anywhere(stage.parent);
  }

  private firstOffIn(stage: Stage): number | null {
    if (!this.firstOff.has(stage)) {
      // The arguments are part of the instruction's text: a RUN that does not name the option (`APT::Install-Recommends`) is not read further.
      const off = stage.instructions.find((i) => i.keyword === 'RUN' && this.mayNameOption(i) && RECOMMENDS_OFF.test(i.node.getRawArgumentsContent() ?? ''));
      this.firstOff.set(stage, off ? off.start : null);
    }
    return this.firstOff.get(stage)!;
  }

  /** The stage or one of its ancestors turns recommends off somewhere. */
  private anywhere(stage: Stage): boolean {
    // Walk up to the first stage already known, then fill in the answers on the way back down.
    const path: Stage[] = [];
    let s: Stage | null = stage;
    while (s && !this.inherited.has(s)) {
      path.push(s);
      s = s.parent;
    }
    let answer = s ? this.inherited.get(s)! : false;
    for (let i = path.length - 1; i >= 0; i--) {
      answer = answer || this.firstOffIn(path[i]!) !== null;
      this.inherited.set(path[i]!, answer);
    }
    return answer;
  }
}
