// Writes RESULTS.md from results.json (see run.mjs).
import { readFileSync, existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const MB = (b) => (b / 1e6).toFixed(1);
const esc = (s) => String(s ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ');
const LANGS = ['go', 'python', 'node', 'rust', 'java', 'c'];

const lastLine = (x) => (x?.log ?? '').trim().split('\n').pop()
  .replace(/\d{4}[-/]\d\d[-/]\d\d[T ]\d\d:\d\d:\d\d(\.\d+)?Z?/g, '<time>').trim();
/** The split's smoke result next to the original's: it passes, or it fails exactly as the original does
 *  (same exit code, same last line of output: the program needs something neither image has, such as a
 *  database), or it fails where the original did not. */
function buildRange(results) {
  const t = Object.values(results.files).map((r) => r.build?.at).filter(Boolean).sort();
  return t.length ? `${t[0].slice(0, 16)}–${t[t.length - 1].slice(11, 16)} UTC` : 'none yet';
}
/** `n at date time–time @ commit` per commit, in time order. */
function runs(xs) {
  const by = new Map();
  for (const x of xs) {
    const k = (x.toolCommit ?? '?').slice(0, 7);
    const g = by.get(k) ?? { n: 0, times: [] };
    g.n++; g.times.push(x.at);
    by.set(k, g);
  }
  return [...by].map(([c, g]) => { g.times.sort(); return { c, g }; }).sort((a, b) => a.g.times[0].localeCompare(b.g.times[0]))
    .map(({ c, g }) => `${g.n} on ${g.times[0].slice(0, 10)} ${g.times[0].slice(11, 16)}–${g.times[g.times.length - 1].slice(11, 16)} at \`${c}\``).join('; ') || 'none';
}
const runOf = (x) => (x ? `${x.at.slice(0, 10)} ${x.at.slice(11, 16)} \`${(x.toolCommit ?? '?').slice(0, 7)}\`` : '');
/** A build of the split the row's analysis wrote (not an older split, not a file no longer offered). */
const current = (r) => !!r.build && r.analysis?.status === 'offered' && !r.buildStale;
const passed = (x) => !!x && (x.pass || x.exitCode === 0);
export function verdict(bd) {
  const o = bd?.original?.smoke, s = bd?.split?.smoke;
  if (!s) return null;
  // Builds since the shared smoke module (server/src/node/smoke.ts) carry its comparison.
  if (bd.verdict) return bd.verdict;
  if (passed(s)) return 'pass';
  if (o && !passed(o) && o.exitCode === s.exitCode && lastLine(o) === lastLine(s)) return 'same-as-original';
  return 'fails';
}

export function writeReport(results, manifest, out) {
  const judged = existsSync(join(HERE, 'judgements.json')) ? JSON.parse(readFileSync(join(HERE, 'judgements.json'), 'utf8')) : {};
  const rows = Object.entries(results.files).sort(([a], [b]) => LANGS.indexOf(a.split('/')[0]) - LANGS.indexOf(b.split('/')[0]) || a.localeCompare(b));
  const L = [];
  const count = (pred) => rows.filter(([, r]) => pred(r)).length;
  const offered = (r) => r.analysis?.status === 'offered';
  const built = (r) => r.build?.original?.built && r.build?.split;
  L.push('# Split evaluation on real projects: results', '');
  const an = Object.values(results.files).map((r) => r.analysis).filter(Boolean);
  L.push(`Analysis runs (file count, UTC time, dockerfile-slim commit): ${runs(an)}. ` +
    `Build runs: ${runs(Object.values(results.files).map((r) => r.build).filter(Boolean))}. ` +
    'Each row says which analysis and which build it comes from; a build counts below only when it built the split that row\'s analysis wrote. ' +
    'How the files were chosen, the stand-in images and the smoke test: README.md. ' +
    'Sizes are uncompressed (`podman image inspect --format {{.Size}}`), MB = 10^6 bytes.', '');
  if (existsSync(join(HERE, 'findings.md'))) L.push(readFileSync(join(HERE, 'findings.md'), 'utf8').trim(), '');
  L.push('## Summary (generated from results.json)', '');
  L.push('| | files | offered | refused (reason given) | not reported | placeholder in output | split not a fixed point |', '|---|---:|---:|---:|---:|---:|---:|');
  for (const lang of [...LANGS, 'all']) {
    const rs = rows.filter(([id]) => lang === 'all' || id.startsWith(lang + '/')).map(([, r]) => r);
    const c = (p) => rs.filter(p).length;
    L.push(`| ${lang} | ${rs.length} | ${c(offered)} | ${c((r) => r.analysis?.status === 'refused')} | ${c((r) => r.analysis?.status === 'not-reported')} | ${c((r) => r.analysis?.placeholder)} | ${c((r) => r.analysis?.fixedPoint === false)} |`);
  }
  const all = rows.map(([, r]) => r);
  const noStart = all.filter((r) => /no CMD or ENTRYPOINT/.test(r.analysis?.reason ?? ''));
  const nOff = all.filter(offered).length;
  L.push('', '### Coverage (README, "Coverage": final stage ships a compiler or an SDK, read from the text)', '');
  L.push('| | files | ship a compiler/SDK | offered among them | refused among them | not reported among them | coverage | with CMD/ENTRYPOINT: offered / files | coverage |', '|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  const pct = (a, b) => (b === 0 ? '–' : `${Math.round((100 * a) / b)}%`);
  for (const lang of [...LANGS, 'all']) {
    const rs = rows.filter(([id]) => lang === 'all' || id.startsWith(lang + '/')).map(([, r]) => r);
    const sdk = rs.filter((r) => r.analysis?.shipsSdk);
    const started = sdk.filter((r) => !/no CMD or ENTRYPOINT/.test(r.analysis?.reason ?? ''));
    const c = (xs, st) => xs.filter((r) => r.analysis?.status === st).length;
    L.push(`| ${lang} | ${rs.length} | ${sdk.length} | ${c(sdk, 'offered')} | ${c(sdk, 'refused')} | ${c(sdk, 'not-reported')} | ${pct(c(sdk, 'offered'), sdk.length)} | ${c(started, 'offered')} / ${started.length} | ${pct(c(started, 'offered'), started.length)} |`);
  }
  const noSdk = rows.filter(([, r]) => r.analysis && !r.analysis.shipsSdk).map(([id]) => id);
  if (noSdk.length) L.push('', `Not counted (the final stage ships no compiler or SDK by the rule): ${noSdk.map((x) => `\`${x}\``).join(', ')}.`);
  L.push('');
  const cur = rows.map(([, r]) => r).filter(current);
  const old = rows.filter(([, r]) => r.build && !current(r)).map(([id, r]) => `\`${id}\` (${r.analysis?.status === 'offered' ? 'split changed since' : `now ${r.analysis?.status}`})`);
  const ph = cur.filter((r) => !r.build.original && r.build.split && !r.build.split.built);
  const b = cur.filter((r) => !r.build.skipped && r.build.original);
  const origOk = b.filter((r) => r.build.original?.built);
  const splitOk = origOk.filter((r) => r.build.split?.built);
  const smokeOk = splitOk.filter((r) => verdict(r.build) === 'pass');
  const same = splitOk.filter((r) => verdict(r.build) === 'same-as-original');
  const origSmoke = splitOk.filter((r) => passed(r.build.original.smoke));
  const smokeOkWhereOrig = origSmoke.filter((r) => verdict(r.build) === 'pass');
  const bigger = splitOk.filter((r) => r.build.savedBytes < 0);
  L.push('Builds of offered splits (build set only; a build of an older split or of a file no longer offered is not counted):', '');
  L.push(`- built: ${b.length}; not built because the split has the placeholder (it cannot build): ${ph.length}; skipped (no stand-in image): ${cur.filter((r) => r.build.skipped).length}`);
  L.push(`- original builds here: ${origOk.length} of ${b.length} (the others fail before any split is involved: see the cause column)`);
  L.push(`- split builds: ${splitOk.length} of ${origOk.length} whose original builds`);
  L.push(`- split passes the smoke test: ${smokeOk.length} of ${splitOk.length}; fails exactly as its original does (same exit code and last line: it needs a database, a token…): ${same.length}; fails where the original did not: ${splitOk.length - smokeOk.length - same.length}`);
  L.push(`- where the original passes the smoke test, the split passes it: ${smokeOkWhereOrig.length} of ${origSmoke.length}`);
  L.push(`- split image bigger than the original: ${bigger.length}`);
  if (old.length) L.push(`- not counted (the build is of an older split, or the file is no longer offered): ${old.join(', ')}`);
  if (splitOk.length) {
    const saved = splitOk.map((r) => r.build.savedBytes).sort((x, y) => x - y);
    L.push(`- size saved by the split (MB): median ${MB(saved[Math.floor(saved.length / 2)])}, min ${MB(saved[0])}, max ${MB(saved[saved.length - 1])}`);
  }
  L.push('');
  L.push('## Every file', '');
  L.push('| file | commit | split | runtime / reason | original | split | smoke original → split | saved MB | cause class | stand-ins | analysed / built (UTC, commit) |', '|---|---|---|---|---|---|---|---:|---|---|---|');
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
      const ev = (x) => !x ? '' : passed(x) ? esc(x.evidence) : `${esc(x.evidence)}: «${esc((x.log ?? '').split('\n').pop().slice(0, 110))}»`;
      sm = bd.split?.smoke ? `${ev(bd.original.smoke)} → ${ev(bd.split.smoke)} (**${verdict(bd)}**)` : bd.original?.smoke ? `${ev(bd.original.smoke)} → (split not built)` : '';
      saved = bd.savedBytes !== undefined ? MB(bd.savedBytes) : '';
    }
    const subs = (bd?.substitutions ?? []).filter((x) => x.standIn !== 'exists locally').map((x) => `${x.ref}→${x.standIn.replace('localhost/', '')}`).join(', ');
    // A judgement is of one build (its \`build\` is that build's time): it is shown only next to that build.
    const jj = judged[id];
    const j = jj && (jj.build ?? null) === (bd?.at ?? null) ? jj : {};
    L.push(`| ${link} | \`${(r.commit ?? '').slice(0, 7)}\` | ${a.status ?? ''}${r.build && !current(r) ? (a.status === 'offered' ? ' (build not counted: of an older split)' : ' (build not counted: of a split no longer offered)') : ''} | ${what} | ${o} | ${s} | ${sm} | ${saved} | ${esc(j.class ?? '')}${j.class && j.note ? ': ' : ''}${esc(j.note ?? '')} | ${esc(subs)} | ${runOf(a.at ? a : null)}${bd ? ` / ${runOf(bd)}` : ''} |`);
  }
  L.push('', '† analysed only: not in the build set (Alpine, or beyond the first 10 of its language).', '');
  writeFileSync(out, L.join('\n') + '\n');
}
