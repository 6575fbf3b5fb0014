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
import { modelOfStage, type Stage } from './model.js';
import { runsOf } from './runs.js';
import { BUILD_ENVIRONMENT_TOOLS, runBuildEnvironment } from './runBuildRead.js';

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
    // What the RUN installs of the tools and the commands it runs, kept per read of the RUN (`runBuildEnvironment`).
    const own = runBuildEnvironment(inst.run);
    for (const name of own.installed) installed.push(name);
    for (const name of own.ran) ran.add(name);
  }
  return { installed, ran };
}
