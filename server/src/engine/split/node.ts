/**
 * Node.js (npm, yarn): install and build in the build stage as written, then drop the devDependencies
 * (`npm prune --omit=dev`; yarn projects keep them) and copy the application directory (package.json,
 * `node_modules`, built output) into the `-slim` image of the same Node.js version, which has npm and yarn.
 */
import { interpreterRuntime, sameImage, slimImage } from './images.js';
import { commandsOf, refuse } from './common.js';
import type { EcosystemPlan, Refusal, SplitContext } from './types.js';

const OTHER_MANAGERS = new Set(['pnpm', 'bun', 'corepack']);

export function planNode(ctx: SplitContext): EcosystemPlan | Refusal {
  const commands = commandsOf(ctx);
  const other = commands.find((c) => c.cmd.name !== null && OTHER_MANAGERS.has(c.cmd.name));
  if (other) return refuse('nodeOtherTool', { tool: other.cmd.name ?? '' });
  const yarn = commands.some((c) => c.cmd.name === 'yarn');
  for (const { inst, cmd } of commands) {
    if (cmd.name !== 'npm' && cmd.name !== 'yarn') continue;
    if (cmd.name === 'yarn' && cmd.args[0]?.value === 'global') {
      return refuse('yarnGlobal');
    }
    if (cmd.args.some((a) => a.value === '-g' || a.value === '--global' || a.value === '--location=global')) {
      return refuse('npmGlobal');
    }
    const cd = inst.run.script?.commands.find((c) => (c.name === 'cd' || c.name === 'pushd') && c.start < cmd.start);
    if (cd) return refuse('cdDir', { tool: cmd.name ?? '' });
  }
  if (ctx.workdir === '/') return refuse('rootDir', { tool: yarn ? 'yarn' : 'npm' });
  const image = ctx.image;
  if (!image || image.facts?.family !== 'node') return refuse('nodeImage');
  const facts = image.facts;
  const runtimeImage = slimImage(image) ?? (facts.isToolchain ? null : sameImage(image));
  if (runtimeImage === null) {
    return refuse(image.ref.digest !== null ? 'digestSlim' : 'noSlim', { image: image.ref.text });
  }
  const major = /^(\d+)/.exec(image.official.tag ?? '')?.[1];
  // `--omit` came with npm 7 (Node.js 15); older npm knows `--production`.
  const prune = major !== undefined && Number(major) < 15 ? 'npm prune --production' : 'npm prune --omit=dev';
  return {
    ecosystem: 'node',
    runtime: interpreterRuntime(image, facts, runtimeImage),
    edits: [],
    insertBefore: [],
    // yarn: the devDependencies stay (classic yarn and yarn 2+ drop them differently, and the Dockerfile does
    // not show which one the project uses); the saving is the base image's.
    builderTail: yarn ? [] : [`${ctx.kw('RUN')} ${prune}`],
    copies: ctx.appDirs.map((d) => ({ from: d, to: d })),
    runtimeEnv: [],
    caBundle: false,
  };
}
