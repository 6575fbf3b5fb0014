/**
 * Images whose purpose is to build: a stage that installs the tools that make root file systems, boot media
 * or system packages in a chroot (`debootstrap`, `live-build`, `isolinux`, `sbuild`, `mock`…) and leaves them
 * for the container to run. Such an image runs those builds when it starts (`debootstrap` as ENTRYPOINT, a
 * script that prepares a root file system), so its compilers and headers are what it runs, not leftovers of a
 * finished build.
 */
import { cached, KeyedCache } from '../memo.js';
import { chainOf } from './chain.js';
import { unchangedStage } from './incremental.js';
import { modelOfStage, type RunInfo, type Stage } from './model.js';
import { runRead, runsOf } from './runs.js';
import { installsPackages, packageCall, packageOperands } from './packages.js';

/**
 * Packages (Debian, Ubuntu, Fedora names) that only build root file systems, boot media or system packages
 * in a chroot, with the command each provides (null: files other programs use). Compilers, `make`, and
 * `devscripts` or `rpm-build` (build-dependency lists name them for an ordinary source build) are not here.
 */
const BUILD_ENVIRONMENT_TOOLS: ReadonlyMap<string, string | null> = new Map([
  ['debootstrap', 'debootstrap'],
  ['cdebootstrap', 'cdebootstrap'],
  ['mmdebstrap', 'mmdebstrap'],
  ['multistrap', 'multistrap'],
  ['live-build', 'lb'],
  ['mkosi', 'mkosi'],
  ['kiwi', 'kiwi-ng'],
  ['python3-kiwi', 'kiwi-ng'],
  ['isolinux', null],
  ['xorriso', 'xorriso'],
  ['genisoimage', 'genisoimage'],
  ['pbuilder', 'pbuilder'],
  ['cowbuilder', 'cowbuilder'],
  ['sbuild', 'sbuild'],
  ['mock', 'mock'],
]);

/** Package name without version, architecture or repository pinning (`debootstrap=1.0.128`, `mock:amd64`). */
function bare(name: string): string {
  return name.replace(/[:=<>~@].*$/, '') || name;
}

/**
 * The first tool for building root file systems, boot media or packages (see `BUILD_ENVIRONMENT_TOOLS`) that
 * a RUN of the stage or of a stage it builds FROM installs and no RUN there runs, or null. A tool the
 * Dockerfile runs itself (`RUN debootstrap bookworm /rootfs`) served the image build, not the container.
 */
export function buildEnvironmentTool(stage: Stage): string | null {
  // Three rules ask about the final stage in one lint: the chain's commands are read once.
  return cached(toolOfStage, stage, readBuildEnvironmentTool);
}
const toolOfStage = new KeyedCache<Stage, string | null>();

function readBuildEnvironmentTool(stage: Stage): string | null {
  const installed: string[] = [];
  const ran = new Set<string>();
  for (const s of chainOf(stage)) {
    const own = stageTools(s);
    installed.push(...own.installed);
    for (const name of own.ran) ran.add(name);
  }
  return installed.find((p) => !ran.has(BUILD_ENVIRONMENT_TOOLS.get(p) ?? '')) ?? null;
}

/** What a stage's own RUNs (ONBUILD triggers aside) install of the tools and which commands they run: read once per stage, not once per stage built FROM it. */
function stageTools(stage: Stage): { installed: string[]; ran: Set<string> } {
  return cached(toolsOfStage, stage, readStageTools);
}
const toolsOfStage = new KeyedCache<Stage, { installed: string[]; ran: Set<string> }>();

function readStageTools(stage: Stage): { installed: string[]; ran: Set<string> } {
  // A stage whose instructions the last version had unchanged (and every stage before it): the last answer.
  const model = modelOfStage(stage);
  const was = model && unchangedStage(model, stage);
  const known = was && toolsOfStage.get(was);
  if (known) return known;
  const installed: string[] = [];
  const ran = new Set<string>();
  for (const inst of runsOf([stage])) {
    if (inst.onbuild || !inst.run.script) continue;
    const own = runTools(inst.run);
    for (const name of own.installed) installed.push(name);
    for (const name of own.ran) ran.add(name);
  }
  return { installed, ran };
}

/**
 * What one RUN installs of the tools and which commands it runs. Position-free, so kept per read of the RUN
 * (`runRead`): a RUN an edit did not touch, or only moved, is not read again on the next version.
 */
function runTools(run: RunInfo): { installed: readonly string[]; ran: readonly string[] } {
  return cached(toolsOfRun, runRead(run), () => readRunTools(run));
}
const toolsOfRun = new KeyedCache<object, { installed: readonly string[]; ran: readonly string[] }>();

function readRunTools(run: RunInfo): { installed: readonly string[]; ran: readonly string[] } {
  const installed: string[] = [];
  const ran: string[] = [];
  for (const cmd of run.script?.commands ?? []) {
    if (cmd.name) ran.push(cmd.name.slice(cmd.name.lastIndexOf('/') + 1));
    const call = packageCall(cmd);
    if (!call || !installsPackages(call)) continue;
    for (const w of packageOperands(call)) if (w.value !== null && BUILD_ENVIRONMENT_TOOLS.has(bare(w.value))) installed.push(bare(w.value));
  }
  return { installed, ran };
}
