// Compares the engine's apt size estimates with the sizes measured by measure.sh and writes RESULTS.md.
//   node --import tsx bench/estimates/compare.ts [measured.jsonl]   (default bench/estimates/measured.jsonl)
// Each case is estimated the way the editor does it: the model of `FROM debian:bookworm-slim` +
// `RUN apt-get install -y [--no-install-recommends] <packages>`: the per-instruction hint of the RUN (sizeHints).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sizeHints } from '../../server/src/engine/index.js';
import { buildModel } from '../../server/src/engine/model/model.js';
import { loadEngine } from '../../server/src/node/loadEngine.js';

const here = __dirname;
const root = join(here, '..', '..');
const measuredPath = process.argv[2] ?? join(here, 'measured.jsonl');
const TOLERANCE = 0.25;

interface Header { date: string; base: string; baseBytes: number; baseId: string; buildah: string; kernel: string }
interface Case { packages: string; recommends: boolean; addedBytes: number; buildSeconds: number }

export function estimateOf(packages: string, recommends: boolean): number | null {
  const text = `FROM debian:bookworm-slim\nRUN apt-get install -y ${recommends ? '' : '--no-install-recommends '}${packages}\n`;
  const model = buildModel(text);
  const hint = sizeHints(model).find((h) => h.range.start.line === 1);
  return hint ? hint.bytes : null;
}

async function main(): Promise<void> {
  await loadEngine();
  const lines = readFileSync(measuredPath, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as unknown);
  const header = lines[0] as Header;
  const cases = lines.slice(1) as Case[];
  const mb = (b: number): string => (b / 1e6).toFixed(2);
  const rows: string[] = [];
  let within = 0;
  for (const c of cases) {
    const est = estimateOf(c.packages, c.recommends);
    const err = est === null ? null : (est - c.addedBytes) / c.addedBytes;
    const ok = err !== null && Math.abs(err) <= TOLERANCE;
    if (ok) within++;
    rows.push(`| \`${c.packages}\` | ${c.recommends ? 'with' : 'without'} | ${est === null ? '–' : mb(est)} | ${mb(c.addedBytes)} | ${err === null ? '–' : `${err >= 0 ? '+' : ''}${(err * 100).toFixed(1)}%`} | ${ok ? 'yes' : '**no**'} |`);
  }
  const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root }).toString().trim();
  const share = cases.length ? within / cases.length : 0;
  const out = [
    '# apt size estimates vs measured builds',
    '',
    `Measured ${header.date} on \`${header.base}\` (${mb(header.baseBytes)} MB, image ${header.baseId}, made locally with debuerreotype by`,
    '`bench/image-size/setup.sh`), buildah ' + `${header.buildah}, kernel ${header.kernel}; estimates by the engine at commit ${commit}.`,
    '',
    'Measured: the uncompressed size (`podman image inspect --format {{.Size}}`, what `docker images` shows) of',
    '`FROM <bookworm-slim with apt-get update done>` + `RUN apt-get install -y [--no-install-recommends] <packages>`',
    'minus that of its parent, so the apt lists are not counted. Estimated: Debian Installed-Size of the packages apt',
    'would add (closure minus the image\'s package set), minus the docs, man pages and translations the -slim image',
    'leaves out (estimated from file counts in the Contents index), from `server/src/engine/catalog/debianPackages.generated.ts`.',
    '',
    `**${within} of ${cases.length} cases (${(share * 100).toFixed(0)}%) within ±${TOLERANCE * 100}%.** Run: \`npm run bench:estimates\` (builds, ~20 min on 2 cores)`,
    'or `node --import tsx bench/estimates/compare.ts` (table only, from the committed measurements).',
    '',
    '| packages | recommends | estimate MB | measured MB | error | within ±25% |',
    '| --- | --- | ---: | ---: | ---: | --- |',
    ...rows,
    '',
  ].join('\n');
  writeFileSync(join(here, 'RESULTS.md'), out);
  console.log(out);
}

void main();
