import { cacheMountFix } from '../cacheMount.js';
import { defineRule } from '../defineRule.js';
import { commandQuery, commandsWhere, type RunInst } from '../model/runs.js';
import { appendToRun, insertArgAfter } from '../edits.js';
import { firstBeforeInChain, type InstTest, shippedScripts, someLaterInImage } from '../model/chain.js';
import { copyDestination, copySources, envFor, homeFor, homeRelative, mountHolds, removesDir, within } from '../model/languages.js';
import {
  cacheFill,
  cleanupCommand,
  cleansToolCache,
  CACHE_MOUNT_TARGETS,
  LANGUAGE_TOOLS,
  runsTool,
  type CacheFill,
  type LanguageTool,
} from '../model/languageCaches.js';
import type { DockerfileModel, Inst } from '../model/model.js';
import type { ShellCommand } from '../model/shell.js';
import { startCommand } from '../model/startCommand.js';
import { stageImageRef } from '../model/stageFacts.js';
import { volumesBefore } from '../model/volumes.js';
import type { Fix } from '../types.js';

const FILLS = commandQuery(cacheFill);

export default defineRule('language-package-cache-kept', {
  check({ model, report, t, locale }) {
    for (const { inst, script } of shippedScripts(model)) {
      const fills = commandsWhere(inst.run, FILLS);
      if (fills.length === 0) continue;
      const seen = new Set<LanguageTool>();
      for (const k of fills) {
        const cmd = script.commands[k]!;
        const fill = cacheFill(cmd)!;
        if (seen.has(fill.tool)) continue;
        // One cleanup at the end of the RUN covers every command of the tool before it: the first is reported.
        seen.add(fill.tool);
        const home = homeFor(inst, cmd);
        const range = model.lines.range(fill.start, fill.end);
        const shown = fill.sub ? `${fill.invocation} ${fill.sub.text}` : fill.invocation;
        if (fill.tool === 'gem') {
          if (gemDocsOff(model, inst)) continue;
          report({
            range,
            message: t('gemDocs', { shown }),
            fixes: [{ title: t('gemFix'), safety: 'safe', edits: [insertArgAfter(model, cmd, fill.sub!, '--no-document')] }],
          });
          continue;
        }
        const dirs = cacheDirs(inst, fill);
        if (dirs === null) continue;
        if (dirs.some((d) => mountHolds(inst.run, d, home) || removesDir(script.commands, d, cmd.end, home))) continue;
        // A folder declared as a volume (the official gradle images' ~/.gradle) keeps nothing a RUN writes.
        const volumes = volumesBefore(inst).map((v) => homeRelative(v, home));
        if (dirs.some((d) => volumes.some((v) => within(homeRelative(d, home), v)))) continue;
        if (script.commands.some((c) => c.start > cmd.end && (cleansToolCache(fill.tool, c) || (fill.tool === 'conda' && removesPkgs(c))))) continue;
        const buildTool = fill.tool === 'maven' || fill.tool === 'gradle';
        // The image starts the tool itself (`mvn spring-boot:run`): what it downloaded is what it runs with.
        if (buildTool && startsTool(model, inst, fill.tool)) continue;
        const laterUse = buildTool && someLaterInImage(model, inst, (i, m) => runsTool(fill.tool, m.text.slice(i.start, i.end)));
        const fixes: Fix[] = [];
        const cleanup = laterUse ? null : cleanupCommand(fill, dirs[0]!);
        const edits = cleanup ? appendToRun(model, inst, cleanup) : null;
        if (cleanup && edits) fixes.push({ title: t('fix', { cleanup }), safety: 'safe', edits });
        const mount = cacheMountFix(model, inst, mountTargets(fill, dirs), { home, rootOnly: true, locale });
        if (mount) fixes.push(mount);
        // What the tool leaves, worded per tool (the model's LANGUAGE_TOOLS[tool].leaves, in both languages).
        const where = t(fill.tool);
        const message = laterUse ? t('laterUse', { shown, where }) : cleanup ? t('cleanup', { shown, where, cleanup }) : t('remove', { shown, where });
        report({ range, message, fixes });
      }
    }
  },
});

