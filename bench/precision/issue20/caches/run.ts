// Lints the issue #20 judged files (this folder's manifest, and the main precision benchmark's files) with
// language-package-cache-kept and cache-mount-emptied, joins the findings with judgements.tsv and prints the
// per-rule counts. Run: npx tsx bench/precision/issue20/caches/run.ts  (after filling .files/, see README.md).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadEngine } from '../../../../server/src/node/loadEngine.js';
import { allRules, lint } from '../../../../server/src/engine/index.js';

const HERE = __dirname;
const RULES = ['language-package-cache-kept', 'cache-mount-emptied'];
const tsv = (p: string): Record<string, string>[] => {
  const [head, ...rows] = readFileSync(p, 'utf8').split('\n').filter((l) => l.trim() !== '');
  const cols = head!.split('\t');
  return rows.map((r) => Object.fromEntries(r.split('\t').map((v, i) => [cols[i], v])));
};

void (async () => {
  await loadEngine();
  const rules = allRules.filter((r) => RULES.includes(r.meta.id));
  const files: { source: string; id: string; path: string }[] = [];
  for (const m of tsv(join(HERE, 'manifest.tsv'))) {
    const p = existsSync(join(HERE, '.files', m.file_id!)) ? join(HERE, '.files', m.file_id!) : join(HERE, '.files', `${m.file_id}.partial`);
    files.push({ source: 'look-up', id: m.file_id!, path: p });
  }
  for (const m of tsv(join(HERE, '..', '..', 'manifest.tsv'))) files.push({ source: 'main', id: m.id!, path: join(HERE, '..', '..', '.files', m.id!) });
  const judged = new Map(tsv(join(HERE, 'judgements.tsv')).map((j) => [`${j.source}/${j.file}/${j.rule}/${j.line}`, j]));
  const counts: Record<string, { files: Set<string>; findings: number; right: number; wrong: number; unjudged: string[] }> = {};
  for (const id of RULES) counts[id] = { files: new Set(), findings: 0, right: 0, wrong: 0, unjudged: [] };
  let missing = 0;
  for (const f of files) {
    if (!existsSync(f.path)) {
      missing++;
      continue;
    }
    for (const finding of lint(readFileSync(f.path, 'utf8'), undefined, rules)) {
      const c = counts[finding.ruleId];
      if (!c) continue;
      const key = `${f.source}/${f.id}/${finding.ruleId}/${finding.range.start.line + 1}`;
      c.findings++;
      c.files.add(`${f.source}/${f.id}`);
      const j = judged.get(key);
      if (!j) c.unjudged.push(key);
      else if (j.verdict === 'right') c.right++;
      else c.wrong++;
    }
  }
  console.log(`${files.length} files (${missing} not on disk)`);
  for (const [id, c] of Object.entries(counts)) {
    console.log(`${id}: ${c.findings} findings in ${c.files.size} files; right ${c.right}, wrong ${c.wrong}, unjudged ${c.unjudged.length}; precision ${c.right + c.wrong ? ((100 * c.right) / (c.right + c.wrong)).toFixed(1) : '-'}%`);
    for (const u of c.unjudged) console.log(`  unjudged: ${u}`);
  }
})();
