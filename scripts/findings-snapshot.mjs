// Behaviour-preservation check for refactors: records `check --format json` (every rule on, unsafe fixes
// counted) over the shared corpus and the examples, and compares it with an earlier recording.
//   node scripts/findings-snapshot.mjs record OUT.json [DIR...]
//   node scripts/findings-snapshot.mjs compare BASE.json [DIR...]   (exit 1 on any difference)
// Run `npm run build` first: it reads server/out/cli.js. Recordings are not committed.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const [mode, file, ...dirs] = process.argv.slice(2);
if (!['record', 'compare'].includes(mode) || !file) {
  console.error('usage: findings-snapshot.mjs record|compare FILE [DIR...]');
  process.exit(2);
}
const roots = dirs.length ? dirs : ['../shared/corpus', 'examples'];
const r = spawnSync(
  process.execPath,
  ['server/out/cli.js', 'check', '--format', 'json', '--failure-threshold', 'none', '--unsafe-fixes', '--rule', 'pid1-without-init=info', ...roots],
  { encoding: 'utf8', maxBuffer: 1 << 30 },
);
if (r.status !== 0) {
  console.error(r.stderr);
  process.exit(2);
}
const now = JSON.parse(r.stdout);
if (mode === 'record') {
  writeFileSync(file, JSON.stringify(now));
  const n = now.files.reduce((a, f) => a + (f.findings?.length ?? 0), 0);
  console.log(`${now.files.length} files, ${n} findings recorded in ${file}`);
  process.exit(0);
}
const base = JSON.parse(readFileSync(file, 'utf8'));
const byPath = (o) => new Map(o.files.map((f) => [f.path, f]));
const a = byPath(base);
const b = byPath(now);
let diffs = 0;
for (const p of new Set([...a.keys(), ...b.keys()])) {
  const x = JSON.stringify(a.get(p) ?? null);
  const y = JSON.stringify(b.get(p) ?? null);
  if (x === y) continue;
  diffs++;
  if (diffs <= 10) {
    let i = 0;
    while (i < x.length && x[i] === y[i]) i++;
    console.log(`${p}\n  before: …${x.slice(Math.max(0, i - 80), i + 200)}\n  after:  …${y.slice(Math.max(0, i - 80), i + 200)}`);
  }
}
console.log(diffs === 0 ? `identical: ${b.size} files` : `${diffs} files differ`);
process.exit(diffs === 0 ? 0 : 1);
