import { defineRule } from '../defineRule.js';
import type { RunInst } from '../model/runs.js';
import { insertArgAfter } from '../edits.js';
import { chainOf, someLaterInImage, type InstTest } from '../model/chain.js';
import { installsBuildToolGlobally, startMayUseDevDependencies } from '../model/devDependencies.js';
import { findOption, subcommand } from '../model/commands.js';
import {
  envFor,
  mayUseDevDependencies,
  NPM_OPTIONS_WITH_VALUE,
  npmDevDependencies,
  npmGlobal,
  npmInstall,
  npmPackageOperands,
} from '../model/languages.js';
import type { DockerfileModel, Inst, Stage } from '../model/model.js';
import { nodeBinOnPath, runsNodeBin, startsNodeBin } from '../model/nodeBin.js';
import type { ShellCommand } from '../model/shell.js';
import { npmMajorAt } from '../model/npmVersion.js';

/** An npm whose version is not known is taken to be a current one. */
const LATEST_NPM = 99;

export default defineRule('npm-dev-dependencies-installed', {
  check({ model, context, report, t }) {
    for (const stage of model.stages) {
      if (!stage.ships) continue;
      for (const inst of stage.instructions) {
        // ONBUILD triggers run in images built on this one, whose later steps are out of sight.
        if (!inst.run || inst.onbuild) continue;
        const script = inst.run.script;
        if (!script) continue;
        const run = inst as RunInst;
        for (const cmd of script.commands) {
          const npm = npmInstall(cmd);
          if (!npm || npm.test || !cmd.nameWord) continue;
          // `npm install <pkg>` adds named packages, and global installs are tools: both out of scope.
          if (npmGlobal(cmd) || npmPackageOperands(cmd, npm.word).length > 0) continue;
          if (npmDevDependencies(model, inst, cmd) !== 'default') continue;
          if (builtForDevelopment(model, inst, cmd, stage)) continue;
          if (usedLater(model, run, cmd, context.packageScripts)) continue;
          // npm 6 and older know `--production` but not `--omit`.
          const flag = (npmMajorAt(inst, cmd) ?? LATEST_NPM) <= 6 ? '--production' : '--omit=dev';
          report({
            range: model.lines.range(cmd.nameWord.start, npm.word.end),
            message: t('dev', { sub: npm.word.value ?? '', flag }),
            fixes: [{ title: t('fix', { flag }), safety: 'unsafe', edits: [insertArgAfter(model, cmd, npm.word, flag)] }],
          });
        }
      }
    }
  },
});

/**
 * The devDependencies are dealt with later: the same RUN prunes them again, or something after the install
 * may need them — a later command of the same RUN, a later RUN of the image (or one that cannot be read),
 * a build tool installed globally, or a CMD/ENTRYPOINT that runs an npm script, a development or deploy tool.
 */
function usedLater(model: DockerfileModel, inst: RunInst, cmd: ShellCommand, scripts: Readonly<Record<string, string>> | undefined): boolean {
  const after = inst.run.script!.commands.filter((c) => c.start > cmd.end);
  const onPath = nodeBinOnPath(inst);
  if (after.some((c) => mayUseDevDependencies(c) || isProductionPrune(c) || runsNodeBin(model, inst, c, onPath))) return true;
  // A build tool installed globally (`npm install -g gulp`) runs the project's devDependencies.
  if (chainOf(inst.stage!).some((s) => s.instructions.some((i) => !i.onbuild && i.run?.script?.commands.some(installsBuildToolGlobally)))) return true;
  return someLaterInImage(model, inst, mayNeedDevDependencies(scripts));
}

/**
 * A RUN that may use the devDependencies (or cannot be read), or a CMD/ENTRYPOINT that runs a script (read in
 * the build context's package.json when the adapter gave its `scripts`) or a development tool.
 */
const mayNeedDevDependencies = (scripts: Readonly<Record<string, string>> | undefined): InstTest => (later, model) => {
  if (later.keyword === 'RUN') {
    const script = later.run?.script;
    if (!script || script.hasError || script.commands.some(mayUseDevDependencies)) return true;
    const onPath = nodeBinOnPath(later);
    return script.commands.some((c) => runsNodeBin(model, later, c, onPath));
  }
  if (later.keyword === 'CMD' || later.keyword === 'ENTRYPOINT') return startsNodeBin(model, later) || startMayUseDevDependencies(model, later, scripts);
  return false;
};

/**
 * The image is meant for development: `NODE_ENV` set to something other than production, or a stage of its
 * FROM chain named for development (`dev`, `development`, `dev-envs`, `app-dev`…).
 */
function builtForDevelopment(model: DockerfileModel, inst: Inst, cmd: ShellCommand, stage: Stage): boolean {
  const nodeEnv = envFor(inst, cmd, (n) => n === 'NODE_ENV');
  if (nodeEnv !== undefined && nodeEnv !== '') return true;
  for (let s: Stage | null = model.stages.find((x) => x.isFinal) ?? stage; s; s = s.parent) {
    if (s.name && /(^|[-_.])dev(el|elop|elopment)?($|[-_.])/.test(s.name)) return true;
  }
  return false;
}

/** `npm prune --omit=dev` / `npm prune --production`: removes the devDependencies again. */
function isProductionPrune(cmd: ShellCommand): boolean {
  if (cmd.name !== 'npm') return false;
  const sub = subcommand(cmd, NPM_OPTIONS_WITH_VALUE);
  if (!sub || sub.word.value !== 'prune') return false;
  return findOption(cmd, ['--production', '--omit']) !== null;
}
