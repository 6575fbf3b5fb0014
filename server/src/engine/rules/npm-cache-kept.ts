import { defineRule } from '../defineRule.js';
import { commandQuery, commandsWhere, type RunInst } from '../model/runs.js';
import { appendToRun } from '../edits.js';
import { firstBeforeInChain, type InstTest, shippedScripts } from '../model/chain.js';
import { findOption, optionValues } from '../model/commands.js';
import {
  copySources,
  envFor,
  homeFor,
  isNpmCacheClean,
  isYarnCacheClean,
  mountHolds,
  NPM_DEFAULT_CACHE,
  npmConfigName,
  npmInstall,
  removesDir,
  YARN_DEFAULT_CACHES,
  yarnInstall,
} from '../model/languages.js';
import { npmMajorAt } from '../model/npmVersion.js';
import { type DockerfileModel, type Inst } from '../model/model.js';
import type { ShellCommand } from '../model/shell.js';
import type { Fix } from '../types.js';
import { cacheMountFix } from '../cacheMount.js';
import { CACHE_MOUNT_TARGETS } from '../model/languageCaches.js';

/** npm and Yarn installs (the commands the rule looks at further). */
const NPM_OR_YARN_INSTALLS = commandQuery((cmd) => cmd.nameWord !== null && (npmInstall(cmd) !== null || yarnInstall(cmd) !== null));

export default defineRule('npm-cache-kept', {
  check({ model, report, t, locale }) {
    for (const { inst, script } of shippedScripts(model)) {
      for (const k of commandsWhere(inst.run, NPM_OR_YARN_INSTALLS)) {
        const cmd = script.commands[k]!;
        if (!cmd.nameWord) continue;
        const npm = npmInstall(cmd);
        if (npm) {
          const dir = npmCacheDir(inst, cmd);
          const home = homeFor(inst, cmd);
          if (dir === null || mountHolds(inst.run, dir, home) || removesDir(script.commands, dir, cmd.end, home)) continue;
          const cleans = (c: ShellCommand): boolean => isNpmCacheClean(c, (npmMajorAt(inst, c) ?? 5) < 5);
          if (script.commands.some((c) => c.start > cmd.end && cleans(c) && npmCacheDir(inst, c) === dir)) continue;
          report({
            range: model.lines.range(cmd.nameWord.start, npm.word.end),
            message: t(dir === NPM_DEFAULT_CACHE ? 'npm' : 'npmAt', { sub: npm.word.value ?? '', dir }),
            fixes: [...npmFix(model, inst, cmd, dir, t('npmFix')), cacheMountFix(model, inst, [dir], { home, locale })].filter((f): f is Fix => f !== null),
          });
          continue;
        }
        const yarn = yarnInstall(cmd);
        if (yarn) {
          if (mayBeModernYarn(model, inst, cmd)) continue;
          const dirs = yarnCacheDirs(inst, cmd);
          const home = homeFor(inst, cmd);
          if (dirs === null || dirs.some((d) => mountHolds(inst.run, d, home) || removesDir(script.commands, d, cmd.end, home))) continue;
          if (script.commands.some((c) => c.start > cmd.end && isYarnCacheClean(c))) continue;
          const subwords = cmd.args.slice(0, cmd.args.indexOf(yarn) + 1).filter((a) => !(a.value ?? '-').startsWith('-'));
          const shown = ['yarn', ...subwords.map((a) => a.value)].join(' ');
          const edits = appendToRun(model, inst, 'yarn cache clean');
          // Yarn 1 run by root keeps its cache in /usr/local/share/.cache/yarn; another folder is mounted as named.
          const mount = cacheMountFix(model, inst, dirs === YARN_DEFAULT_CACHES ? CACHE_MOUNT_TARGETS.yarn : dirs, { home, rootOnly: true, locale });
          report({
            range: model.lines.range(cmd.nameWord.start, yarn.end),
            message: t('yarn', { shown }),
            fixes: edits
              ? [
                  {
                    title: t('yarnFix'),
                    // Yarn 2+ with Plug'n'Play loads packages from the cache itself; that cannot be ruled out here.
                    safety: 'unsafe',
                    edits,
                  },
                  ...(mount ? [mount] : []),
                ]
              : mount ? [mount] : [],
          });
        }
      }
    }
  },
});

