/**
 * The extension package and its activation.
 *
 *   node --import tsx bench/suites/package.ts [--json]
 *   env: BENCH_SKIP_PACKAGE=1  measure the existing dockerfile-slim.vsix instead of running `npm run package`
 *        BENCH_ACTIVATION_RUNS  fresh processes for the activation figures (default 7)
 *
 * `npm run package` builds the production bundles (which the other suites then use) and the .vsix.
 * Activation: bench/lib/activateProbe.cjs loads client/out/extension.js with a stand-in `vscode` module in
 * the require cache and times activate() alone, from the call until its promise resolves.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../lib/corpus.js';
import { boostPriority } from '../lib/measure.js';
import { emit, ms, row } from '../lib/report.js';
import { median } from '../lib/stats.js';

const RUNS = Number(process.env['BENCH_ACTIVATION_RUNS'] ?? 7);
const VSIX = join(ROOT, 'dockerfile-slim.vsix');
const PROBE = join(ROOT, 'bench', 'lib', 'activateProbe.cjs');
const REPO = 'https://github.com/dockerfile-slim/dockerfile-slim';

interface Probe {
  load: number;
  call: number;
  resolved: number;
}

function main(): void {
  const boost = boostPriority();
  const notes: string[] = [];
  if (process.env['BENCH_SKIP_PACKAGE'] !== '1') {
    rmSync(VSIX, { force: true });
    // npm and vsce print progress on stdout; ours carries the JSON result.
    const run = spawnSync('npm', ['run', '--silent', 'package'], { cwd: ROOT, encoding: 'utf8' });
    if (run.status !== 0) {
      const reason = `${run.stdout}\n${run.stderr}`.split('\n').find((l) => /ERROR/.test(l))?.trim() ?? `exit code ${run.status}`;
      // The size does not depend on where README links point: package with absolute link bases instead.
      execFileSync('npx', ['vsce', 'package', '--no-dependencies', '--baseContentUrl', `${REPO}/blob/main`, '--baseImagesUrl', `${REPO}/raw/main`, '-o', VSIX], { cwd: ROOT, stdio: 'ignore' });
      notes.push(`\`npm run package\` failed (${reason.replace(/\s+/g, ' ')}); the .vsix was built by \`vsce package --no-dependencies --baseContentUrl ${REPO}/blob/main --baseImagesUrl ${REPO}/raw/main\` after the same \`npm run build:prod\`.`);
    }
  }
  if (!existsSync(VSIX)) throw new Error(`${VSIX} is missing: run \`npm run package\``);
  const size = statSync(VSIX).size;

  const probes: Probe[] = [];
  for (let r = 0; r < RUNS; r++) {
    const out = spawnSync(process.execPath, [PROBE, ROOT], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    if (out.status !== 0) throw new Error(`activation probe failed: ${out.stderr}`);
    probes.push(JSON.parse(out.stdout.trim().split('\n').pop()!) as Probe);
  }
  const m = (k: keyof Probe): number => median(probes.map((p) => p[k]));
  const limit = 3e6;
  emit({
    suite: 'package',
    rows: [
      row('Start-up', `extension activate(), call → resolved (median of ${RUNS})`, ms(m('resolved')), { text: '≤ 50 ms', pass: m('resolved') <= 50 }, `synchronous part ${ms(m('call'))}; loading extension.js ${ms(m('load'))} (not counted)`),
      row('Package', '.vsix size (`npm run package`)', `${(size / 1e6).toFixed(2)} MB`, { text: '≤ 3 MB', pass: size <= limit }),
    ],
    notes: [
      ...notes,
      `Activation: a fresh Node process per run loads the production client/out/extension.js with a stand-in \`vscode\` module (a Proxy for every namespace, class and enum @types/vscode declares, answering any use with another Proxy) injected into the require cache; only activate() is timed, from the call until its promise resolves. activate() registers the commands and starts the language client without waiting for the server (commands run before it is up wait for it), so the server's start-up is not included: see the "server ready" row for that.`,
      ...(boost ? [`Priority: ${boost}.`] : []),
    ],
  });
}

main();
