/**
 * One RUN of the layer walk: what its commands create (downloads, clones, unpacked archives, caches,
 * packages) and what they remove of what earlier instructions wrote.
 */
import { hasOption, isCommand, operands, optionValues, subcommand } from './commands.js';
import { envAt, type Inst, type RunInfo } from './model.js';
import { hasGlob, pathRelation, plainOperands, resolvePath, urlBasename, wordPath } from './paths.js';
import type { ShellCommand, ShellWord } from './shell.js';
import { addCreation, distinct, underMount, type CacheId, type Creation, type LaterRemoval, type Walk } from './layerWalk.js';
import { APK_WITH_VALUE, APT, APT_WITH_VALUE, apkName, aptName, GIT_CLONE_WITH_VALUE, installPackages, normalizePipName, NPM_INSTALL, PIP_WITH_VALUE, pipCommand, removePackages, RPM_TOOLS, RPM_WITH_VALUE } from './layerPackages.js';

const CACHE_LABELS: Record<CacheId, string> = {
  'apt-lists': 'the apt lists',
  apk: 'the apk index cache',
  yum: 'the yum cache',
  dnf: 'the dnf cache',
  pip: 'the pip cache',
  npm: 'the npm cache',
};

export function runStep(w: Walk, inst: Inst & { run: RunInfo }): void {
  const { run } = inst;
  const script = run.script;
  if (!script || !run.posix) return;
  const env = envAt(inst);
  let cwd = w.cwd;
  const resolve = (word: ShellWord): string | null => {
    const p = wordPath(word, w.home);
    return p === null ? null : resolvePath(p, cwd, w.home);
  };
  const create = (path: string | null, shape: 'file' | 'tree', verb: string, extra: Partial<Creation> = {}): void => {
    if (path && !underMount(run, path)) addCreation(w, { path, shape, inst, verb, ...extra });
  };
  const produceCache = (id: CacheId, path: string | null, by: string): void => {
    if (path && !underMount(run, path)) addCreation(w, { path, shape: 'tree', inst, verb: 'written', cache: { id, label: CACHE_LABELS[id], by } });
  };
  const report = (removal: Omit<LaterRemoval, 'inst'>): void => {
    if (w.record) w.out.removals.push({ inst, ...removal });
  };
  const cleanCache = (cmd: ShellCommand, id: CacheId, end: number): void => {
    const hits = w.index.liveCaches(id);
    for (const c of hits) c.removed = true;
    const earlier = hits.filter((c) => c.inst !== inst);
    const first = earlier[earlier.length - 1];
    // A RUN that fills the cache again before cleaning it is cleaning up after itself.
    if (hits.some((c) => c.inst === inst)) return;
    if (first) report({ cmd, start: cmd.nameWord!.start, end, kind: 'cache', subject: first.cache!.label, source: first.inst, verb: `written by ${first.cache!.by} in`, sources: distinct(earlier.map((c) => c.inst)), creations: earlier });
  };

  for (const cmd of script.commands) {
    if (cmd.nested || !cmd.name || !cmd.nameWord) continue;
    const name = cmd.name;
    const pip = pipCommand(cmd);
    if (name === 'cd') {
      const target = plainOperands(cmd)[0];
      cwd = target ? resolve(target) : w.home;
      if (cwd) for (const d of w.index.madeEmptyBy(inst)) if (d.empty && pathRelation(d.path, false, cwd) === 'covers') d.empty = false;
    } else if (name === 'rm') {
      removeStep(w, inst, cmd, resolve, report);
    } else if (name === 'mkdir') {
      for (const op of plainOperands(cmd, new Set(['-m', '--mode', '-Z', '--context']))) create(resolve(op), 'tree', 'created', { empty: true });
    } else if (name === 'wget') {
      const url = plainOperands(cmd, new Set(['-O', '-P', '-o', '-a', '-e', '-t', '-T', '-U', '--header', '--user', '--password', '-i'])).find((o) => /^(https?|ftp):\/\//i.test(o.value ?? ''));
      const out = optionValues(cmd, ['-O', '--output-document']);
      const dir = optionValues(cmd, ['-P', '--directory-prefix']);
      const base = url?.value ? urlBasename(url.value) : null;
      if (out.length > 0) {
        if (out[0] !== '-') create(resolvePath(out[0]!, cwd, w.home), 'file', 'downloaded');
      } else if (base) {
        create(resolvePath(dir.length > 0 ? `${dir[0]}/${base}` : base, cwd, w.home), 'file', 'downloaded');
      }
    } else if (name === 'curl') {
      const out = optionValues(cmd, ['-o', '--output']);
      if (out.length > 0) {
        if (out[0] !== '-') create(resolvePath(out[0]!, cwd, w.home), 'file', 'downloaded');
      } else if (cmd.args.some((a) => a.value === '-O' || a.value === '--remote-name' || /^-[a-zA-Z]*O[a-zA-Z]*$/.test(a.value ?? ''))) {
        const url = cmd.args.find((a) => /^(https?|ftp):\/\//i.test(a.value ?? ''));
        const base = url?.value ? urlBasename(url.value) : null;
        if (base) create(resolvePath(base, cwd, w.home), 'file', 'downloaded');
      }
    } else if (name === 'git' && cmd.args[0]?.value === 'clone') {
      const ops = plainOperands({ ...cmd, args: cmd.args.slice(1) }, GIT_CLONE_WITH_VALUE);
      const url = ops[0]?.value;
      if (url) {
        const dir = ops[1] ? resolve(ops[1]) : resolvePath((urlBasename(url) ?? '').replace(/\.git$/, ''), cwd, w.home);
        create(dir, 'tree', 'cloned');
      }
    } else if (name === 'tar' || name === 'bsdtar') {
      const t = tarArgs(cmd);
      if (t.extract) {
        if (t.directory) create(resolve(t.directory), 'tree', 'unpacked');
        if (t.archive) extractStep(w, inst, cmd, resolve(t.archive));
      }
    } else if (name === 'unzip') {
      const ops = plainOperands(cmd, new Set(['-d', '-x', '-P']));
      const dir = optionValues(cmd, ['-d']);
      if (dir.length > 0) create(resolvePath(dir[0]!, cwd, w.home), 'tree', 'unpacked');
      if (ops[0]) extractStep(w, inst, cmd, resolve(ops[0]));
    } else if (isCommand(cmd, APT, 'update', APT_WITH_VALUE)) {
      produceCache('apt-lists', '/var/lib/apt/lists', `\`${name} update\``);
    } else if (isCommand(cmd, APT, 'install', APT_WITH_VALUE)) {
      installPackages(w, 'apt', operands(cmd, APT_WITH_VALUE), aptName, inst);
    } else if (isCommand(cmd, APT, ['purge', 'remove'], APT_WITH_VALUE)) {
      removePackages(w, 'apt', cmd, operands(cmd, APT_WITH_VALUE), aptName, inst, report, APT_WITH_VALUE);
    } else if (isCommand(cmd, APT, 'dist-clean', APT_WITH_VALUE)) {
      cleanCache(cmd, 'apt-lists', subcommand(cmd, APT_WITH_VALUE)!.word.end);
    } else if (isCommand(cmd, 'apk', ['add', 'update', 'upgrade'], APK_WITH_VALUE)) {
      const sub = subcommand(cmd, APK_WITH_VALUE)!.word.value;
      if (sub === 'update' || !hasOption(cmd, ['--no-cache'])) produceCache('apk', '/var/cache/apk', `\`apk ${sub}\``);
      if (sub === 'add') {
        installPackages(w, 'apk', operands(cmd, APK_WITH_VALUE), apkName, inst);
        for (const v of optionValues(cmd, ['-t', '--virtual'])) installPackages(w, 'apk', [{ text: v, value: v, start: 0, end: 0 }], apkName, inst);
      }
    } else if (isCommand(cmd, 'apk', 'del', APK_WITH_VALUE)) {
      removePackages(w, 'apk', cmd, operands(cmd, APK_WITH_VALUE), apkName, inst, report, APK_WITH_VALUE);
    } else if (isCommand(cmd, 'apk', 'cache', APK_WITH_VALUE) && ['clean', 'purge'].includes(operands(cmd, APK_WITH_VALUE)[0]?.value ?? '')) {
      cleanCache(cmd, 'apk', subcommand(cmd, APK_WITH_VALUE)!.word.end);
    } else if (isCommand(cmd, RPM_TOOLS, ['install', 'update', 'upgrade', 'groupinstall', 'makecache', 'reinstall', 'localinstall'], RPM_WITH_VALUE)) {
      const id: CacheId = name === 'dnf' ? 'dnf' : 'yum';
      produceCache(id, `/var/cache/${id}`, `\`${name} ${subcommand(cmd, RPM_WITH_VALUE)!.word.value}\``);
      if (isCommand(cmd, RPM_TOOLS, ['install', 'reinstall'], RPM_WITH_VALUE)) installPackages(w, 'rpm', operands(cmd, RPM_WITH_VALUE), (v) => (v.includes('$') || v.includes('/') ? null : v), inst);
    } else if (isCommand(cmd, RPM_TOOLS, ['remove', 'erase'], RPM_WITH_VALUE)) {
      removePackages(w, 'rpm', cmd, operands(cmd, RPM_WITH_VALUE), (v) => (v.includes('$') ? null : v), inst, report, RPM_WITH_VALUE);
    } else if (isCommand(cmd, RPM_TOOLS, 'clean', RPM_WITH_VALUE)) {
      cleanCache(cmd, name === 'dnf' ? 'dnf' : 'yum', subcommand(cmd, RPM_WITH_VALUE)!.word.end);
    } else if (pip && isCommand(pip, pip.name!, 'install', PIP_WITH_VALUE)) {
      const noCache = hasOption(pip, ['--no-cache-dir']) || env.has('PIP_NO_CACHE_DIR') || cmd.assignments.some((a) => a.name === 'PIP_NO_CACHE_DIR') || env.has('PIP_CACHE_DIR');
      if (!noCache && w.home) produceCache('pip', `${w.home}/.cache/pip`, '`pip install`');
      installPackages(w, 'pip', operands(pip, PIP_WITH_VALUE), normalizePipName, inst);
    } else if (pip && isCommand(pip, pip.name!, 'uninstall', PIP_WITH_VALUE)) {
      removePackages(w, 'pip', cmd, operands(pip, PIP_WITH_VALUE), normalizePipName, inst, report, PIP_WITH_VALUE, pip);
    } else if (pip && isCommand(pip, pip.name!, 'cache') && ['purge', 'remove'].includes(operands(pip)[0]?.value ?? '')) {
      cleanCache(cmd, 'pip', subcommand(pip)!.word.end);
    } else if (isCommand(cmd, 'npm', NPM_INSTALL)) {
      const sub = subcommand(cmd)!.word.value!;
      if (w.home && !env.has('npm_config_cache') && !env.has('NPM_CONFIG_CACHE') && !hasOption(cmd, ['--cache'])) produceCache('npm', `${w.home}/.npm`, `\`npm ${sub}\``);
      const prodOnly = hasOption(cmd, ['--production', '--only', '--omit']) || env.get('NODE_ENV') === 'production' || cmd.assignments.some((a) => a.name === 'NODE_ENV' && a.value === 'production');
      if ((sub === 'ci' || operands(cmd).length === 0) && sub !== 'update') w.devDependencies = prodOnly ? null : { inst, by: `\`npm ${sub}\`` };
    } else if (isCommand(cmd, 'npm', 'prune') && (hasOption(cmd, ['--production']) || optionValues(cmd, ['--omit']).includes('dev'))) {
      const dev = w.devDependencies;
      w.devDependencies = null;
      if (dev && dev.inst !== inst) report({ cmd, start: cmd.nameWord.start, end: subcommand(cmd)!.word.end, kind: 'prune', subject: 'the dev dependencies', source: dev.inst, verb: `installed by ${dev.by} in`, sources: [dev.inst], creations: [] });
    } else if (isCommand(cmd, 'npm', 'cache') && ['clean', 'rm', 'clear'].includes(operands(cmd)[0]?.value ?? '')) {
      cleanCache(cmd, 'npm', subcommand(cmd)!.word.end);
    }
  }
}

function tarArgs(cmd: ShellCommand): { extract: boolean; archive: ShellWord | null; directory: ShellWord | null } {
  const out = { extract: false, archive: null as ShellWord | null, directory: null as ShellWord | null };
  const args = cmd.args;
  let i = 0;
  const takeNext = (): ShellWord | null => args[++i] ?? null;
  const cluster = (letters: string): void => {
    for (const ch of letters) {
      if (ch === 'x') out.extract = true;
      else if (ch === 'f') out.archive = takeNext();
      else if (ch === 'C') out.directory = takeNext();
    }
  };
  const first = args[0]?.value;
  if (first && /^[A-Za-z]+$/.test(first)) {
    cluster(first);
    i = 1;
  }
  for (; i < args.length; i++) {
    const v = args[i]!.value;
    if (v === null) continue;
    if (v === '--extract' || v === '--get') out.extract = true;
    else if (v === '--file' || v === '--directory') {
      const next = args[i + 1] ?? null;
      if (v === '--file') out.archive = next;
      else out.directory = next;
      i++;
    } else if (v.startsWith('--file=')) out.archive = { ...args[i]!, value: v.slice(7) };
    else if (v.startsWith('--directory=')) out.directory = { ...args[i]!, value: v.slice(12) };
    else if (/^-[A-Za-z]+$/.test(v)) cluster(v.slice(1));
  }
  return out;
}

function removeStep(
  w: Walk,
  inst: Inst & { run: RunInfo },
  cmd: ShellCommand,
  resolve: (word: ShellWord) => string | null,
  report: (r: Omit<LaterRemoval, 'inst'>) => void,
): void {
  let hits: { word: ShellWord; creation: Creation; relation: 'covers' | 'inside'; path: string }[] = [];
  const ownCaches = new Set<CacheId>();
  for (const word of plainOperands(cmd)) {
    const path = resolve(word);
    if (!path || underMount(inst.run, path)) continue;
    const glob = hasGlob(word);
    for (const c of w.index.mayMeet(path, glob)) {
      if (c.removed) continue;
      const relation = pathRelation(path, glob, c.path);
      if (!relation || (relation === 'inside' && c.shape === 'file')) continue;
      if (relation === 'covers') c.removed = true;
      if (c.inst === inst && c.cache) ownCaches.add(c.cache.id);
      if (c.empty || c.inst === inst) continue;
      hits.push({ word, creation: c, relation, path });
    }
  }
  // A RUN that fills a cache again before cleaning it is cleaning up after itself.
  hits = hits.filter((h) => !(h.creation.cache && ownCaches.has(h.creation.cache.id)));
  if (hits.length === 0) return;
  const latest = hits.reduce((a, b) => (b.creation.inst.index > a.creation.inst.index ? b : a));
  const caches = hits.every((h) => h.creation.cache);
  const shown = latest.relation === 'covers' ? latest.creation.path : latest.path;
  const paths = [...new Set(hits.map((h) => (h.relation === 'covers' ? h.creation.path : h.path)))];
  // Paths under another one that goes too are not worth counting.
  const others = paths.filter((p) => !paths.some((q) => q !== p && pathRelation(q, false, p) === 'covers')).length - 1;
  report({
    cmd,
    start: cmd.nameWord!.start,
    end: Math.max(...hits.map((h) => h.word.end)),
    kind: caches ? 'cache' : 'path',
    subject: caches ? latest.creation.cache!.label : `\`${shown}\`${others > 0 ? ` (and ${others} more)` : ''}`,
    source: latest.creation.inst,
    verb: caches ? `written by ${latest.creation.cache!.by} in` : `${latest.creation.verb} by`,
    sources: distinct(hits.map((h) => h.creation.inst)),
    creations: hits.map((h) => h.creation),
    partly: hits.filter((h) => h.relation === 'inside' && !hits.some((o) => o.creation === h.creation && o.relation === 'covers')).map((h) => h.creation),
    hits: hits.map((h) => ({ creation: h.creation, path: h.path })),
  });
}

function extractStep(w: Walk, inst: Inst & { run: RunInfo }, cmd: ShellCommand, archive: string | null): void {
  if (!archive) return;
  for (const c of w.index.liveAddsAt(archive)) {
    if (c.inst === inst) continue;
    if (w.record) w.out.extractions.push({ inst, cmd, creation: c });
  }
}