/**
 * The cache directories a command fills: set on its command line, else by the environment variables the
 * tool reads, else its defaults. null when a setting cannot be read.
 */
function cacheDirs(inst: RunInst, fill: CacheFill): string[] | null {
  const facts = LANGUAGE_TOOLS[fill.tool];
  const fromCommand = facts.dirFromCommand?.(fill.cmd);
  if (fromCommand === null) return null;
  if (fromCommand !== undefined) return [fromCommand];
  for (const [name, under] of facts.env) {
    const value = envFor(inst, fill.cmd, (n) => n === name);
    if (value === null) return null;
    // conda reads a list of folders; the first is where it downloads.
    if (value !== undefined && value !== '') return [`${(name === 'CONDA_PKGS_DIRS' ? value.split(',')[0]! : value).replace(/\/+$/, '')}${under}`];
  }
  if (fill.tool === 'conda') {
    // The install folder of the conda that runs, from its path (`/opt/conda/bin/conda`).
    const path = fill.cmd.nameWord?.value ?? '';
    const m = /^(\/[\w./-]+)\/(?:bin|condabin)\/[\w.-]+$/.exec(path);
    return m ? [`${m[1]}/pkgs`] : [...facts.defaultDirs];
  }
  return [...facts.defaultDirs];
}

/** What a cache mount holds for the command: its own folder when it was told one, else the table's targets. */
function mountTargets(fill: CacheFill, dirs: string[]): readonly string[] {
  if (fill.tool === 'conda') return dirs[0]!.startsWith('/') ? [dirs[0]!] : [];
  const defaults = LANGUAGE_TOOLS[fill.tool].defaultDirs;
  if (dirs.length === defaults.length && dirs.every((d, i) => d === defaults[i])) return CACHE_MOUNT_TARGETS[fill.tool as keyof typeof CACHE_MOUNT_TARGETS] ?? [];
  return dirs.length === 1 && (dirs[0]!.startsWith('/') || dirs[0]!.startsWith('~')) ? dirs : [];
}

/** `rm` of a conda pkgs folder or its contents, wherever conda is installed (`rm -rf /opt/conda/pkgs/*`). */
function removesPkgs(cmd: ShellCommand): boolean {
  return cmd.name === 'rm' && cmd.args.some((a) => /\/pkgs(\/\*?)?["']?$/.test(a.value ?? a.text));
}

function startsTool(model: DockerfileModel, inst: Inst, tool: LanguageTool): boolean {
  if (!inst.stage) return false;
  const { entrypoint, cmd } = startCommand(model, inst.stage);
  return [entrypoint, cmd].some((p) => p !== null && runsTool(tool, p.words ? p.words.map((w) => w.text).join(' ') : ''));
}

/**
 * RubyGems is told not to generate documentation: the official ruby images (their gemrc says
 * `--no-document`), a gemrc written or copied in, or `GEM_OPTS`-style settings with no-document.
 */
function gemDocsOff(model: DockerfileModel, inst: RunInst): boolean {
  const ref = stageImageRef(inst.stage!);
  if (ref && /(^|\/)(ruby|jruby)[^/]*$|ruby/.test(ref.name)) return true;
  return configuresGem(inst, model) || firstBeforeInChain(model, inst, EARLIER_GEMRC) !== null;
}

function configuresGem(i: Inst, model: DockerfileModel): boolean {
  const text = model.text.slice(i.start, i.end);
  if (i.keyword === 'RUN' && /gemrc/.test(text) && /no-(document|rdoc|ri)/.test(text)) return true;
  if (i.keyword === 'ENV' && /no-(document|rdoc|ri)/.test(text)) return true;
  const dest = copyDestination(i);
  return dest !== null && (/gemrc$/.test(dest) || copySources(i).some((s) => /gemrc$/.test(s)));
}

const EARLIER_GEMRC: InstTest = (i, model) => !i.onbuild && configuresGem(i, model);
