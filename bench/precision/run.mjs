#!/usr/bin/env node
// Precision benchmark: lint the real Dockerfiles listed in manifest.tsv with the built CLI, draw a
// fixed-seed random sample of the warning/error findings, join them with the hand judgements in
// judgements.tsv, print the sampled findings nobody has judged yet, and write RESULTS.md.
//
//   node bench/precision/run.mjs [--files DIR] [--sample 150] [--per-rule 1000] [--seed 15]
//                                [--rule ID [--min 20]] [--show N] [--no-write]
//
//   --files DIR     cache folder laid out by the manifest: DIR/<id> (default bench/precision/.files)
//   --sample N      size of the uniform random sample of warning/error findings (default 150)
//   --per-rule K    also draw up to K findings of every rule that fires, so rare rules are judged (default 1000: every finding,
//                   a census; a smaller K keeps judging affordable when the benchmark grows)
//   --seed S        sample seed (default 1000: every finding,
//                   a census; a smaller K keeps judging affordable when the benchmark grows); the sample depends only on the seed and the findings' keys,
//                   so a judgement never changes it and a rule change only adds or removes its own findings
//   --rule ID       judge one rule (issue #20): sample only its findings, at most one per file, --min of them
//   --show N        print at most N unjudged findings with their context (default 1000: every finding,
//                   a census; a smaller K keeps judging affordable when the benchmark grows)
//   --no-write      do not rewrite RESULTS.md
//   --set DIR       read manifest.tsv and judgements.tsv from DIR (and write its RESULTS.md; files default to
//                   DIR/.files) instead of this folder: e.g. bench/precision/issue20, the files found for #20
//
// Exit code: 0 (this is a measurement, not a gate); 2 on a usage error or a cache that does not match
// the manifest.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..', '..');
const CLI = join(ROOT, 'server', 'out', 'cli.js');

function parseArgs(argv) {
  const o = { set: HERE, files: null, sample: 150, perRule: 1000, seed: '15', rule: null, min: 20, show: 40, write: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) usage(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--files') o.files = resolve(next());
    else if (a === '--sample') o.sample = Number(next());
    else if (a === '--per-rule') o.perRule = Number(next());
    else if (a === '--seed') o.seed = next();
    else if (a === '--rule') o.rule = next();
    else if (a === '--min') o.min = Number(next());
    else if (a === '--show') o.show = Number(next());
    else if (a === '--no-write') o.write = false;
    else if (a === '--set') o.set = resolve(next());
    else usage(`unknown option ${a}`);
  }
  o.files ??= join(o.set, '.files');
  return o;
}
function usage(msg) {
  console.error(`run.mjs: ${msg}`);
  process.exit(2);
}

/** Rows of a tab-separated file with a header line, as objects. */
export function readTsv(path) {
  if (!existsSync(path)) return [];
  const [head, ...rows] = readFileSync(path, 'utf8').split('\n').filter((l) => l.trim() !== '');
  const cols = head.split('\t');
  return rows.map((row) => Object.fromEntries(row.split('\t').map((v, i) => [cols[i], v])));
}

const sha = (s) => createHash('sha256').update(s).digest('hex');
/** A line's text with whitespace collapsed: the part of a finding's key that survives reformatting. */
export const normalizeLine = (s) => s.replace(/\s+/g, ' ').trim();

/**
 * Findings of one file with stable keys: repository, path, rule and the text of the finding's first
 * line, plus the occurrence number among findings with the same four (two findings of one rule on two
 * identical lines stay apart).
 */
export function keyFindings(entry, text, findings) {
  const lines = text.split(/\r?\n/);
  const seen = new Map();
  return findings.map((f) => {
    const line0 = f.range.start.line;
    const lineText = normalizeLine(lines[line0] ?? '');
    const base = [entry.repo, entry.path, f.ruleId, lineText].join('\u0000');
    const k = (seen.get(base) ?? 0) + 1;
    seen.set(base, k);
    return {
      id: entry.id,
      repo: entry.repo,
      path: entry.path,
      rule: f.ruleId,
      severity: f.severity,
      line: line0 + 1,
      message: f.message,
      lineText,
      key: sha(`${base}\u0000${k}`).slice(0, 16),
    };
  });
}

