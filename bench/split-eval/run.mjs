#!/usr/bin/env node
// Split evaluation on real projects (issue #13). See README.md.
//
//   node --import tsx bench/split-eval/run.mjs [analyse|build|report] [--checkouts DIR] [--only go,c] [--files a,b] [--limit N]
//
// analyse  (cheap, no containers) runs `dockerfile-slim check --format json` and `fix --unsafe --stdout` on
//          every kept file of manifest.json and records: split offered / refused (reason) / not reported,
//          the runtime image, whether the output has a placeholder.
// build    (root, buildah/podman, stand-in images of bench/image-size/setup.sh) builds the original and the
//          split of each offered file of the build set, one at a time, each with a time limit, measures both
//          sizes, runs the smoke test on both, and removes every image it made.
// report   writes RESULTS.md from results.json.
// Results accumulate in results.json (keyed by file); a later run replaces what it re-measures.
import { spawn, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { instructions, fromImages, shipsSdk } from './dockerfileText.mjs';

// The smoke test is the product's own module (TypeScript): run this script with `node --import tsx`.
const smokeMod = await import('../../server/src/node/smoke.ts');

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..', '..');
const argv = process.argv.slice(2);
const opt = (n, d) => { const i = argv.indexOf(n); return i >= 0 ? argv[i + 1] : d; };
const phase = argv[0] && !argv[0].startsWith('--') ? argv[0] : 'all';
const CHECKOUTS = opt('--checkouts', process.env.SPLIT_EVAL_CHECKOUTS ?? '/var/tmp/split-eval/checkouts');
const WORK = process.env.SPLIT_EVAL_WORK ?? '/var/tmp/split-eval/work';
const only = opt('--only')?.split(',');
const filesOpt = opt('--files')?.split(',');
const limit = Number(opt('--limit', 1e9));
const BUILD_TIMEOUT = Number(process.env.BUILD_TIMEOUT || 900);
const SMOKE_SECONDS = Number(process.env.SMOKE_SECONDS || 15);
const CLI = join(ROOT, 'server', 'out', 'cli.js');
const RESULTS = join(HERE, 'results.json');
const LABEL = `split-eval.run=${process.pid}-${Date.now()}`;
const HOST_CA = process.env.HOST_CA ?? '/etc/ssl/certs/ca-certificates.crt';
const MB = 1e6;

const manifest = JSON.parse(readFileSync(join(HERE, 'manifest.json'), 'utf8')).files.filter((f) => f.kept);
const idOf = (f) => `${f.language}/${f.repository.replace('/', '+')}`;
const results = existsSync(RESULTS) ? JSON.parse(readFileSync(RESULTS, 'utf8')) : { files: {} };
/** Writes back only what this process changed (analyse and build may run at the same time). */
const changed = new Map();
const mark = (id, fields) => { const s = changed.get(id) ?? new Set(); for (const f of fields) s.add(f); changed.set(id, s); };
const save = () => {
  const disk = existsSync(RESULTS) ? JSON.parse(readFileSync(RESULTS, 'utf8')) : { files: {} };
  for (const [id, fields] of changed) {
    disk.files[id] ??= {};
    for (const f of fields) { if (results.files[id][f] === undefined) delete disk.files[id][f]; else disk.files[id][f] = results.files[id][f]; }
  }
  writeFileSync(RESULTS, JSON.stringify(disk, null, 1) + '\n');
  Object.assign(results, disk);
};
const log = (m) => process.stderr.write(`[split-eval ${new Date().toISOString().slice(11, 19)}] ${m}\n`);
const tail = (t, n = 12) => t.trim().split('\n').slice(-n).join('\n');

function run(cmd, args, { timeoutS = 120, input, cwd = ROOT } = {}) {
  return new Promise((res) => {
    const started = Date.now();
    const child = spawn(cmd, args, { cwd, detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '', stderr = '', timedOut = false;
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => {
      timedOut = true;
      try { process.kill(-child.pid, 'SIGTERM'); } catch {}
      setTimeout(() => { try { process.kill(-child.pid, 'SIGKILL'); } catch {} }, 5000).unref();
    }, timeoutS * 1000);
    child.on('error', (e) => { stderr += String(e); });
    child.on('close', (code, signal) => { clearTimeout(timer); res({ code: code ?? (signal ? 128 : 1), stdout, stderr, timedOut, seconds: (Date.now() - started) / 1000 }); });
    if (input !== undefined) child.stdin.end(input); else child.stdin.end();
  });
}

function selected() {
  let fs = manifest;
  if (only) fs = fs.filter((f) => only.includes(f.language));
  if (filesOpt) fs = fs.filter((f) => filesOpt.some((x) => idOf(f).includes(x)));
  return fs.slice(0, limit);
}
const dockerfilePath = (f) => join(CHECKOUTS, f.repository.replace('/', '+'), f.path);
const contextPath = (f) => join(CHECKOUTS, f.repository.replace('/', '+'), f.context);

// ------------------------------------------------------------------------------------------------
// analyse
// ------------------------------------------------------------------------------------------------
const SPLIT_RULE = 'build-in-final-stage';
const toolCommit = () => { try { return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim(); } catch { return null; } };

async function analyse(f) {
  const df = dockerfilePath(f);
  const a = { at: new Date().toISOString(), toolCommit: toolCommit() };
  // README, "Coverage": does the final stage ship a compiler or an SDK (read from the text, not by the engine)?
  a.shipsSdk = shipsSdk(instructions(readFileSync(df, 'utf8')));
  const chk = await run('node', [CLI, 'check', '--format', 'json', '--unsafe-fixes', df], { timeoutS: 60 });
  let findings = [];
  try { findings = JSON.parse(chk.stdout).files[0].findings; } catch { a.status = 'error'; a.reason = `check failed: ${tail(chk.stderr, 3)}`; return a; }
  const split = findings.filter((x) => x.ruleId === SPLIT_RULE && !/placeholder/.test(x.message));
  a.otherRules = [...new Set(findings.filter((x) => x.ruleId !== SPLIT_RULE).map((x) => x.ruleId))];
  const offered = split.find((x) => x.fixes?.length);
  if (offered) {
    a.status = 'offered';
    a.fixTitle = offered.fixes[0].title;
    a.message = offered.message;
  } else if (split.length) {
    a.status = 'refused';
    const m = /No automatic split: (.*?)\.?$/s.exec(split[0].message);
    a.reason = m ? m[1] : `reported without a fix and without a reason: ${split[0].message}`;
    a.message = split[0].message;
  } else {
    a.status = 'not-reported';
    // The harness's own reading of why (the rule gives none when it is silent).
    const insts = instructions(readFileSync(df, 'utf8'));
    const start = insts.filter((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT').map((i) => `${i.keyword} ${i.args.trim()}`);
    const why = start.length === 0
      ? 'no CMD or ENTRYPOINT: read as a base image for others, accepted'
      : a.otherRules.includes('large-base-image')
        ? 'large-base-image reported instead (it proposes the -slim image)'
        : `silent (start command: \`${start[start.length - 1].slice(0, 80)}\`)`;
    a.reason = `${SPLIT_RULE} did not report: ${why}`;
  }
  const fix = await run('node', [CLI, 'fix', '--unsafe', '--stdout', df], { timeoutS: 60 });
  if (fix.code > 1 || !fix.stdout) { a.fixError = tail(fix.stderr, 3); return a; }
  const text = fix.stdout;
  const froms = fromImages(instructions(text));
  a.outputStages = froms.length;
  a.runtimeImage = froms[froms.length - 1] ?? null;
  a.placeholder = /REPLACE-WITH/.test(text);
  mkdirSync(join(WORK, idOf(f)), { recursive: true });
  writeFileSync(join(WORK, idOf(f), 'slim.Dockerfile'), text);
  if (a.status === 'offered') {
    // Fixed point: slimming the slim file again changes nothing.
    const again = await run('node', [CLI, 'fix', '--unsafe', '--stdout', join(WORK, idOf(f), 'slim.Dockerfile')], { timeoutS: 60 });
    a.fixedPoint = again.stdout === text;
  }
  // The split is a build recipe derived from the repository's own file: it stays in WORK, not in results.json.
  a.slimSha = createHash('sha256').update(text).digest('hex').slice(0, 16);
  return a;
}

// ------------------------------------------------------------------------------------------------
// build: substitution policy (README), CA for the builds, build, measure, smoke test, clean up
// ------------------------------------------------------------------------------------------------
function standIn(ref) {
  const r = ref.replace(/^(?:docker\.io|index\.docker\.io)\//, '').replace(/^library\//, '');
  const [name, tag = 'latest'] = r.split(':');
  if (/alpine/.test(tag) || name === 'alpine') return null;
  const slim = /slim/.test(tag);
  switch (name) {
    case 'golang': return 'localhost/golang:1.19';
    case 'python': return slim ? 'localhost/python:3.11-slim' : 'localhost/python:3.11';
    case 'node': return slim ? 'localhost/split-eval-standin/node:18-slim-yarn' : 'localhost/split-eval-standin/node:18-yarn';
    case 'rust': return 'localhost/split-eval-standin/rust:web';
    case 'maven': case 'gradle': return 'localhost/maven:3.8-openjdk-17';
    case 'openjdk': case 'amazoncorretto': case 'adoptopenjdk': case 'adoptopenjdk/openjdk11': case 'oracle/openjdk':
      return /jre/.test(tag) ? 'localhost/eclipse-temurin:17-jre' : 'localhost/openjdk:17';
    case 'eclipse-temurin': return /jre/.test(tag) ? 'localhost/eclipse-temurin:17-jre' : 'localhost/openjdk:17';
    case 'gcc': return 'localhost/split-eval-standin/gcc:12-cxx';
    case 'debian': case 'ubuntu': case 'buildpack-deps': return slim ? 'localhost/debian:bookworm-slim' : 'localhost/debian:bookworm';
    case 'busybox': return 'localhost/busybox:latest';
    default: return null;
  }
}
function localName(ref) {
  let r = ref.replace(/^(?:docker\.io|index\.docker\.io)\//, '').replace(/^library\//, '');
  if (!/:[^/]+$/.test(r) && !r.includes('@')) r += ':latest';
  const first = r.split('/')[0];
  const hasHost = r.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  return hasHost ? r : `localhost/${r}`;
}
/** Stand-ins this evaluation adds (recipes in images/), built once and kept like setup.sh's. */
const OWN_STANDINS = {
  'localhost/split-eval-standin/gcc:12-cxx': 'gcc-12-cxx.Dockerfile', 'localhost/split-eval-standin/rust:web': 'rust-web.Dockerfile',
  'localhost/split-eval-standin/node:18-yarn': 'node-18-yarn.Dockerfile', 'localhost/split-eval-standin/node:18-slim-yarn': 'node-18-slim-yarn.Dockerfile',
};
async function buildStandIn(name) {
  log(`building stand-in ${name}`);
  const r = await run('buildah', ['bud', '--pull=never', '--layers', '--force-rm', '--isolation', 'chroot',
    '--label', 'split-eval.standin=1', '-f', join(HERE, 'images', OWN_STANDINS[name]), '-t', name, join(HERE, 'images')], { timeoutS: 900 });
  if (r.code !== 0) log(`stand-in ${name} failed: ${tail(r.stderr, 5)}`);
}
const imageExists = async (ref) => (await run('podman', ['image', 'exists', ref], { timeoutS: 30 })).code === 0;
const created = new Set();
async function provide(refs, subs) {
  for (const ref of refs) {
    const local = localName(ref);
    if (await imageExists(local)) { if (!subs.some((s) => s.ref === ref)) subs.push({ ref, local, standIn: 'exists locally' }); continue; }
    const s = standIn(ref);
    if (!s) return `no local stand-in for \`${ref}\``;
    if (!(await imageExists(s)) && OWN_STANDINS[s]) await buildStandIn(s);
    if (!(await imageExists(s))) return `stand-in \`${s}\` for \`${ref}\` is not built (bench/image-size/setup.sh)`;
    const r = await run('buildah', ['tag', s, local], { timeoutS: 60 });
    if (r.code !== 0) return `could not tag ${s} as ${local}: ${tail(r.stderr, 2)}`;
    created.add(local);
    subs.push({ ref, local, standIn: s });
  }
  return null;
}
async function untagAll() {
  for (const t of created) await run('buildah', ['rmi', t], { timeoutS: 60 });
  created.clear();
}

function externalRefs(text) {
  const insts = instructions(text);
  const stages = new Set();
  const refs = [];
  for (const i of insts) {
    if (i.keyword === 'FROM') {
      const p = i.args.trim().split(/\s+/).filter((x) => !x.startsWith('--'));
      if (!stages.has(p[0].toLowerCase()) && p[0].toLowerCase() !== 'scratch') refs.push(p[0]);
      if (p[1]?.toLowerCase() === 'as' && p[2]) stages.add(p[2].toLowerCase());
    }
    const m = /--from=(\S+)/.exec(i.keyword === 'COPY' ? i.args : '');
    if (m && !stages.has(m[1].toLowerCase()) && !/^\d+$/.test(m[1])) refs.push(m[1]);
  }
  return [...new Set(refs)];
}

const CA_PATH = '/run/split-eval-host-ca.crt';
const CA_VARS = ['SSL_CERT_FILE', 'CURL_CA_BUNDLE', 'GIT_SSL_CAINFO', 'PIP_CERT', 'REQUESTS_CA_BUNDLE', 'NODE_EXTRA_CA_CERTS', 'npm_config_cafile', 'CARGO_HTTP_CAINFO'];
/** For the build only: each stage declares the CA variables as ARGs (exported to its RUNs, never stored in
 *  the image's environment) and the host CA bundle is bind-mounted at CA_PATH (mounts are not committed). */
function forBuild(text) {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const out = [];
  let inCont = false;
  for (const line of lines) {
    out.push(line);
    const isFrom = !inCont && /^\s*FROM\s/i.test(line);
    inCont = /\\\s*$/.test(line) || (inCont && /^\s*#/.test(line));
    if (isFrom && !/\\\s*$/.test(line)) out.push(`ARG ${CA_VARS.join(' ')}`);
  }
  return out.join('\n').replace(/^(\s*FROM\s+(?:--platform=\S+\s+)?)(?:docker\.io|index\.docker\.io)\/(?:library\/)?/gim, '$1');
}

async function containers() {
  const r = await run('buildah', ['containers', '-q', '--notruncate'], { timeoutS: 60 });
  return new Set(r.stdout.split('\n').map((s) => s.trim()).filter(Boolean));
}
async function build(f, variant, text) {
  const dir = join(WORK, idOf(f));
  mkdirSync(dir, { recursive: true });
  const dfPath = join(dir, `${variant}.build.Dockerfile`);
  writeFileSync(dfPath, forBuild(text));
  const tag = `localhost/split-eval/${idOf(f).replace(/[^a-z0-9/._-]/gi, '-').toLowerCase()}:${variant}`;
  const before = await containers();
  const args = ['bud', '--pull=never', '--layers', '--force-rm', '--isolation', 'chroot', '--label', LABEL,
    '-v', `${HOST_CA}:${CA_PATH}:ro`, ...CA_VARS.flatMap((v) => ['--build-arg', `${v}=${CA_PATH}`]),
    '-f', dfPath, '-t', tag, contextPath(f)];
  log(`${idOf(f)} ${variant}: building`);
  let r = await run('buildah', args, { timeoutS: BUILD_TIMEOUT });
  // The container storage is shared with other benchmarks on this machine: a working container removed
  // under a running build ("container not known") is not the Dockerfile's fault. Try once more.
  if (r.code !== 0 && /container not known|identifier is not a container/.test(r.stderr)) {
    log(`${idOf(f)} ${variant}: storage race (${tail(r.stderr, 1).slice(0, 80)}), building again`);
    r = await run('buildah', args, { timeoutS: BUILD_TIMEOUT });
  }
  writeFileSync(join(dir, `${variant}.build.log`), r.stdout + r.stderr);
  const res = { built: r.code === 0, seconds: Math.round(r.seconds) };
  if (r.code !== 0) {
    for (const id of await containers()) if (!before.has(id)) await run('buildah', ['rm', id], { timeoutS: 60 });
    res.error = r.timedOut ? `timed out after ${BUILD_TIMEOUT} s` : `exit ${r.code}`;
    res.log = tail(r.stdout + r.stderr, 4); // the whole log stays in WORK
    log(`${idOf(f)} ${variant}: BUILD FAILED ${res.error}\n${res.log}`);
    return res;
  }
  const insp = await run('podman', ['image', 'inspect', '--format', '{{.Size}}', tag], { timeoutS: 60 });
  res.sizeBytes = Number(insp.stdout.trim());
  res.tag = tag;
  log(`${idOf(f)} ${variant}: ${(res.sizeBytes / MB).toFixed(1)} MB in ${res.seconds} s`);
  return res;
}

/** Smoke test: server/src/node/smoke.ts, the module `fix --verify` uses (this script runs under tsx). The
 *  image's own start command, the original's EXPOSEd ports published on 127.0.0.1 and probed (TCP, then
 *  `GET /`) until they answer or SMOKE_SECONDS pass; else it stays up SMOKE_SECONDS, or exits. */
async function smoke(f, variant, tag, ports) {
  const s = await smokeMod.smokeRun({ name: 'buildah', command: 'buildah' }, tag, {
    runFlags: ['--runtime=runc', '--ulimit=nofile=1024:1024', '--ulimit=nproc=1024:1024'],
    ports, waitMs: SMOKE_SECONDS * 1000, portWaitMs: SMOKE_SECONDS * 1000,
  });
  const out = { ...s, pass: smokeMod.smokePassed(s), evidence: smokeMod.describeSmoke(s), log: tail(s.log, 6) };
  log(`${idOf(f)} ${variant}: smoke ${out.pass ? 'PASS' : 'FAIL'} (${out.evidence}) ${JSON.stringify(out.log.split('\n').slice(-1)[0]?.slice(0, 100))}`);
  return out;
}

async function cleanupImages() {
  const ids = (await run('podman', ['images', '-a', '-q', '--no-trunc', '--filter', `label=${LABEL}`], { timeoutS: 60 })).stdout.split('\n').filter(Boolean);
  if (ids.length) await run('podman', ['rmi', '-f', ...new Set(ids)], { timeoutS: 300 });
}

async function buildOne(f) {
  const a = results.files[idOf(f)]?.analysis;
  const slimPath = join(WORK, idOf(f), 'slim.Dockerfile');
  if (!a || a.status !== 'offered' || !existsSync(slimPath)) return null;
  const slim = readFileSync(slimPath, 'utf8');
  const b = { at: new Date().toISOString(), toolCommit: a.toolCommit, splitSha: createHash('sha256').update(slim).digest('hex').slice(0, 16), substitutions: [] };
  if (a.placeholder) {
    // Such a Dockerfile cannot build (COPY from a path that does not exist): recorded, not built.
    b.split = { built: false, error: 'placeholder `/REPLACE-WITH-ARTIFACT-PATH` in the split: not built' };
    return b;
  }
  const original = readFileSync(dockerfilePath(f), 'utf8');
  const missing = await provide([...externalRefs(original), ...externalRefs(slim)], b.substitutions);
  if (missing) { b.skipped = missing; return b; }
  try {
    b.original = await build(f, 'original', original);
    if (!b.original.built) return b;
    b.split = await build(f, 'split', slim);
    const ports = smokeMod.exposedPorts(original);
    b.ports = ports;
    b.original.smoke = await smoke(f, 'original', b.original.tag, ports);
    if (b.split.built) {
      b.split.smoke = await smoke(f, 'split', b.split.tag, ports);
      b.savedBytes = b.original.sizeBytes - b.split.sizeBytes;
      const c = smokeMod.compareSmoke(b.original.smoke, b.split.smoke);
      b.verdict = c.ok ? (b.split.smoke.pass ? 'pass' : 'same-as-original') : 'fails';
      b.problem = c.problem ?? undefined;
    }
  } finally {
    await cleanupImages();
  }
  return b;
}

// ------------------------------------------------------------------------------------------------
async function main() {
  results.files ??= {};
  if (phase === 'analyse' || phase === 'all') {
    for (const f of selected()) {
      const a = await analyse(f);
      results.files[idOf(f)] = { ...(results.files[idOf(f)] ?? {}), language: f.language, repository: f.repository, commit: f.commit, path: f.path, alpine: f.alpine, buildSet: f.buildSet, analysis: a };
      const prevSplit = results.files[idOf(f)].build?.splitSha;
      results.files[idOf(f)].buildStale = prevSplit !== undefined && prevSplit !== a.slimSha ? true : undefined;
      mark(idOf(f), ['language', 'repository', 'commit', 'path', 'alpine', 'buildSet', 'analysis', 'buildStale']);
      log(`${idOf(f)}: ${a.status}${a.reason ? ` — ${a.reason}` : ''}${a.runtimeImage ? ` → ${a.runtimeImage}` : ''}`);
    }
    save();
  }
  if (phase === 'build' || phase === 'all') {
    if (process.getuid?.() !== 0) { console.error('build needs root (rootful buildah/podman storage)'); process.exit(1); }
    const onSig = async () => { await cleanupImages(); await untagAll(); process.exit(130); };
    process.on('SIGINT', onSig); process.on('SIGTERM', onSig);
    try {
      for (const f of selected().filter((x) => x.buildSet)) {
        const prev = results.files[idOf(f)];
        if (prev?.build && !prev.buildStale && !argv.includes('--rebuild')) continue;
        const b = await buildOne(f);
        if (!b) continue;
        results.files[idOf(f)].build = b;
        results.files[idOf(f)].buildStale = undefined;
        mark(idOf(f), ['build', 'buildStale']);
        save();
      }
    } finally {
      await untagAll();
    }
  }
  if (phase === 'report' || phase === 'all' || phase === 'build' || phase === 'analyse') {
    const { writeReport } = await import('./report.mjs');
    writeReport(results, manifest, join(HERE, 'RESULTS.md'));
  }
}
main().catch((e) => { console.error(e); process.exit(1); });
