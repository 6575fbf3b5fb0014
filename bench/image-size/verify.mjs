#!/usr/bin/env node
// Verify by building, on every image-size fixture: runs the product's own `dockerfile-slim fix --unsafe
// --verify --stdout` (buildah, chroot isolation, no registry; containers run by podman with runc), which
// builds the original and the slimmed Dockerfile, runs the smoke test on both and prints one line with
// the measured sizes, the measured saving, the estimate and how each container behaved. This script
// collects those lines into a dated table (VERIFY.md).
//
//   node bench/image-size/verify.mjs [--only go,c] [--out bench/image-size/VERIFY.md]
//
// Needs root, buildah/podman and the local base images from setup.sh, and `npm run build` (server/out/cli.js).
// Exit code: 0 when every fixture's slim file was verified (builds, and its container does what the
// original's does), 1 otherwise.

import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..', '..');
const FIXTURES = join(HERE, 'fixtures');
const argv = process.argv.slice(2);
const option = (name) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const only = option('--only')?.split(',').map((s) => s.trim()).filter(Boolean);
const out = resolve(option('--out') ?? join(HERE, 'VERIFY.md'));

const CLI = join(ROOT, 'server', 'out', 'cli.js');
const VERIFY_FLAGS = [
  '--builder', 'buildah',
  '--build-flag=--isolation=chroot', '--build-flag=--pull=never',
  '--run-flag=--runtime=runc', '--run-flag=--ulimit=nofile=1024:1024', '--run-flag=--ulimit=nproc=1024:1024',
];

const UNITS = { B: 1, kB: 1e3, MB: 1e6, GB: 1e9 };
const bytes = (text) => {
  const m = /^(-?[\d.]+) (B|kB|MB|GB)$/.exec(text.trim());
  return m ? Number(m[1]) * UNITS[m[2]] : undefined;
};
const mb = (b) => (b === undefined ? '–' : (b / 1e6).toFixed(1));

/** The CLI's verify line: `PATH: verify (buildah): original A, slim B: measured saving C (estimated ≈ D); container: …`. */
function parseVerifyLine(text) {
  const line = text.split('\n').find((l) => / verify \(/.test(l));
  if (!line) return { line: undefined };
  const m = /verify \((\w+)\): original ([^,]+), slim ([^:]+): measured saving ([^(;]+?)(?: \(estimated ≈ ([^)]+)\))?; container: (.*)$/.exec(line);
  if (!m) return { line };
  return { line, builder: m[1], original: bytes(m[2]), slim: bytes(m[3]), saving: bytes(m[4].replace(/^-/, '')) * (m[4].startsWith('-') ? -1 : 1), estimate: m[5] ? bytes(m[5]) : 0, container: m[6] };
}

function verifyFixture(name) {
  // A clean context: the fixture without the benchmark's own files (as run.mjs builds it).
  const ctx = mkdtempSync(join(tmpdir(), `dfslim-verify-${name}-`));
  try {
    cpSync(join(FIXTURES, name), ctx, { recursive: true, filter: (src) => !/(expect\.json|Dockerfile\.expected-slim)$/.test(src) });
    const started = Date.now();
    const r = spawnSync(process.execPath, [CLI, 'fix', '--unsafe', '--verify', '--stdout', ...VERIFY_FLAGS, join(ctx, 'Dockerfile')], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20, timeout: 3600_000 });
    const seconds = Math.round((Date.now() - started) / 1000);
    const parsed = parseVerifyLine(r.stderr ?? '');
    const reason = (r.stderr ?? '').split('\n').filter((l) => /not written|cannot verify/.test(l)).join(' ').replaceAll(ctx, name);
    return { fixture: name, code: r.status, seconds, ...parsed, reason, slimText: r.stdout, stderr: (r.stderr ?? '').replaceAll(ctx, name) };
  } finally {
    rmSync(ctx, { recursive: true, force: true });
  }
}

function row(r) {
  const ratio = r.estimate && r.saving ? `${(r.estimate / r.saving).toFixed(2)}` : '–';
  const verdict = r.code === 0 ? 'verified' : r.code === 1 ? `not verified: ${r.reason || 'see below'}` : `error (exit ${r.code}): ${r.reason || 'see below'}`;
  return `| ${r.fixture} | ${mb(r.original)} | ${mb(r.slim)} | ${mb(r.saving)} | ${r.estimate ? mb(r.estimate) : 'none'} | ${ratio} | ${r.container ?? '–'} | ${verdict} | ${r.seconds} |`;
}

const tool = (cmd) => spawnSync(cmd, ['--version'], { encoding: 'utf8' }).stdout?.split('\n')[0].trim() ?? `${cmd}: not found`;
const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim();
const dirty = spawnSync('git', ['status', '--porcelain', '--', 'server'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim() !== '';
const fixtures = readdirSync(FIXTURES).filter((f) => !only || only.includes(f)).sort();
const results = [];
const started = new Date();
for (const f of fixtures) {
  process.stderr.write(`[verify ${new Date().toISOString().slice(11, 19)}] ${f}\n`);
  const r = verifyFixture(f);
  process.stderr.write(`  ${r.line?.replace(/^.*?: verify/, 'verify') ?? `exit ${r.code}: ${r.stderr.trim().split('\n').slice(-3).join(' / ')}`}\n`);
  results.push(r);
}
const minutes = ((Date.now() - started.getTime()) / 60000).toFixed(1);
const md = [
  '# Verify by building: `fix --unsafe --verify` on the image-size fixtures',
  '',
  `Generated by \`node bench/image-size/verify.mjs\` on ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC at commit ${commit}${dirty ? ' (with uncommitted changes under server/)' : ''}, in ${minutes} min; ${cpus().length} CPUs shared with other work.`,
  `Tools: ${tool('buildah')}; ${tool('podman')}; ${tool('runc')}.`,
  '',
  `Command per fixture: \`node server/out/cli.js fix --unsafe --verify --stdout ${VERIFY_FLAGS.join(' ')} <fixture>/Dockerfile\` on a clean copy of the fixture.`,
  'The CLI builds the original and the slimmed file, measures both (uncompressed image size, `podman image inspect --format {{.Size}}`, the figure `docker images` shows; MB = 10^6 bytes),',
  'runs the smoke test on both and compares the measured saving with the estimate that `fix` printed (the sum of the applied fixes\' estimates, each figure counted once).',
  '"estimate / measured" below 1 means the estimate was too low. All sizes are measured except the estimate column.',
  '',
  '| fixture | original MB | slim MB | measured saving MB | estimated saving MB | estimate / measured | smoke test (as the CLI reports it) | result | s |',
  '|---|---:|---:|---:|---:|---:|---|---|---:|',
  ...results.map(row),
  '',
  ...results.flatMap((r) => [`## ${r.fixture}`, '', '```', (r.stderr || '').trim(), '```', '', '<details><summary>slim Dockerfile (as printed)</summary>', '', '```dockerfile', (r.slimText || '(not printed)').trim(), '```', '', '</details>', '']),
].join('\n');
writeFileSync(out, md);
process.stderr.write(`wrote ${relative(ROOT, out)}\n`);
process.exit(results.every((r) => r.code === 0) ? 0 : 1);