/** Rank of a finding in the sample order: a hash of the seed and its key. */
const rank = (seed, key) => sha(`${seed}:${key}`);

/**
 * The sample: the first `size` findings in seed order (uniform, used for the overall figure), plus up
 * to `perRule` of every rule in the same order (so rare rules are judged too).
 */
export function drawSample(findings, { seed, size, perRule }) {
  const ordered = [...findings].sort((a, b) => (rank(seed, a.key) < rank(seed, b.key) ? -1 : 1));
  const uniform = new Set(ordered.slice(0, size).map((f) => f.key));
  const perRuleTaken = new Map();
  const extra = new Set();
  for (const f of ordered) {
    const n = perRuleTaken.get(f.rule) ?? 0;
    if (n < perRule) {
      perRuleTaken.set(f.rule, n + 1);
      if (!uniform.has(f.key)) extra.add(f.key);
    }
  }
  return { ordered, uniform, extra };
}

function lintAll(entries, dir) {
  if (!existsSync(CLI)) usage(`${CLI} not found: run \`npm run build\` first`);
  const out = new Map();
  const chunk = 80;
  for (let i = 0; i < entries.length; i += chunk) {
    const part = entries.slice(i, i + chunk);
    const r = spawnSync(
      process.execPath,
      [CLI, 'check', '--format', 'json', '--failure-threshold', 'none', ...part.map((e) => join(dir, e.id))],
      { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
    );
    if (r.status !== 0) usage(`the CLI failed (exit ${r.status}): ${r.stderr}`);
    for (const file of JSON.parse(r.stdout).files) out.set(file.path, file.findings);
  }
  return out;
}

function gitCommit() {
  const r = spawnSync('git', ['rev-parse', '--short=12', 'HEAD'], { cwd: ROOT, encoding: 'utf8' });
  const dirty = spawnSync('git', ['status', '--porcelain', '--', 'server', 'client'], { cwd: ROOT, encoding: 'utf8' });
  return (r.stdout.trim() || 'unknown') + (dirty.stdout.trim() ? ' (with uncommitted changes under server/ or client/)' : '');
}

const pct = (a, b) => (b === 0 ? '–' : `${((100 * a) / b).toFixed(1)}%`);

/** Wilson score interval (95%) for k successes in n trials, as percentages. */
export function wilson(k, n, z = 1.96) {
  if (n === 0) return [0, 100];
  const p = k / n;
  const d = 1 + (z * z) / n;
  const c = (p + (z * z) / (2 * n)) / d;
  const h = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / d;
  return [100 * Math.max(0, c - h), 100 * Math.min(1, c + h)];
}
const interval = (k, n) => {
  const [lo, hi] = wilson(k, n);
  return `95% interval ${lo.toFixed(1)}–${hi.toFixed(1)}%`;
};
const mdCell = (s) => String(s).replace(/\|/g, '\\|').replace(/\n/g, ' ');

function main() {
  const o = parseArgs(process.argv.slice(2));
  const manifest = readTsv(join(o.set, 'manifest.tsv'));
  if (manifest.length === 0) usage('manifest.tsv is empty or missing');

  // The cache must be the manifest's bytes.
  const texts = new Map();
  const problems = [];
  for (const e of manifest) {
    const p = join(o.files, e.id);
    if (!existsSync(p)) {
      problems.push(`${e.id} ${e.repo}:${e.path}: missing from ${o.files}`);
      continue;
    }
    const bytes = readFileSync(p);
    if (sha(bytes) !== e.sha256) problems.push(`${e.id} ${e.repo}:${e.path}: SHA-256 differs from the manifest`);
    texts.set(e.id, bytes.toString('utf8'));
  }
  if (problems.length) {
    console.error(problems.join('\n'));
    usage(`${problems.length} cached file(s) do not match manifest.tsv; see README.md for how to fill the cache`);
  }

  const raw = lintAll(manifest, o.files);
  const all = [];
  for (const e of manifest) all.push(...keyFindings(e, texts.get(e.id), raw.get(join(o.files, e.id)) ?? []));

  const judgements = new Map(readTsv(join(o.set, 'judgements.tsv')).map((j) => [j.key, j]));
  const loud = all.filter((f) => f.severity === 'warning' || f.severity === 'error');

  // One rule is judged at whatever level it reports (an info rule such as distro-upgrade-in-image too).
  if (o.rule) return oneRule(o, all, judgements, texts);

  const { uniform, extra } = drawSample(loud, { seed: o.seed, size: o.sample, perRule: o.perRule });
  const inSample = (f) => uniform.has(f.key) || extra.has(f.key);
  const unjudged = loud.filter((f) => inSample(f) && !judgements.has(f.key));

  // Per-rule counts over every finding, and precision over every judged finding of the rule.
  const rules = new Map();
  for (const f of all) {
    const r = rules.get(f.rule) ?? { info: 0, warning: 0, error: 0, judged: 0, right: 0, files: new Set() };
    r[f.severity] += 1;
    r.files.add(f.id);
    const j = (f.severity !== 'info') && judgements.get(f.key);
    if (j) {
      r.judged += 1;
      if (j.verdict === 'right') r.right += 1;
    }
    rules.set(f.rule, r);
  }
  const uniformJudged = loud.filter((f) => uniform.has(f.key) && judgements.has(f.key));
  const uniformRight = uniformJudged.filter((f) => judgements.get(f.key).verdict === 'right');
  const allJudged = loud.filter((f) => judgements.has(f.key));
  const allRight = allJudged.filter((f) => judgements.get(f.key).verdict === 'right');
  const wrong = allJudged.filter((f) => judgements.get(f.key).verdict !== 'right');
  const census = allJudged.length === loud.length;
  const [headK, headN] = census ? [allRight.length, allJudged.length] : [uniformRight.length, uniformJudged.length];
  const headWhat = census ? 'every warning/error finding judged (census)' : 'the uniform sample';
  const filesWithFindings = new Set(all.map((f) => f.id)).size;
  const filesWithLoud = new Set(loud.map((f) => f.id)).size;
  const unused = [...judgements.values()].filter((j) => !all.some((f) => f.key === j.key));

  const summary = [
    `files: ${manifest.length} (${filesWithFindings} with a finding, ${filesWithLoud} with a warning or error)`,
    `findings: ${all.length} (${loud.length} warning/error, ${all.length - loud.length} info)`,
    `sample: ${uniform.size} uniform + ${extra.size} per-rule extras; judged ${uniform.size + extra.size - unjudged.length}, unjudged ${unjudged.length}`,
    `precision, uniform sample: ${uniformRight.length}/${uniformJudged.length} = ${pct(uniformRight.length, uniformJudged.length)} (${interval(uniformRight.length, uniformJudged.length)})`,
    `precision, every judged warning/error: ${allRight.length}/${allJudged.length} = ${pct(allRight.length, allJudged.length)}${census ? ' (all of them: a census, no sampling error)' : ''}`,
  ];
  console.log(summary.join('\n'));
  if (unused.length) console.log(`${unused.length} judgement(s) no longer match a finding (the rule stopped firing there, or the line changed)`);
  printUnjudged(unjudged, texts, o.show);

  if (!o.write) return;
  const date = new Date().toISOString().slice(0, 10);
  const below = [...rules.entries()].filter(([, r]) => r.judged > 0 && r.right / r.judged < 0.9).sort((a, b) => a[0].localeCompare(b[0]));
  const ruleRows = [...rules.entries()]
    .sort((a, b) => b[1].warning + b[1].error - (a[1].warning + a[1].error) || a[0].localeCompare(b[0]))
    .map(([id, r]) => {
      const loudN = r.warning + r.error;
      const level = r.error ? (r.warning ? 'error/warning' : 'error') : r.warning ? 'warning' : 'info';
      const prec = loudN === 0 ? 'info only' : r.judged === 0 ? 'not judged' : `${r.right}/${r.judged} = ${pct(r.right, r.judged)}`;
      return `| \`${id}\` | ${level} | ${loudN} | ${r.info} | ${r.files.size} | ${r.judged} | ${prec} |`;
    });
  const wrongRows = wrong
    .sort((a, b) => a.rule.localeCompare(b.rule) || a.id.localeCompare(b.id))
    .map((f) => `| \`${f.rule}\` | ${f.repo} \`${f.path}\` (${f.id}) | ${f.line} | ${mdCell(judgements.get(f.key).why)} |`);
  const md = [
    '# Precision on real Dockerfiles',
    '',
    `Written by \`npm run bench:precision\` on ${date}, linter at commit ${gitCommit()}.`,
    'Files, selection rule and method: [README.md](README.md). Each sampled warning/error finding was',
    'read in its file and judged by hand; the verdicts and reasons are in [judgements.tsv](judgements.tsv).',
    '',
    '## Summary',
    '',
    ...summary.map((s) => `- ${s}`),
    '',
    'The uniform sample is a seed-ordered random draw of 150 warning/error findings; the per-rule extras add up',
    'to --per-rule findings of every rule in the same order. When every warning/error finding is judged (a',
    'census, the default), the census is the headline figure and has no sampling error for these 320 files;',
    'per-rule precision is over every judged finding of the rule, and small counts are small evidence.',
    '',
    '## Against the targets of issue #15',
    '',
    `- warnings/errors overall at least 95%: ${pct(headK, headN)} on ${headWhat}: ${headN && headK / headN >= 0.95 ? 'met' : 'not met'}.${census ? ` (The uniform sample alone gave ${pct(uniformRight.length, uniformJudged.length)}, ${interval(uniformRight.length, uniformJudged.length)}.)` : ''}`,
    `- every rule at least 90%: ${below.length === 0 ? 'met for every judged rule.' : `not met for ${below.map(([id, r]) => `\`${id}\` (${r.right}/${r.judged})`).join(', ')}.`}`,
    '',
    '## Per rule',
    '',
    '| rule | level | warnings/errors | info | files | judged | precision |',
    '|---|---|---|---|---|---|---|',
    ...ruleRows,
    '',
    '## Wrong findings',
    '',
    wrongRows.length ? '| rule | file | line | why it is wrong |' : 'None among the judged findings.',
    ...(wrongRows.length ? ['|---|---|---|---|', ...wrongRows] : []),
    '',
  ].join('\n');
  writeFileSync(join(o.set, 'RESULTS.md'), md);
  console.log(`RESULTS.md written`);
}

/** Issue #20: judge one rule on at least `min` findings, one per file, in seed order. */
function oneRule(o, loud, judgements, texts) {
  const mine = loud.filter((f) => f.rule === o.rule);
  const ordered = [...mine].sort((a, b) => (rank(o.seed, a.key) < rank(o.seed, b.key) ? -1 : 1));
  const files = new Set();
  const picked = [];
  for (const f of ordered) {
    if (files.has(f.id) || picked.length >= o.min) continue;
    files.add(f.id);
    picked.push(f);
  }
  const judged = picked.filter((f) => judgements.has(f.key));
  const right = judged.filter((f) => judgements.get(f.key).verdict === 'right');
  console.log(`${o.rule}: ${mine.length} findings in ${new Set(mine.map((f) => f.id)).size} files; sample ${picked.length} (one per file)`);
  console.log(`judged ${judged.length}, right ${right.length} = ${pct(right.length, judged.length)}`);
  if (picked.length < o.min) console.log(`fewer than ${o.min} files have this finding: add files to the benchmark to judge it on ${o.min}`);
  printUnjudged(picked.filter((f) => !judgements.has(f.key)), texts, o.show);
}

function printUnjudged(list, texts, max) {
  if (list.length === 0) return;
  console.log(`\nUnjudged (add a row to judgements.tsv: repo, path, rule, line, key, verdict right|wrong, why):`);
  for (const f of list.slice(0, max)) {
    const lines = texts.get(f.id).split(/\r?\n/);
    console.log(`\n${f.repo}\t${f.path}\t${f.rule}\t${f.line}\t${f.key}\t(${f.severity}, file ${f.id})`);
    console.log(`  ${f.message}`);
    for (let i = Math.max(0, f.line - 3); i < Math.min(lines.length, f.line + 2); i++) {
      console.log(`  ${String(i + 1).padStart(4)}${i + 1 === f.line ? '>' : ' '} ${lines[i]}`);
    }
  }
  if (list.length > max) console.log(`\n… and ${list.length - max} more (--show N)`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
