/**
 * Engine throughput: every corpus file linted in one warm process with all rules on, next to the peers
 * `dockerfile-utils` (`validate`) and `dockerfilelint` (`run`) on the same texts in the same process.
 *
 *   node --import tsx bench/suites/engine.ts [--json]      env: BENCH_PASSES (timed passes, default 5)
 *
 * One untimed warm-up pass per tool, then BENCH_PASSES timed passes; the tools take turns within each pass
 * (in a rotating order). A file's time is the median of its timed passes; mean/p50/p99/max are over files.
 * The engine is the minified bundle of the sources (`bench/lib/bundle.ts`); its shell-parse cache is cleared
 * before each pass, so every RUN body is parsed once per pass, as in one CLI run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EngineConfig } from '../../server/src/engine/index.js';
import { allRulesOn, loadBundledEngine } from '../lib/bundle.js';
import { corpusFiles, ROOT } from '../lib/corpus.js';
import { boostPriority } from '../lib/measure.js';
import { emit, ms, ratio, row, type Row } from '../lib/report.js';
import { median, nowMs, summarize, type Summary } from '../lib/stats.js';

const requireFromRoot = createRequire(join(ROOT, 'package.json'));
const dockerfileUtils = requireFromRoot('dockerfile-utils') as { validate(text: string): unknown[] };
const dockerfilelint = requireFromRoot('dockerfilelint') as { run(configDir: string, text: string): unknown[] };

const PASSES = Number(process.env['BENCH_PASSES'] ?? 5);

const { allRules, buildContextFor, lint, loadEngine, resetCaches } = loadBundledEngine();

interface Tool {
  name: string;
  run(i: number): void;
}

async function main(): Promise<void> {
  const boost = boostPriority();
  await loadEngine();
  const files = corpusFiles();
  const rules = allRulesOn(allRules);
  // Build contexts (.dockerignore, package.json beside the file) are read before timing: the engine reads no files.
  const configs: EngineConfig[] = files.map((f) => ({ rules, context: buildContextFor(f.path) }));
  // dockerfilelint reads `<dir>/.dockerfilelintrc` on every call; an empty directory means its defaults.
  const emptyDir = mkdtempSync(join(tmpdir(), 'dfl-'));
  let findings = 0;
  const tools: Tool[] = [
    { name: 'dockerfile-slim', run: (i) => void (findings += lint(files[i]!.text, configs[i]).length) },
    { name: 'dockerfile-utils', run: (i) => void dockerfileUtils.validate(files[i]!.text) },
    { name: 'dockerfilelint', run: (i) => void dockerfilelint.run(emptyDir, files[i]!.text) },
  ];
  // times[tool][file][pass]; NaN marks a file the tool threw on.
  const times = tools.map(() => files.map(() => [] as number[]));
  const failed = tools.map(() => new Set<number>());
  const pass = (t: number, record: boolean): void => {
    const tool = tools[t]!;
    resetCaches();
    for (let i = 0; i < files.length; i++) {
      const start = nowMs();
      try {
        tool.run(i);
      } catch {
        failed[t]!.add(i);
      }
      const elapsed = nowMs() - start;
      if (record) times[t]![i]!.push(elapsed);
    }
  };
  for (let t = 0; t < tools.length; t++) pass(t, false);
  findings = 0;
  for (let p = 0; p < PASSES; p++) {
    for (let k = 0; k < tools.length; k++) pass((p + k) % tools.length, true);
  }
  rmSync(emptyDir, { recursive: true, force: true });
  // Re-linting unchanged texts (the shell-parse cache warm), as the language server does for untouched RUNs.
  const warm: number[][] = files.map(() => []);
  for (let p = 0; p < PASSES; p++) {
    for (let i = 0; i < files.length; i++) {
      const start = nowMs();
      lint(files[i]!.text, configs[i]);
      warm[i]!.push(nowMs() - start);
    }
  }
  const warmSummary = summarize(warm.map((s) => median(s)));

  const perFile = times.map((byFile) => byFile.map((samples) => median(samples)));
  const ok = (t: number) => perFile[t]!.filter((_v, i) => !failed[t]!.has(i));
  const ours = summarize(ok(0));
  const utils = summarize(ok(1));
  const dfl = summarize(ok(2));
  // Ratios compare the same files: those every tool finished.
  const common = files.map((_f, i) => i).filter((i) => failed.every((s) => !s.has(i)));
  const onCommon = (t: number): Summary => summarize(common.map((i) => perFile[t]![i]!));
  const [oc, uc, dc] = [onCommon(0), onCommon(1), onCommon(2)];
  const peers = (k: keyof Summary): string =>
    `dockerfile-utils \`validate(text)\` ${ms(utils[k])} (${ratio(oc[k], uc[k])}), dockerfilelint \`run(dir, text)\` (defaults) ${ms(dfl[k])} (${ratio(oc[k], dc[k])})`;

  const area = 'Engine throughput';
  const rows: Row[] = [
    row(area, `mean per file (${files.length} files, ${allRules.length} rules)`, ms(ours.mean), { text: '≤ 1 ms', pass: ours.mean <= 1 }, peers('mean')),
    row(area, 'p50 per file', ms(ours.p50), undefined, peers('p50')),
    row(area, 'p99 per file', ms(ours.p99), { text: '≤ 5 ms', pass: ours.p99 <= 5 }, peers('p99')),
    row(area, 'max per file', ms(ours.max), undefined, peers('max')),
    row(area, 'mean, shell parses cached (re-lint)', ms(warmSummary.mean), undefined, `p99 ${ms(warmSummary.p99)}`),
    row(area, 'mean vs dockerfile-utils', ratio(oc.mean, uc.mean), { text: '< 1×', pass: oc.mean < uc.mean }),
  ];
  const notes = [
    `Engine throughput: ${PASSES} timed passes after one warm-up pass, in one process; a file's time is the median of its passes. All ${allRules.length} registered rules on (${allRules.map((r) => r.meta.id).join(', ')}); ${Math.round(findings / PASSES)} findings per pass.`,
  ];
  for (let t = 1; t < tools.length; t++) {
    if (failed[t]!.size > 0) notes.push(`${tools[t]!.name} threw on ${failed[t]!.size} of ${files.length} files; its figures leave them out, and the ratios compare the ${common.length} files every tool finished.`);
  }
  if (failed[0]!.size > 0) notes.push(`dockerfile-slim threw on ${failed[0]!.size} files.`);
  if (boost) notes.push(`Priority: ${boost}.`);
  emit({ suite: 'engine', rows, notes });
}

void main();
