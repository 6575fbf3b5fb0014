/**
 * The long fuzz campaign: the properties of test/robustness/fuzz.test.ts on many more cases.
 *
 *   node --import tsx bench/fuzz.ts [--cases N] [--seed S]      (npm run fuzz -- --cases 5000)
 *
 * Cases are Dockerfile-like documents (70 %) and half-typed files of the shared corpus (30 %), see
 * test/support/arbitraries.ts. Prints the cases run, the failures and, for each, the minimal counterexample;
 * progress goes to stderr. Writes no file. Exits 1 when any case fails.
 */
import fc from 'fast-check';
import { lint } from '../server/src/engine/index.js';
import { loadEngine } from '../server/src/node/loadEngine.js';
import { dockerfileText, mutatedText } from '../test/support/arbitraries.js';
import { corpusFiles } from '../test/support/corpus.js';
import { runCampaign } from '../test/support/invariants.js';

const BATCH = 1000;

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const value = Number(process.argv[i + 1]);
  if (!Number.isSafeInteger(value) || value < 0) {
    process.stderr.write(`fuzz: --${name} needs a non-negative integer\n`);
    process.exit(2);
  }
  return value;
}

async function main(): Promise<number> {
  const cases = option('cases', 100_000);
  const seed = option('seed', 1);
  await loadEngine();
  const files = corpusFiles().map(([, text]) => text);
  // Half of the mutated cases start from files the rules have something to say about.
  const favoured = files.filter((t) => lint(t).length > 0);
  const arbitrary = fc.oneof({ arbitrary: dockerfileText, weight: 7 }, { arbitrary: mutatedText(files, favoured), weight: 3 });
  const started = performance.now();
  let lastReport = 0;
  const result = runCampaign(arbitrary, {
    seed,
    numRuns: cases,
    batch: BATCH,
    onBatch: (done) => {
      if (done - lastReport >= 10_000 || done === cases) {
        lastReport = done;
        process.stderr.write(`fuzz: ${done.toLocaleString('en-US')} cases, ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
      }
    },
  });
  const seconds = (performance.now() - started) / 1000;
  const out: string[] = [
    `cases run: ${result.cases}`,
    `corpus files mutated: ${files.length}${files.length === 0 ? ' (corpus not found: built-in seeds used)' : ` (${favoured.length} with findings, favoured)`}`,
    `seed: ${seed} (batches of ${BATCH}, seeds ${seed}…${seed + Math.ceil(cases / BATCH) - 1}; a batch stops at its first failure)`,
    `time: ${seconds.toFixed(1)} s (${Math.round(result.cases / seconds)} cases/s)`,
    `failures: ${result.failures.length}`,
  ];
  result.failures.forEach((f, i) => {
    out.push('', `failure ${i + 1} (seed ${f.seed}, path ${f.path ?? '-'}):`);
    for (const p of f.problems) out.push(`  ${p}`);
    out.push(`  minimal counterexample: ${JSON.stringify(f.minimal)}`);
    if (f.minimal !== f.text) out.push(`  as generated (${f.text.length} characters): ${JSON.stringify(f.text.length > 2000 ? `${f.text.slice(0, 2000)}…` : f.text)}`);
  });
  process.stdout.write(`${out.join('\n')}\n`);
  return result.failures.length > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`fuzz: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 2;
  },
);