/** The npm cache a command uses: `--cache`, else `npm_config_cache`, else `~/.npm`; null when unreadable. */
function npmCacheDir(inst: RunInst, cmd: ShellCommand): string | null {
  if (findOption(cmd, ['--cache'])) {
    const values = optionValues(cmd, ['--cache']);
    return values.length > 0 ? values[values.length - 1]! : null;
  }
  const env = envFor(inst, cmd, npmConfigName('cache'));
  if (env === null) return null;
  return env === undefined || env === '' ? NPM_DEFAULT_CACHE : env;
}

/**
 * `npm cache clean --force` appended to the RUN, with the install's `--cache` when it has one; none when
 * the appended command would clean another cache than the one the install filled.
 */
function npmFix(model: DockerfileModel, inst: RunInst, cmd: ShellCommand, dir: string, title: string): Fix[] {
  const script = inst.run.script!;
  const explicit = findOption(cmd, ['--cache']) !== null;
  if (explicit && !/^[\w./~-]+$/.test(dir)) return [];
  const command = explicit ? `npm cache clean --force --cache ${dir}` : 'npm cache clean --force';
  // The cache the appended command would use: only the RUN's environment, no prefix of its own.
  const probe: ShellCommand = { name: 'npm', nameWord: null, args: [], assignments: [], start: script.codeEnd, end: script.codeEnd, nested: false };
  if (!explicit && npmCacheDir(inst, probe) !== dir) return [];
  const edits = appendToRun(model, inst, command);
  return edits ? [{ title, safety: 'safe', edits }] : [];
}

/** Yarn 1's cache: `--cache-folder`, else `YARN_CACHE_FOLDER`, else the defaults (root's and other users'). */
function yarnCacheDirs(inst: RunInst, cmd: ShellCommand): string[] | null {
  if (findOption(cmd, ['--cache-folder'])) {
    const values = optionValues(cmd, ['--cache-folder']);
    return values.length > 0 ? [values[values.length - 1]!] : null;
  }
  const env = envFor(inst, cmd, (n) => n === 'YARN_CACHE_FOLDER');
  if (env === null) return null;
  return env === undefined || env === '' ? YARN_DEFAULT_CACHES : [env];
}

/**
 * Signs of Yarn 2 or later (Berry), whose cache may be where Plug'n'Play loads packages from and whose
 * defaults differ: Berry-only install options, `yarn set version`, corepack, a `.yarnrc.yml` or `.yarn`
 * folder copied in. The rule then stays quiet.
 */
function mayBeModernYarn(model: DockerfileModel, inst: RunInst, cmd: ShellCommand): boolean {
  if (findOption(cmd, ['--immutable', '--immutable-cache', '--check-cache', '--mode', '--inline-builds'])) return true;
  return pointsToModernYarn(inst, model) || firstBeforeInChain(model, inst, EARLIER_MODERN_YARN) !== null;
}

function pointsToModernYarn(i: Inst, model: DockerfileModel): boolean {
  if (i.keyword === 'RUN' && /\byarn\s+set\s+version\b|\bcorepack\b|\byarn\s+(dlx|plugin)\b|\byarn\s+workspaces\s+focus\b/.test(model.text.slice(i.start, i.end))) return true;
  return copySources(i).some((s) => /(^|\/)\.yarnrc\.yml$|(^|\/)\.yarn\/?$/.test(s));
}

const EARLIER_MODERN_YARN: InstTest = (i, model) => !i.onbuild && pointsToModernYarn(i, model);
