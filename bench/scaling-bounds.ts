/**
 * What bounds the 5,000-line scaling figure: the two parsers alone next to the whole lint, on the file the
 * scaling suite generates, in one warm process (each figure after 12 untimed runs; median and minimum of 30).
 *
 *   node --import tsx bench/scaling-bounds.ts        env: LINES (default 5000), BENCH_BOOST=1 as for the suites
 *
 * "dockerfile-ast" is `DockerfileParser.parse` of the whole file; "tree-sitter" is `Parser.parse` (and
 * `delete`) of every RUN script the engine would parse, nothing else; the lints use the bench's bundle.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { DockerfileParser } from 'dockerfile-ast';
import { buildModel } from '../server/src/engine/model/model.js';
import { logicalShellText } from '../server/src/engine/model/shellText.js';
import { loadEngine } from '../server/src/node/loadEngine.js';
import { allRulesOn, loadBundledEngine } from './lib/bundle.js';
import { ROOT } from './lib/corpus.js';
import { generateDockerfile } from './lib/generate.js';
import { boostPriority } from './lib/measure.js';

interface TreeSitter {
  Parser: { init(options: unknown): Promise<void>; new (): { setLanguage(l: unknown): void; parse(text: string): { delete(): void } } };
  Language: { load(bytes: Uint8Array): Promise<unknown> };
}

const requireFromRoot = createRequire(join(ROOT, 'package.json'));
const engine = loadBundledEngine();

function timed(f: () => void, runs = 30, warmup = 12): string {
  for (let i = 0; i < warmup; i++) f();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    f();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  wall.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const mid = runs >> 1;
  return `median ${wall[mid]!.toFixed(1)} ms (min ${wall[0]!.toFixed(1)}; CPU median ${cpu[mid]!.toFixed(1)})`;
}

async function main(): Promise<void> {
  const boost = boostPriority();
  await engine.loadEngine();
  await loadEngine();
  const ts = requireFromRoot('web-tree-sitter') as TreeSitter;
  await ts.Parser.init({ wasmBinary: readFileSync(requireFromRoot.resolve('web-tree-sitter/web-tree-sitter.wasm')) });
  const parser = new ts.Parser();
  parser.setLanguage(await ts.Language.load(readFileSync(requireFromRoot.resolve('tree-sitter-bash/tree-sitter-bash.wasm'))));

  const text = generateDockerfile(Number(process.env['LINES'] ?? 5000));
  const model = buildModel(text);
  const scripts = model.instructions
    .filter((i) => i.run?.script && i.run.form === 'shell')
    .map((i) => logicalShellText(text.slice(i.run!.bodyStart, i.run!.bodyEnd), model.escapeChar));
  const rules = allRulesOn(engine.allRules);
  const chars = scripts.reduce((n, s) => n + s.length, 0);
  process.stdout.write(`${text.split('\n').length} lines, ${model.instructions.length} instructions, ${scripts.length} RUN scripts (${chars} characters)${boost ? `; ${boost}` : ''}\n`);
  process.stdout.write(`dockerfile-ast, whole file       ${timed(() => DockerfileParser.parse(text))}\n`);
  process.stdout.write(`tree-sitter, every RUN script    ${timed(() => { for (const s of scripts) parser.parse(s).delete(); })}\n`);
  process.stdout.write(`lint from scratch                ${timed(() => { engine.resetCaches(); engine.lint(text, { rules }); })}\n`);
  process.stdout.write(`lint, shell parses cached        ${timed(() => engine.lint(text, { rules }))}\n`);
}

void main();
