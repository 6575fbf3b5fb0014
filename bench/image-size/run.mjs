#!/usr/bin/env node
// Image-size benchmark: build each fixture's Dockerfile as written, build the Dockerfile that the slim
// command produces from it, measure both images, run both and check the program still works.
//
//   node bench/image-size/run.mjs [--only go,c] [--variants original,slim,expected] [--no-expected] [--keep]
//
// Env:
//   SLIM_CMD            command that prints the slim Dockerfile; the fixture's Dockerfile path replaces
//                       "{}" or is appended. Default: node server/out/cli.js fix --unsafe --stdout <Dockerfile>
//                       (identity `cat` when server/out/cli.js does not exist; the output says so).
//   BUILD_TIMEOUT       seconds per image build (default 1800)
//   RUN_TIMEOUT         seconds per container run, overrides expect.json timeoutSeconds
//   IMAGE_BENCH_ISOLATION  chroot (default) or runc
//
// Needs root, buildah/podman and the local base images from setup.sh. No registry is contacted
// (--pull=never). Exit code: 0 when every built variant builds and runs and each slim output is a fixed point
// of the slim command (run again on it, it changes nothing); 1 otherwise.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { cpus, release, totalmem } from 'node:os';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..', '..');
const FIXTURES = join(HERE, 'fixtures');
const WORK = join(HERE, '.work');
const TAG_PREFIX = 'localhost/bench-image-size';
const RUNTIME_ARGS = ['--runtime', 'runc'];
// runc cannot raise rlimits in this VM, and crun fails on the hybrid cgroup setup: lower them explicitly.
const RUN_LIMITS = ['--ulimit', 'nofile=1024:1024', '--ulimit', 'nproc=1024:1024'];
const MB = 1e6;
// Set on every image this run builds (buildah copies it to intermediate and builder-stage images too).
const RUN_LABEL = `bench.image-size.run=${process.pid}-${Date.now()}`;

// ---------------------------------------------------------------------------------------------
// arguments and configuration
// ---------------------------------------------------------------------------------------------
const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const option = (name) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
if (flag('--help') || flag('-h')) {
  console.log(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1, 17).map((l) => l.replace(/^\/\/ ?/, '')).join('\n'));
  process.exit(0);
}
const only = option('--only')?.split(',').map((s) => s.trim()).filter(Boolean);
const variants = new Set((option('--variants') ?? 'original,slim,expected').split(',').map((v) => v.trim()));
if (flag('--no-expected')) variants.delete('expected');
const keep = flag('--keep');
const buildTimeoutS = Number(process.env.BUILD_TIMEOUT || 1800);
const isolation = process.env.IMAGE_BENCH_ISOLATION === 'runc' ? ['--runtime', 'runc'] : ['--isolation', 'chroot'];

const defaultCli = join(ROOT, 'server', 'out', 'cli.js');
let slimCmd = process.env.SLIM_CMD;
let slimNote = '';
if (!slimCmd) {
  if (existsSync(defaultCli)) {
    slimCmd = 'node server/out/cli.js fix --unsafe --stdout {}';
  } else {
    slimCmd = 'cat {}';
    slimNote = 'server/out/cli.js does not exist yet: the "slim" Dockerfile is the original (identity transform `cat`).';
  }
}

// ---------------------------------------------------------------------------------------------
// process helpers: every external step has a time limit and is killed as a process group
// ---------------------------------------------------------------------------------------------
function run(cmd, args, { timeoutS = 120, input, cwd = ROOT, env } = {}) {
  return new Promise((resolvePromise) => {
    const started = Date.now();
    const child = spawn(cmd, args, { cwd, env: env ?? process.env, detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => {
      timedOut = true;
      try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
      setTimeout(() => { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } }, 5000).unref();
    }, timeoutS * 1000);
    child.on('error', (err) => { stderr += String(err); });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code: code ?? (signal ? 128 : 1), stdout, stderr, timedOut, seconds: (Date.now() - started) / 1000 });
    });
    if (input !== undefined) child.stdin.end(input); else child.stdin.end();
  });
}

const log = (msg) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
const tail = (text, n = 15) => text.trim().split('\n').slice(-n).join('\n');

async function buildahContainers() {
  const r = await run('buildah', ['containers', '-q', '--notruncate'], { timeoutS: 60 });
  return new Set(r.stdout.split('\n').map((s) => s.trim()).filter(Boolean));
}

async function imageExists(ref) {
  return (await run('podman', ['image', 'exists', ref], { timeoutS: 30 })).code === 0;
}

