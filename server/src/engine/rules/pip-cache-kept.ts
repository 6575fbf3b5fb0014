import { defineRule } from '../defineRule.js';
import { insertArgAfter } from '../edits.js';
import { findOption, optionValues, subcommand } from '../model/commands.js';
import { firstBeforeInChain, type InstTest, shippedScripts } from '../model/chain.js';
import { copyDestination, copySources, envFor, homeFor, mountHolds, removesDir } from '../model/languages.js';
import { PIP_DEFAULT_CACHE, PIP_OPTIONS_WITH_VALUE, pipCommand, pipEnvName, pipInstallsWithCache, pipInstallWord, pipNoCacheSetting, runMayConfigurePipCache } from '../model/pip.js';
import type { RunInst } from '../model/runs.js';
import { type DockerfileModel, type Inst, type RunInfo } from '../model/model.js';
import type { ShellCommand } from '../model/shell.js';
import { cacheMountFix } from '../cacheMount.js';
import { cached, KeyedCache } from '../memo.js';
import type { Fix } from '../types.js';

export default defineRule('pip-cache-kept', {
  check({ model, report, t, locale }) {
    for (const { inst, script } of shippedScripts(model)) {
      const installs = pipInstallsWithCache(inst.run);
      if (installs.length === 0 || configMayTurnCacheOff(model, inst)) continue;
      for (const k of installs) {
        const cmd = script.commands[k]!;
        const pip = pipCommand(cmd)!;
        const install = pipInstallWord(pip)!;
        if (!cmd.nameWord) continue;
        if (pipNoCacheSetting(envFor(inst, cmd, pipEnvName('no-cache-dir'))) !== 'unset') continue;
        const dir = cacheDir(inst, cmd, pip);
        if (dir === null) continue;
        const home = homeFor(inst, cmd);
        if (mountHolds(inst.run, dir, home)) continue;
        if (removesDir(script.commands, dir, cmd.end, home)) continue;
        if (script.commands.some((c) => c.start > cmd.end && isCachePurge(c))) continue;
        report({
          range: model.lines.range(cmd.nameWord.start, install.end),
          message: t(dir === PIP_DEFAULT_CACHE ? 'kept' : 'keptAt', { cmd: pip === cmd ? cmd.name! : `${cmd.name ?? cmd.nameWord.text} -m pip`, dir }),
          fixes: [{ title: t('fix'), safety: 'safe', edits: [insertArgAfter(model, cmd, install, '--no-cache-dir')] }, cacheMountFix(model, inst, [dir], { home, locale })].filter((f): f is Fix => f !== null),
        });
      }
    }
  },
});

/**
 * Where this pip writes its cache: `--cache-dir`, else `PIP_CACHE_DIR`, else `$XDG_CACHE_HOME/pip`, else
 * `~/.cache/pip`. null when it is set to something that cannot be read.
 */
function cacheDir(inst: Inst & { run: RunInfo }, cmd: ShellCommand, pip: ShellCommand): string | null {
  if (findOption(pip, ['--cache-dir'])) {
    const values = optionValues(pip, ['--cache-dir']);
    return values.length > 0 ? values[values.length - 1]! : null;
  }
  const env = envFor(inst, cmd, pipEnvName('cache-dir'));
  if (env !== undefined && env !== '') return env;
  const xdg = envFor(inst, cmd, (n) => n === 'XDG_CACHE_HOME');
  if (xdg === null) return null;
  if (xdg !== undefined && xdg !== '') return `${xdg.replace(/\/+$/, '')}/pip`;
  return PIP_DEFAULT_CACHE;
}

/** `pip cache purge` (any pip spelling). */
function isCachePurge(cmd: ShellCommand): boolean {
  const pip = pipCommand(cmd);
  if (!pip) return false;
  const sub = subcommand(pip, PIP_OPTIONS_WITH_VALUE);
  if (!sub || sub.word.value !== 'cache') return false;
  return pip.args.slice(sub.index + 1).some((a) => a.value === 'purge');
}

/**
 * pip may read `no-cache-dir` from a configuration this stage writes or copies (`pip config set`, a
 * pip.conf) or points to (`PIP_CONFIG_FILE`): its value is then out of sight, so the rule stays quiet.
 */
function configMayTurnCacheOff(model: DockerfileModel, inst: Inst & { run: RunInfo }): boolean {
  return configuresPip(inst, model) || firstBeforeInChain(model, inst, EARLIER_PIP_CONFIG) !== null;
}

function configuresPip(i: Inst, model: DockerfileModel): boolean {
  if (i.keyword === 'RUN') return i.run !== undefined && runMayConfigurePipCache(model, i as RunInst);
  if (i.keyword !== 'COPY' && i.keyword !== 'ADD' && i.keyword !== 'ENV') return false;
  // The instruction's own text decides: kept per dockerfile-ast node, which an edit elsewhere keeps.
  return cached(configByNode, i.node, () => {
    const dest = copyDestination(i);
    if (dest !== null && (/pip\.(conf|ini)$/.test(dest) || copySources(i).some((s) => /(^|\/)pip\.(conf|ini)$/.test(s)))) return true;
    return i.keyword === 'ENV' && /\bPIP_CONFIG_FILE\b/.test(model.text.slice(i.start, i.end));
  });
}

const configByNode = new KeyedCache<object, boolean>();

const EARLIER_PIP_CONFIG: InstTest = (i, model) => !i.onbuild && configuresPip(i, model);
