/**
 * The lean parse's fuzz campaign: test/support/leanDiff.ts's comparison with dockerfile-ast (every method the
 * engine calls, on every node) on many more files than test/engine/leanParse.test.ts checks.
 *
 *   node --import tsx bench/fuzz-lean-parse.ts [--cases N] [--seed S] [--files DIR]    (npm run fuzz:lean -- …)
 *
 * Cases: the shared corpus; the files of DIR (e.g. the precision benchmark's bench/precision/.files), each
 * file in it once; then N generated files, a third each from leanDiff.ts's generator (seed S), from
 * test/support/arbitraries.ts's Dockerfile-like documents and from its mutations of corpus files (fast-check,
 * seed S). Prints the counts and the first differences; exits 1 when any case differs.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { dockerfileText, mutatedText } from '../test/support/arbitraries.js';
import { corpusFiles } from '../test/support/corpus.js';
import { compareParse, generate, random, type Outcome } from '../test/support/leanDiff.js';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? undefined : process.argv[i + 1];
}

const cases = Number(option('cases') ?? 30_000);
const seed = Number(option('seed') ?? 1);
const dir = option('files');

const counts = { same: 0, fallback: 0, differs: 0 };
const shown: string[] = [];
function check(name: string, text: string): void {
  const o: Outcome = compareParse(text);
  counts[o.kind]++;
  if (o.kind === 'differs' && shown.length < 5) shown.push(`${name} ${JSON.stringify(text.slice(0, 400))}: ${JSON.stringify(o).slice(0, 1500)}`);
}

const started = performance.now();
const corpus = corpusFiles();
for (const [rel, text] of corpus) check(`corpus ${rel}`, text);
process.stderr.write(`fuzz:lean: corpus ${corpus.length} files\n`);
let fromDir = 0;
if (dir) {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (!statSync(p).isFile()) continue;
    check(`${dir}/${name}`, readFileSync(p, 'utf8'));
    fromDir++;
  }
  process.stderr.write(`fuzz:lean: ${fromDir} files of ${dir}\n`);
}
const rand = random(seed);
const third = Math.ceil(cases / 3);
for (let k = 0; k < third; k++) check(`generated ${k}`, generate(rand));
const texts = corpus.map(([, t]) => t);
const arbitrary = fc.oneof(dockerfileText, mutatedText(texts, texts));
for (const [k, text] of fc.sample(arbitrary, { seed, numRuns: cases - third }).entries()) check(`arbitrary ${k}`, text);
const seconds = (performance.now() - started) / 1000;
process.stdout.write(
  [
    `files: corpus ${corpus.length}, ${dir ?? 'no --files'} ${fromDir}, generated ${cases} (seed ${seed})`,
    `same: ${counts.same}, fallback: ${counts.fallback}, differs: ${counts.differs}`,
    `time: ${seconds.toFixed(1)} s`,
    ...shown,
    '',
  ].join('\n'),
);
process.exitCode = counts.differs > 0 ? 1 : 0;
