// Writes RESULTS.md from results.json (see run.mjs).
import { readFileSync, existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const MB = (b) => (b / 1e6).toFixed(1);
const esc = (s) => String(s ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ');
const LANGS = ['go', 'python', 'node', 'rust', 'java', 'c'];

export function writeReport(results, manifest, out) {
  const judged = existsSync(join(HERE, 'judgements.json')) ? JSON.parse(readFileSync(join(HERE, 'judgements.json'), 'utf8')) : {};
  const rows = Object.entries(results.files).sort(([a], [b]) => LANGS.indexOf(a.split('/')[0]) - LANGS.indexOf(b.split('/')[0]) || a.localeCompare(b));
  const L = [];
  const count = (pred) => rows.filter(([, r]) => pred(r)).length;
  const offered = (r) => r.analysis?.status === 'offered';
  const built = (r) => r.build?.original?.built && r.build?.split;
  L.push('# Split evaluation on real projects: results', '');
  L.push(`Analysis: ${results.analysedAt ?? '?'} with dockerfile-slim at commit \`${(results.analysedWith ?? '?').slice(0, 10)}\`. ` +
    'Builds: each row gives the commit it was built with. How the files were chosen, the stand-in images and the smoke test: README.md. ' +
    'Sizes are uncompressed (`podman image inspect --format {{.Size}}`), MB = 10^6 bytes.', '');
  L.push('## Summary', '');
  L.push('| | files | offered | refused (reason given) | not reported | placeholder in output |', '|---|---:|---:|---:|---:|---:|');
  for (const lang of [...LANGS, 'all']) {
    const rs = rows.filter(([id]) => lang === 'all' || id.startsWith(lang + '/')).map(([, r]) => r);
    const c = (p) => rs.filter(p).length;
    L.push(`| ${lang} | ${rs.length} | ${c(offered)} | ${c((r) => r.analysis?.status === 'refused')} | ${c((r) => r.analysis?.status === 'not-reported')} | ${c((r) => r.analysis?.placeholder)} |`);
  }
  L.push('');
  const b = rows.map(([, r]) => r).filter((r) => r.build && !r.build.skipped);
  const origOk = b.filter((r) => r.build.original?.built);
  const splitOk = origOk.filter((r) => r.build.split?.built);
  const smokeOk = splitOk.filter((r) => r.build.split.smoke?.pass);
  const origSmoke = splitOk.filter((r) => r.build.original.smoke?.pass);
  const smokeOkWhereOrig = origSmoke.filter((r) => r.build.split.smoke?.pass);
  const bigger = splitOk.filter((r) => r.build.savedBytes < 0);
  L.push('Builds of offered splits (build set only):', '');
  L.push(`- build attempted: ${b.length}; skipped (no stand-in image): ${count((r) => r.build?.skipped)}`);
  L.push(`- original builds here: ${origOk.length} of ${b.length} (the others fail before any split is involved: see the cause column)`);
  L.push(`- split builds: ${splitOk.length} of ${origOk.length} whose original builds`);
  L.push(`- split passes the smoke test: ${smokeOk.length} of ${splitOk.length}; where the original passes it: ${smokeOkWhereOrig.length} of ${origSmoke.length}`);
  L.push(`- split image bigger than the original: ${bigger.length}`);
  if (splitOk.length) {
    const saved = splitOk.map((r) => r.build.savedBytes).sort((x, y) => x - y);
    L.push(`- size saved by the split (MB): median ${MB(saved[Math.floor(saved.length / 2)])}, min ${MB(saved[0])}, max ${MB(saved[saved.length - 1])}`);
  }
  L.push('');
  L.push('## Every file', '');
  L.push('| file | commit | split | runtime / reason | original | split | smoke original → split | saved MB | cause class | stand-ins |', '|---|---|---|---|---|---|---|---:|---|---|');
  for (const [id, r] of rows) {
    const a = r.analysis ?? {};
    const bd = r.build;
    const link = `[${r.repository}](https://github.com/${r.repository}/blob/${r.commit}/${r.path})${r.alpine ? ' (Alpine: not built)' : ''}${r.buildSet ? '' : ' †'}`;
    const what = a.status === 'offered' ? `\`${esc(a.runtimeImage)}\`${a.placeholder ? ' **placeholder**' : ''}` : esc(a.reason);
    let o = '', s = '', sm = '', saved = '';
    if (bd?.skipped) o = esc(bd.skipped);
    else if (bd) {
      o = bd.original?.built ? `${MB(bd.original.sizeBytes)} MB` : `fails (${esc(bd.original?.error)})`;
      s = !bd.split ? '' : bd.split.built ? `${MB(bd.split.sizeBytes)} MB` : `fails (${esc(bd.split.error)})`;
      const ev = (x) => !x ? '' : x.pass ? esc(x.evidence) : `${esc(x.evidence)}: «${esc((x.log ?? '').split('\n').pop().slice(0, 110))}»`;
      sm = bd.split?.smoke ? `${ev(bd.original.smoke)} → ${ev(bd.split.smoke)}` : bd.original?.smoke ? `${ev(bd.original.smoke)} → (split not built)` : '';
      saved = bd.savedBytes !== undefined ? MB(bd.savedBytes) : '';
    }
    const subs = (bd?.substitutions ?? []).filter((x) => x.standIn !== 'exists locally').map((x) => `${x.ref}→${x.standIn.replace('localhost/', '')}`).join(', ');
    const j = judged[id] ?? {};
    L.push(`| ${link} | \`${(r.commit ?? '').slice(0, 7)}\` | ${a.status ?? ''}${r.buildStale ? ' (build is from an older commit)' : ''} | ${what} | ${o} | ${s} | ${sm} | ${saved} | ${esc(j.class ?? '')}${j.note ? `: ${esc(j.note)}` : ''} | ${esc(subs)} |`);
  }
  L.push('', '† analysed only: not in the build set (Alpine, or beyond the first 10 of its language).', '');
  writeFileSync(out, L.join('\n') + '\n');
}