function freePort() {
  return new Promise((resolvePromise, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolvePromise(port));
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Dockerfile helpers
// ---------------------------------------------------------------------------------------------
/** External images a Dockerfile pulls in: FROM and COPY --from references that are not stage names. */
function externalImages(text) {
  const lines = text.replace(/\\\r?\n/g, ' ').split(/\r?\n/);
  const stages = new Set();
  const refs = [];
  const args = new Map();
  for (const raw of lines) {
    const line = raw.trim();
    let m = /^ARG\s+([A-Za-z_][A-Za-z0-9_]*)=("?)([^"\s]*)\2/i.exec(line);
    if (m && stages.size === 0) args.set(m[1], m[3]);
    m = /^FROM\s+(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?/i.exec(line);
    if (m) {
      const ref = m[1].replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (_, n) => args.get(n) ?? '');
      if (!stages.has(ref.toLowerCase())) refs.push(ref);
      if (m[2]) stages.add(m[2].toLowerCase());
      continue;
    }
    m = /^COPY\s+.*--from=(\S+)/i.exec(line);
    if (m && !stages.has(m[1].toLowerCase()) && !/^\d+$/.test(m[1])) refs.push(m[1]);
  }
  return [...new Set(refs)].filter((r) => r.toLowerCase() !== 'scratch');
}

/** Local name that buildah resolves a reference to with --pull=never: short and docker.io names map to
 *  localhost/<name>; names with another registry host (gcr.io/...) are looked up as they are. */
function localName(ref) {
  let r = ref.replace(/^(?:docker\.io|index\.docker\.io)\//, '').replace(/^library\//, '');
  if (!/:[^/]+$/.test(r) && !r.includes('@')) r += ':latest';
  const first = r.split('/')[0];
  const hasHost = r.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  return hasHost ? r : `localhost/${r}`;
}

/** Rewrite docker.io/library/x references to their short names, which resolve to localhost/x. */
function normaliseRefs(text) {
  return text.replace(/^(\s*(?:FROM\s+(?:--platform=\S+\s+)?|COPY\s+.*--from=))(?:docker\.io|index\.docker\.io)\/(?:library\/)?/gim, '$1');
}

// ---------------------------------------------------------------------------------------------
// build, measure, run
// ---------------------------------------------------------------------------------------------
async function build(fixture, variant, dockerfileText, ctxDir) {
  const tag = `${TAG_PREFIX}/${fixture}:${variant}`;
  const dir = join(WORK, fixture);
  const dfPath = join(dir, `${variant}.Dockerfile`);
  const text = normaliseRefs(dockerfileText);
  writeFileSync(dfPath, text);
  const result = { variant, tag, dockerfile: relative(ROOT, dfPath), built: false };

  const missing = [];
  for (const ref of externalImages(text)) {
    if (!(await imageExists(localName(ref)))) missing.push(ref);
  }
  if (missing.length) {
    result.error = `no local image for ${missing.join(', ')} (expected ${missing.map(localName).join(', ')}; see setup.sh)`;
    log(`${fixture}/${variant}: ${result.error}`);
    return result;
  }

  log(`${fixture}/${variant}: building ${tag}`);
  const containersBefore = await buildahContainers();
  const r = await run('buildah', [
    'bud', '--pull=never', '--layers', '--no-cache', '--force-rm', ...isolation, '--label', RUN_LABEL,
    '-f', dfPath, '-t', tag, ctxDir,
  ], { timeoutS: buildTimeoutS });
  writeFileSync(join(dir, `${variant}.build.log`), r.stdout + r.stderr);
  result.buildSeconds = Math.round(r.seconds * 10) / 10;
  if (r.code !== 0) {
    // --force-rm removes the working container of a failed step; a killed (timed-out) build may still
    // leave one. Working containers carry no labels, so remove those that appeared during this build.
    for (const id of await buildahContainers()) {
      if (!containersBefore.has(id)) await run('buildah', ['rm', id], { timeoutS: 60 });
    }
    result.error = r.timedOut ? `build timed out after ${buildTimeoutS} s` : `build failed (exit ${r.code})`;
    result.log = tail(r.stdout + r.stderr);
    log(`${fixture}/${variant}: ${result.error}\n${result.log}`);
    return result;
  }
  result.built = true;
  const insp = await run('podman', ['image', 'inspect', '--format', '{{.Size}} {{len .RootFS.Layers}}', tag], { timeoutS: 60 });
  const [size, layers] = insp.stdout.trim().split(/\s+/).map(Number);
  result.sizeBytes = size;
  result.layers = layers;
  log(`${fixture}/${variant}: ${(size / MB).toFixed(2)} MB, ${layers} layers, built in ${result.buildSeconds} s`);
  return result;
}

async function check(fixture, variant, tag, expect) {
  const timeoutS = Number(process.env.RUN_TIMEOUT || expect.timeoutSeconds || 60);
  const name = `bench-image-size-${fixture}-${variant}-${process.pid}`;
  const out = { runs: false };
  const started = Date.now();
  if (expect.mode === 'http') {
    const port = expect.portEnv ? await freePort() : expect.port;
    const envArgs = expect.portEnv ? ['-e', `${expect.portEnv}=${port}`] : [];
    const r = await run('podman', [
      ...RUNTIME_ARGS, 'run', '-d', '--name', name, '--network', 'host', ...RUN_LIMITS, ...envArgs, tag,
    ], { timeoutS: 120 });
    if (r.code !== 0) {
      out.error = `container did not start: ${tail(r.stderr, 5)}`;
    } else {
      const url = `http://127.0.0.1:${port}${expect.path ?? '/'}`;
      let body = '';
      while (Date.now() - started < timeoutS * 1000) {
        try {
          const res = await fetch(url, { signal: AbortSignal.timeout(3000) });
          body = await res.text();
          if (res.ok) break;
        } catch { /* not listening yet */ }
        const state = await run('podman', ['inspect', '--format', '{{.State.Running}}', name], { timeoutS: 30 });
        if (state.stdout.trim() === 'false') break;
        await new Promise((r2) => setTimeout(r2, 500));
      }
      out.output = body.trim();
      out.runs = body.includes(expect.expect);
      if (!out.runs) {
        const logs = await run('podman', ['logs', name], { timeoutS: 30 });
        out.error = `GET ${url} gave ${JSON.stringify(body.slice(0, 200))}; container log: ${tail(logs.stdout + logs.stderr, 8)}`;
      }
    }
    await run('podman', ['rm', '-f', '-t', '2', name], { timeoutS: 60 });
  } else {
    const r = await run('podman', [
      ...RUNTIME_ARGS, 'run', '--rm', '--name', name, '--network', 'none', ...RUN_LIMITS, tag, ...(expect.args ?? []),
    ], { timeoutS });
    out.output = r.stdout.trim();
    out.exitCode = r.code;
    out.runs = r.code === 0 && r.stdout.includes(expect.expect);
    if (!out.runs) {
      out.error = r.timedOut ? `timed out after ${timeoutS} s` : `exit ${r.code}; stdout ${JSON.stringify(r.stdout.slice(0, 200))}; stderr ${tail(r.stderr, 5)}`;
      await run('podman', ['rm', '-f', '-t', '2', name], { timeoutS: 60 });
    }
  }
  out.runSeconds = Math.round((Date.now() - started) / 100) / 10;
  log(`${fixture}/${variant}: ${out.runs ? 'runs' : 'DOES NOT RUN'} (${JSON.stringify((out.output ?? '').split('\n')[0]?.slice(0, 80))})`);
  return out;
}

async function cleanup() {
  if (keep) return;
  // Every image this run made carries its run label: the final images, the intermediate --layers
  // images and the builder stages. Nothing else in the storage is touched.
  for (let pass = 0; pass < 3; pass++) {
    const ids = (await run('podman', ['images', '-a', '-q', '--no-trunc', '--filter', `label=${RUN_LABEL}`], { timeoutS: 60 }))
      .stdout.split('\n').map((s) => s.trim()).filter(Boolean);
    if (!ids.length) break;
    await run('podman', ['rmi', '-f', ...new Set(ids)], { timeoutS: 300 });
  }
}

// ---------------------------------------------------------------------------------------------
// main
// ---------------------------------------------------------------------------------------------
async function slimDockerfile(dockerfilePath) {
  const rel = relative(ROOT, dockerfilePath);
  const quoted = `'${rel.replace(/'/g, `'\\''`)}'`;
  const command = slimCmd.includes('{}') ? slimCmd.replaceAll('{}', quoted) : `${slimCmd} ${quoted}`;
  const r = await run('/bin/sh', ['-c', command], { timeoutS: 120 });
  // A linter-style CLI may exit 1 when problems remain; the output is what matters.
  if (r.timedOut || r.code > 1 || !r.stdout.trim()) {
    return { error: `slim command failed (${r.timedOut ? 'timeout' : `exit ${r.code}`}): ${command}\n${tail(r.stderr, 8)}` };
  }
  return { text: r.stdout, exitCode: r.code, command };
}

function fmtMB(bytes) { return bytes === undefined ? '–' : (bytes / MB).toFixed(2); }

function table(results) {
  const rows = [
    '| fixture | before MB | after MB | ratio | still runs | before runs | fixed point | expected-slim MB | build s (before / after / expected) |',
    '|---|---:|---:|---:|---|---|---|---:|---|',
  ];
  for (const r of results) {
    if (r.skipped) {
      rows.push(`| ${r.fixture} | – | – | – | skipped | – | – | – | ${r.skipped} |`);
      continue;
    }
    const o = r.original;
    const s = r.slim;
    const e = r.expected;
    const ratio = o?.sizeBytes && s?.sizeBytes ? `${(s.sizeBytes / o.sizeBytes).toFixed(3)}` : '–';
    const runs = (v) => (v === undefined ? '–' : v.runs ? 'yes' : 'no');
    const times = [o?.buildSeconds, s?.buildSeconds, e?.buildSeconds].map((t) => t ?? '–').join(' / ');
    const fixedPoint = r.slimFixedPoint === undefined ? '–' : r.slimFixedPoint ? 'yes' : 'no';
    rows.push(`| ${r.fixture} | ${fmtMB(o?.sizeBytes)} | ${fmtMB(s?.sizeBytes)} | ${ratio} | ${runs(s)} | ${runs(o)} | ${fixedPoint} | ${e ? `${fmtMB(e.sizeBytes)} (${runs(e) === 'yes' ? 'runs' : 'does not run'})` : '–'} | ${times} |`);
  }
  return rows.join('\n');
}

async function toolVersions() {
  const v = {};
  for (const [name, args] of [['buildah', ['--version']], ['podman', ['--version']], ['runc', ['--version']]]) {
    v[name] = (await run(name, args, { timeoutS: 30 })).stdout.split('\n')[0].trim();
  }
  return v;
}

async function machineInfo() {
  const list = cpus();
  let os = 'unknown OS';
  try {
    os = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] ?? os;
  } catch { /* no os-release */ }
  return { cpus: list.length, cpuModel: list[0]?.model.trim() ?? 'unknown CPU', memoryGiB: Math.round(totalmem() / 2 ** 30), kernel: release(), os };
}

async function main() {
  if (process.getuid?.() !== 0) { console.error('run as root (rootful buildah/podman storage)'); process.exit(1); }
  mkdirSync(WORK, { recursive: true });
  const fixtures = readdirSync(FIXTURES, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(FIXTURES, d.name, 'Dockerfile')))
    .map((d) => d.name)
    .filter((n) => !only || only.includes(n))
    .sort();
  if (slimNote) log(`NOTE: ${slimNote}`);
  log(`slim command: ${slimCmd}; fixtures: ${fixtures.join(', ')}`);

  let interrupted = false;
  const onSignal = async (sig) => {
    if (interrupted) return;
    interrupted = true;
    log(`${sig}: cleaning up`);
    await cleanup();
    process.exit(130);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const startedAt = new Date();
  const results = [];
  for (const fixture of fixtures) {
    const src = join(FIXTURES, fixture);
    const expect = JSON.parse(readFileSync(join(src, 'expect.json'), 'utf8'));
    const dir = join(WORK, fixture);
    rmSync(dir, { recursive: true, force: true });
    const ctx = join(dir, 'context');
    mkdirSync(ctx, { recursive: true });
    // The build context is a clean copy of the fixture without the benchmark's own files.
    cpSync(src, ctx, {
      recursive: true,
      filter: (p) => !/(^|\/)(expect\.json|Dockerfile\.expected-slim|node_modules|target)$/.test(relative(src, p)),
    });
    const entry = { fixture, expectText: expect.expect };
    const original = readFileSync(join(src, 'Dockerfile'), 'utf8');
    const missingBase = [];
    for (const ref of externalImages(normaliseRefs(original))) {
      if (!(await imageExists(localName(ref)))) missingBase.push(localName(ref));
    }
    if (missingBase.length) {
      entry.skipped = `missing ${missingBase.join(', ')} (run setup.sh)`;
      log(`${fixture}: skipped, ${entry.skipped}`);
      results.push(entry);
      continue;
    }

    if (variants.has('original')) {
      entry.original = await build(fixture, 'original', original, ctx);
      if (entry.original.built) Object.assign(entry.original, await check(fixture, 'original', entry.original.tag, expect));
      else entry.original.runs = false;
    }

    const slim = variants.has('slim') ? await slimDockerfile(join(src, 'Dockerfile')) : undefined;
    if (!slim) {
      // not requested
    } else if (slim.error) {
      entry.slim = { variant: 'slim', built: false, runs: false, error: slim.error };
      log(`${fixture}/slim: ${slim.error}`);
    } else {
      entry.slimCommand = slim.command;
      entry.slimIdentical = slim.text === original;
      entry.slimDockerfile = slim.text;
      // Idempotence: the slim command run on its own output must change nothing.
      const slimPath = join(dir, 'slim-input.Dockerfile');
      writeFileSync(slimPath, slim.text);
      const again = await slimDockerfile(slimPath);
      entry.slimFixedPoint = again.error ? false : again.text === slim.text;
      if (!entry.slimFixedPoint) log(`${fixture}/slim: NOT A FIXED POINT${again.error ? `: ${again.error}` : ''}`);
      entry.slim = await build(fixture, 'slim', slim.text, ctx);
      if (entry.slim.built) Object.assign(entry.slim, await check(fixture, 'slim', entry.slim.tag, expect));
      else entry.slim.runs = false;
    }

    const expectedPath = join(src, 'Dockerfile.expected-slim');
    if (variants.has('expected') && existsSync(expectedPath)) {
      entry.expected = await build(fixture, 'expected', readFileSync(expectedPath, 'utf8'), ctx);
      if (entry.expected.built) Object.assign(entry.expected, await check(fixture, 'expected', entry.expected.tag, expect));
      else entry.expected.runs = false;
    }
    results.push(entry);
    await cleanup();
  }
  await cleanup();

  const failures = results.filter((r) => !r.skipped && ([r.original, r.slim, r.expected].some((v) => v && !v.runs) || r.slimFixedPoint === false));
  const md = table(results);
  console.log(md);
  if (slimNote) console.log(`\nNOTE: ${slimNote}`);

  const versions = await toolVersions();
  const machine = await machineInfo();
  const summary = {
    startedAt: startedAt.toISOString(),
    seconds: Math.round((Date.now() - startedAt) / 1000),
    machine,
    slimCommand: slimCmd,
    identity: slimNote !== '' || results.every((r) => r.skipped || r.slimIdentical),
    note: slimNote || undefined,
    isolation: isolation.join(' '),
    tools: versions,
    results,
  };
  writeFileSync(join(HERE, 'results.json'), `${JSON.stringify(summary, null, 2)}\n`);
  const details = results.filter((r) => !r.skipped).map((r) => {
    const lines = [`### ${r.fixture}`, ''];
    for (const v of [r.original, r.slim, r.expected].filter(Boolean)) {
      const outLines = (v.output ?? '').split('\n');
      const shown = outLines.find((l) => l.includes(r.expectText)) ?? outLines[0];
      const parts = [v.runs ? 'runs' : 'does not run'];
      if (v.built) parts.unshift(`${fmtMB(v.sizeBytes)} MB`, `${v.layers} layers`, `build ${v.buildSeconds} s`);
      if (shown) parts.push(`output \`${shown}\``);
      if (v.error) parts.push(`error: ${v.error.split('\n')[0]}`);
      lines.push(`- **${v.variant}**: ${parts.join(', ')}`);
    }
    if (r.slimDockerfile !== undefined && !r.slimIdentical) {
      lines.push('', '<details><summary>slim Dockerfile</summary>', '', '```dockerfile', r.slimDockerfile.trimEnd(), '```', '', '</details>');
    }
    return lines.join('\n');
  }).join('\n\n');
  writeFileSync(join(HERE, 'RESULTS.md'), [
    '# Image-size benchmark results',
    '',
    `Generated by \`node bench/image-size/run.mjs\` on ${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC ` +
      `in ${summary.seconds} s (${versions.buildah}, ${versions.podman}, ${summary.isolation}).`,
    `Machine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB RAM, Linux ${machine.kernel}, ${machine.os}; Node ${process.versions.node}.`,
    `Slim command: \`${slimCmd}\`.${slimNote ? ` **${slimNote}**` : ''}`,
    '',
    'Sizes are uncompressed image sizes (`podman image inspect --format {{.Size}}`), MB = 10^6 bytes.',
    '"ratio" is after / before. "still runs": the slim image starts and answers as `expect.json` says. "fixed point": the slim command run on its own output changes nothing.',
    '"expected-slim" is the hand-written slim Dockerfile in the fixture, where there is one.',
    '',
    md,
    '',
    details,
    '',
  ].join('\n'));
  log(`wrote ${relative(ROOT, join(HERE, 'RESULTS.md'))} and ${relative(ROOT, join(HERE, 'results.json'))}`);
  if (failures.length) {
    log(`FAILED: ${failures.map((f) => f.fixture).join(', ')}`);
    process.exit(1);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
