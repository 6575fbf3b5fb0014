/**
 * Cold CLI: `dockerfile-slim check --format json` on the corpus as one fresh process, next to
 * `dockerfilelint -j` (its JSON output: the same kind of output, so neither pays for colour formatting the
 * other skips) on the same files in the same run: wall time, CPU time and peak RSS, median of BENCH_CLI_RUNS
 * runs (default 5), the two tools alternating. Then the same for one small file, which is what a
 * pre-commit hook or an editor-less CI step pays on every call.
 *
 * Our CLI sets V8 flags for its short-lived process before its bundle is compiled (server/src/cli/v8flags.ts:
 * the shell grammar's WebAssembly at the baseline tier only, later and smaller optimisation); dockerfilelint
 * runs with Node's defaults. Both are started as `node <script>`, with no flags on the command line.
 *
 * Our CLI keeps V8's code cache of its bundle in the user's cache directory (server/src/cli/loader.ts). The
 * timed runs use a cache directory of their own, filled by one untimed check of the one-file row's file
 * first: what every run but the very first one on a machine pays. The first run (no cache yet, the cache
 * written at exit) is timed apart, with a fresh cache directory each time.
 *
 *   node --import tsx bench/suites/cli.ts [--json]     (needs the built CLI: npm run build:prod)
 *
 * Both get the same explicit list of files (dockerfilelint takes no directories); files on which
 * dockerfilelint throws (which ends its whole run) are left out for both.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { corpusFiles, ROOT } from '../lib/corpus.js';
import { boostPriority, PEAK_METHOD, runNode, type ProcessRun } from '../lib/measure.js';
import { emit, mb, ratio, row } from '../lib/report.js';
import { median } from '../lib/stats.js';
import { CLI_V8_FLAGS } from '../../server/src/cli/v8flags.js';

const RUNS = Number(process.env['BENCH_CLI_RUNS'] ?? 5);
const CLI = join(ROOT, 'server', 'out', 'cli.js');
const requireFromRoot = createRequire(join(ROOT, 'package.json'));
const DFL_BIN = join(requireFromRoot.resolve('dockerfilelint/package.json'), '..', 'bin', 'dockerfilelint');
const dockerfilelint = requireFromRoot('dockerfilelint') as { run(configDir: string, text: string): unknown[] };

function seconds(msValue: number): string {
  return `${(msValue / 1000).toFixed(2)} s`;
}

async function main(): Promise<void> {
  const boost = boostPriority();
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build:prod\` first`);
  const all = corpusFiles();
  const empty = mkdtempSync(join(tmpdir(), 'dfl-'));
  const crashes = all.filter((f) => {
    try {
      dockerfilelint.run(empty, f.text);
      return false;
    } catch {
      return true;
    }
  });
  rmSync(empty, { recursive: true, force: true });
  const files = all.filter((f) => !crashes.includes(f)).map((f) => f.path);

  const cacheRoot = mkdtempSync(join(tmpdir(), 'bench-cli-cache-'));
  const warm = { XDG_CACHE_HOME: join(cacheRoot, 'warm') };
  // One small, ordinary file: the pre-commit case.
  const one = files.find((f) => /docker-library_python\/.*slim-bookworm\/Dockerfile$/.test(f)) ?? files[0]!;
  // The cache is written by the first run that lints (not by `--version`, which compiles start-up code only).
  await runNode(CLI, ['check', '--format', 'json', one], ROOT, warm);
  const compare = async (paths: readonly string[]): Promise<{ ours: ProcessRun[]; theirs: ProcessRun[] }> => {
    const ours: ProcessRun[] = [];
    const theirs: ProcessRun[] = [];
    for (let r = 0; r < RUNS; r++) {
      // Alternate which goes first, so that neither always runs on a warmer page cache or a quieter machine.
      const order: ('ours' | 'theirs')[] = r % 2 === 0 ? ['ours', 'theirs'] : ['theirs', 'ours'];
      for (const o of order) {
        if (o === 'ours') ours.push(await runNode(CLI, ['check', '--format', 'json', ...paths], ROOT, warm));
        else theirs.push(await runNode(DFL_BIN, ['-j', ...paths], ROOT));
      }
    }
    return { ours, theirs };
  };
  const corpus = await compare(files);
  const single = await compare([one]);
  const first: ProcessRun[] = [];
  for (let r = 0; r < RUNS; r++) first.push(await runNode(CLI, ['check', '--format', 'json', one], ROOT, { XDG_CACHE_HOME: join(cacheRoot, `first-${r}`) }));
  rmSync(cacheRoot, { recursive: true, force: true });
  // Ours exits 0 (clean) or 1 (findings); dockerfilelint exits with its number of issues. Anything else failed.
  const bad = [corpus, single, { ours: first, theirs: [] }].flatMap((c) => [...c.ours.filter((x) => x.code !== 0 && x.code !== 1), ...c.theirs.filter((x) => x.code === null)]);
  const m = (runs: ProcessRun[], k: keyof ProcessRun): number => median(runs.map((x) => x[k] as number));
  const [wall, dWall] = [m(corpus.ours, 'wallMs'), m(corpus.theirs, 'wallMs')];
  const [cpu, dCpu] = [m(corpus.ours, 'cpuMs'), m(corpus.theirs, 'cpuMs')];
  const [rss, dRss] = [m(corpus.ours, 'peakRss'), m(corpus.theirs, 'peakRss')];
  const [oneWall, dOneWall] = [m(single.ours, 'wallMs'), m(single.theirs, 'wallMs')];
  const [oneCpu, dOneCpu] = [m(single.ours, 'cpuMs'), m(single.theirs, 'cpuMs')];
  const [firstWall, firstCpu] = [m(first, 'wallMs'), m(first, 'cpuMs')];
  const area = 'Cold CLI';
  const limit = 200 * 1e6;
  const rows = [
    row(area, 'one file, JSON both: wall time, cold start', `${ratio(oneWall, dOneWall)} dockerfilelint -j`, { text: '≤ 1.2×', pass: oneWall <= 1.2 * dOneWall }, `${seconds(oneWall)} vs ${seconds(dOneWall)}`),
    row(area, 'one file, JSON both: CPU time (user + sys)', `${ratio(oneCpu, dOneCpu)} dockerfilelint -j`, undefined, `${seconds(oneCpu)} vs ${seconds(dOneCpu)}`),
    row(area, 'one file, first run on the machine (no code cache yet)', `${ratio(firstWall, dOneWall)} dockerfilelint -j`, undefined, `wall ${seconds(firstWall)}, CPU ${seconds(firstCpu)} (${ratio(firstCpu, dOneCpu)})`),
    row(area, `${files.length} files, JSON both: wall time`, `${ratio(wall, dWall)} dockerfilelint -j`, { text: '≤ 1.5×', pass: wall <= 1.5 * dWall }, `${seconds(wall)} vs ${seconds(dWall)}`),
    row(area, `${files.length} files, JSON both: CPU time (user + sys)`, `${ratio(cpu, dCpu)} dockerfilelint -j`, { text: '≤ 2×', pass: cpu <= 2 * dCpu }, `${seconds(cpu)} vs ${seconds(dCpu)}`),
    row(area, `${files.length} files: peak RSS`, mb(rss), { text: '≤ 200 MB', pass: rss <= limit }, `dockerfilelint -j ${mb(dRss)} (${ratio(rss, dRss)})`),
  ];
  const notes = [
    `Cold CLI: median of ${RUNS} fresh processes per tool, alternating; \`node server/out/cli.js check --format json FILE…\` and \`node …/dockerfilelint/bin/dockerfilelint -j FILE…\` (both JSON, no other flags, default configuration; ours sets its own V8 flags, \`${CLI_V8_FLAGS}\`, server/src/cli/v8flags.ts) with the same ${files.length} paths, output discarded; the one-file rows use ${one.replace(/^.*corpus\//, '')}. Ours with its code cache filled by an untimed check of that file (the first timed corpus run, which reads more than twice as many files, writes it again at its exit, as a user's first run over many files does: server/src/cli/loader.ts), except in the first-run row (a fresh cache directory per run, ${RUNS} runs). Peak RSS: ${PEAK_METHOD}.`,
  ];
  if (crashes.length > 0) notes.push(`Left out for both: ${crashes.map((f) => f.path.replace(/^.*corpus\//, '')).join(', ')} (dockerfilelint throws on it and stops).`);
  if (bad.length > 0) notes.push(`${bad.length} runs ended with an unexpected exit code (${bad.map((b) => b.code).join(', ')}).`);
  if (boost) notes.push(`Priority: ${boost}.`);
  emit({ suite: 'cli', rows, notes });
}

void main();
