/**
 * `npm run bench`: runs every benchmark suite, prints one table with all results, budgets and the peers'
 * ratios, and writes BENCHMARKS.md (the part between its markers; the text around them is kept).
 *
 *   npm run bench [-- --only engine,lsp] [-- --no-write]
 *   env: BENCH_BOOST=1 (Linux, root) runs the suites at autogroup nice -10, for shared machines; the
 *        suites' own variables (BENCH_PASSES, BENCH_LSP_FILES, …) are listed at the top of each suite.
 *
 * Each suite runs in its own process (and session) and reports JSON; see bench/suites/*.ts.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { ROOT } from './lib/corpus.js';
import { renderTable, type Row, type SuiteResult } from './lib/report.js';

/** In this order: `package` builds the production bundles that `cli` and `lsp` measure. */
const SUITES = ['package', 'engine', 'scaling', 'cli', 'lsp'] as const;
const OUT = join(ROOT, 'BENCHMARKS.md');
const BEGIN = '<!-- bench:begin -->';
const END = '<!-- bench:end -->';

function runSuite(name: string): Promise<SuiteResult> {
  return new Promise((resolve, reject) => {
    process.stderr.write(`bench: ${name}…\n`);
    // detached: a new session, hence its own scheduling group when BENCH_BOOST raises its priority.
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'bench', 'suites', `${name}.ts`), '--json'], {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !last.startsWith('{')) {
        reject(new Error(`suite ${name} failed (exit code ${code})`));
        return;
      }
      resolve(JSON.parse(last) as SuiteResult);
    });
  });
}

function git(args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

function machine(): string {
  const cpus = os.cpus();
  const model = cpus[0]?.model.replace(/\s+/g, ' ').trim() ?? 'unknown CPU';
  return `${cpus.length} cores (${model}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}, ${os.platform()}-${os.arch()}`;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const onlyArg = args.find((a) => a.startsWith('--only'));
  const only = onlyArg ? (onlyArg.includes('=') ? onlyArg.split('=')[1]! : args[args.indexOf(onlyArg) + 1]!).split(',') : null;
  const suites = SUITES.filter((s) => !only || only.includes(s));
  const started = new Date();
  const loadBefore = os.loadavg()[0]!;
  // The machine may be shared: the load is sampled through the run and printed with the results.
  const loads: number[] = [loadBefore];
  const sampler = setInterval(() => loads.push(os.loadavg()[0]!), 5000);
  const results: SuiteResult[] = [];
  const suiteLoads: string[] = [];
  for (const s of suites) {
    const from = loads.length;
    const t0 = Date.now();
    results.push(await runSuite(s));
    loads.push(os.loadavg()[0]!);
    const during = loads.slice(from);
    suiteLoads.push(`${s} ${((Date.now() - t0) / 1000).toFixed(0)} s at ${(during.reduce((a, b) => a + b, 0) / during.length).toFixed(1)}`);
    process.stderr.write(`bench: ${s} done in ${((Date.now() - t0) / 1000).toFixed(0)} s, load ${os.loadavg()[0]!.toFixed(1)}\n`);
  }
  clearInterval(sampler);
  const loadAfter = os.loadavg()[0]!;
  const loadMean = loads.reduce((a, b) => a + b, 0) / loads.length;
  const loadMax = Math.max(...loads);

  // One table, grouped by area in a fixed order.
  const order = ['Engine throughput', 'Cold CLI', 'Language server', 'Scaling', 'Memory', 'Start-up', 'Package'];
  const rows: Row[] = results.flatMap((r) => r.rows).sort((a, b) => order.indexOf(a.area) - order.indexOf(b.area));
  const budgets = rows.filter((r) => r.pass !== null);
  const met = budgets.filter((r) => r.pass).length;
  const table = renderTable(rows);
  const commit = git(['rev-parse', '--short', 'HEAD']);
  const dirty = git(['status', '--porcelain', '--untracked-files=no']) === '' ? '' : ' (with uncommitted changes)';
  const boosted = process.env['BENCH_BOOST'] === '1' ? ' BENCH_BOOST=1' : '';
  const header = [
    `Run: ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC · commit ${commit}${dirty} · ${machine()}`,
    `Load average (1 min) before/after: ${loadBefore.toFixed(1)} / ${loadAfter.toFixed(1)}; during the run (every 5 s): mean ${loadMean.toFixed(1)}, max ${loadMax.toFixed(1)}${loadMax > os.cpus().length / 2 ? ' (other jobs shared the CPU: wall times are inflated, ratios between tools run side by side hold better)' : ''}`,
    `Suites (duration at mean load): ${suiteLoads.join('; ')}`,
    `Command: \`${boosted ? `${boosted.trim()} ` : ''}npm run bench${only ? ` -- --only ${only.join(',')}` : ''}\``,
    `Budgets met: ${met} of ${budgets.length}`,
  ];
  process.stdout.write(`\n${header.join('\n')}\n\n${table}\n\n`);
  for (const r of results) for (const n of r.notes) process.stdout.write(`- ${n}\n`);

  if (args.includes('--no-write')) return;
  const block = [BEGIN, ...header.map((h) => `${h}  `), '', table, '', ...results.flatMap((r) => r.notes.map((n) => `- ${n}`)), END].join('\n');
  const previous = existsSync(OUT) ? readFileSync(OUT, 'utf8') : '';
  const at = previous.indexOf(BEGIN);
  const end = previous.indexOf(END);
  const next =
    at >= 0 && end > at
      ? previous.slice(0, at) + block + previous.slice(end + END.length)
      : `# Benchmarks\n\nReproduce with \`npm run bench\` (see bench/run.ts). The block below is rewritten by each run.\n\n${block}\n`;
  writeFileSync(OUT, next);
  process.stderr.write(`bench: wrote ${OUT}\n`);
}

void main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
