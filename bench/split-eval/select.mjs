#!/usr/bin/env node
// Applies the selection rule of README.md to candidates.json and writes manifest.json.
// Usage: node bench/split-eval/select.mjs [--mirrors DIR] [--checkouts DIR]
// DIR of mirrors: the bare git directories the `fetch` tool brought (<owner>+<name>/repo[/.git]).
// Each kept repository is exported (git archive of the fetched commit) to <checkouts>/<owner>+<name>/.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync, rmSync, readdirSync, symlinkSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { instructions, fromImages, hasBuildStep, isAlpine, copySources } from './dockerfileText.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const arg = (name, def) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : def; };
const mirrors = arg('--mirrors', '/work/.mirror');
const checkouts = arg('--checkouts', process.env.SPLIT_EVAL_CHECKOUTS ?? '/var/tmp/split-eval/checkouts');
const PER_LANGUAGE = 10;

const candidates = JSON.parse(readFileSync(join(here, 'candidates.json'), 'utf8'));
const gitDir = (repo) => {
  const base = join(mirrors, repo.replace('/', '+'), 'repo');
  if (existsSync(join(base, '.git'))) return join(base, '.git');
  return existsSync(join(base, 'HEAD')) ? base : null;
};
const git = (dir, ...a) => execFileSync('git', ['--git-dir', dir, ...a], { encoding: 'utf8', maxBuffer: 1 << 28 });

function sourceExists(root, ctx, src) {
  if (src === '.' || src === './') return true;
  const rel = posix.normalize(posix.join(ctx, src.replace(/^\//, '')));
  if (/[*?[]/.test(rel)) {
    // glob: check that its directory exists and some entry matches the pattern
    const d = posix.dirname(rel);
    const abs = join(root, d);
    if (!existsSync(abs)) return false;
    const re = new RegExp('^' + posix.basename(rel).replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$');
    return readdirSync(abs).some((f) => re.test(f));
  }
  return existsSync(join(root, rel));
}

/** Writes every blob of HEAD under out; returns the paths the snapshot lacks (files of 4 MiB and more). */
function exportTree(dir, out) {
  const entries = git(dir, 'ls-tree', '-r', '-z', 'HEAD').split('\0').filter(Boolean).map((l) => {
    const [meta, p] = l.split('\t');
    const [mode, type, oid] = meta.split(' ');
    return { mode, type, oid, p };
  }).filter((x) => x.type === 'blob');
  const buf = execFileSync('git', ['--git-dir', dir, 'cat-file', '--batch'], { input: entries.map((x) => x.oid).join('\n') + '\n', maxBuffer: 1 << 30 });
  let pos = 0;
  const absent = [];
  for (const x of entries) {
    const nl = buf.indexOf(10, pos);
    const header = buf.subarray(pos, nl).toString();
    pos = nl + 1;
    if (header.endsWith(' missing')) { absent.push(x.p); continue; }
    const size = Number(header.split(' ')[2]);
    const content = buf.subarray(pos, pos + size);
    pos += size + 1;
    const dest = join(out, x.p);
    mkdirSync(dirname(dest), { recursive: true });
    if (x.mode === '120000') { try { symlinkSync(content.toString(), dest); } catch {} continue; }
    writeFileSync(dest, content, { mode: x.mode === '100755' ? 0o755 : 0o644 });
  }
  return absent;
}

const manifest = [];
mkdirSync(checkouts, { recursive: true });
for (const [lang, list] of Object.entries(candidates)) {
  if (lang === 'note') continue;
  let inBuildSet = 0;
  for (const [repo, path, flag] of list) {
    const e = { language: lang, repository: repo, path, commit: null, context: null, kept: false, reason: null, alpine: false, buildSet: false, baseImage: null };
    manifest.push(e);
    if (flag === 'dataset') { e.reason = 'collection of other people\'s Dockerfiles (no build context)'; continue; }
    if (posix.basename(path).toLowerCase() !== 'dockerfile') { e.reason = `file name \`${posix.basename(path)}\` is not \`Dockerfile\``; continue; }
    const dir = gitDir(repo);
    if (!dir) { e.reason = 'not fetched'; continue; }
    e.commit = git(dir, 'rev-parse', 'HEAD').trim();
    let text;
    try { text = git(dir, 'show', `HEAD:${path}`); } catch { e.reason = 'file not at the fetched commit'; continue; }
    const insts = instructions(text);
    const froms = fromImages(insts);
    e.baseImage = froms[0] ?? null;
    if (froms.length !== 1) { e.reason = `${froms.length} FROM instructions (not single-stage)`; continue; }
    if (!hasBuildStep(lang, insts)) { e.reason = `no ${lang} build step in a RUN`; continue; }
    // export the checkout
    const out = join(checkouts, repo.replace('/', '+'));
    if (!existsSync(join(out, '.split-eval-commit')) || readFileSync(join(out, '.split-eval-commit'), 'utf8') !== e.commit) {
      rmSync(out, { recursive: true, force: true });
      mkdirSync(out, { recursive: true });
      const absent = exportTree(dir, out);
      writeFileSync(join(out, '.split-eval-absent'), absent.join('\n'));
      writeFileSync(join(out, '.split-eval-commit'), e.commit);
    }
    const dfDir = posix.dirname(path) === '.' ? '' : posix.dirname(path);
    const srcs = copySources(insts);
    const missingHere = srcs.filter((s) => !sourceExists(out, dfDir, s));
    let ctx = dfDir;
    if (missingHere.length && dfDir !== '' && srcs.every((s) => sourceExists(out, '', s))) ctx = '';
    const missing = srcs.filter((s) => !sourceExists(out, ctx, s));
    e.context = ctx === '' ? '.' : ctx;
    if (missing.length) { e.reason = `build context lacks ${missing.map((s) => `\`${s}\``).join(', ')}`; continue; }
    const absent = readFileSync(join(out, '.split-eval-absent'), 'utf8').split('\n').filter(Boolean);
    if (absent.length) e.absentFromSnapshot = absent;
    e.kept = true;
    e.alpine = isAlpine(insts);
    if (!e.alpine && inBuildSet < PER_LANGUAGE) { e.buildSet = true; inBuildSet++; }
  }
}
writeFileSync(join(here, 'manifest.json'), JSON.stringify({ rule: 'README.md, Selection rule', checkoutsNote: 'the harness reads <checkouts>/<owner>+<name>/<path>', files: manifest }, null, 1) + '\n');
const byLang = {};
for (const e of manifest) { const b = (byLang[e.language] ??= { candidates: 0, kept: 0, alpine: 0, buildSet: 0 }); b.candidates++; if (e.kept) b.kept++; if (e.kept && e.alpine) b.alpine++; if (e.buildSet) b.buildSet++; }
console.table(byLang);
for (const e of manifest) if (!e.kept) console.log(`dropped ${e.language} ${e.repository}/${e.path}: ${e.reason}`);
