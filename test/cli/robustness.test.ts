import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CLEAN, cli, project, SCRATCH, SMELLY } from './helpers.js';

const THROWING = { DOCKERFILE_SLIM_TEST_THROWING_RULE: '1' };
const THROW_MSG =
  'Rule test-throwing-rule failed on this file and was skipped: simulated rule failure (DOCKERFILE_SLIM_TEST_THROWING_RULE). Please report this with the Dockerfile.';
const SCRATCH_MSG = 'CMD in shell form runs "/bin/sh -c", but FROM scratch has no /bin/sh: the container will not start.';

/** Bytes from a fixed linear congruential sequence: the same junk on every run. */
function junk(length: number, seed: number, map: (byte: number) => number): Buffer {
  const out = Buffer.alloc(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
    out[i] = map(x >> 16);
  }
  return out;
}

describe('CLI: a rule that throws (test hook DOCKERFILE_SLIM_TEST_THROWING_RULE)', () => {
  it('check reports an internal-error finding and the error on stderr, keeps the other rules, exits 2', () => {
    const dir = project({ 'a/Dockerfile': SCRATCH, 'b/Dockerfile': CLEAN });
    const r = cli(['check', 'a/Dockerfile', 'b/Dockerfile'], { cwd: dir, env: THROWING });
    assert.equal(r.code, 2);
    assert.equal(r.stderr, `dockerfile-slim: a/Dockerfile: ${THROW_MSG}\ndockerfile-slim: b/Dockerfile: ${THROW_MSG}\n`);
    assert.deepEqual(r.stdout.split('\n').slice(0, 4), [
      `a/Dockerfile:1:1: error [internal-error] ${THROW_MSG}`,
      `a/Dockerfile:3:5: error [shell-form-command] [*] ${SCRATCH_MSG}`,
      `b/Dockerfile:1:1: error [internal-error] ${THROW_MSG}`,
      '3 problems (3 errors, 0 warnings, 0 info) in 2 files; 1 fixable with `fix`, 0 more with `fix --unsafe`.',
    ]);
  });

  it('the hook is off unless set to 1', () => {
    const dir = project({ Dockerfile: CLEAN });
    const r = cli(['check', 'Dockerfile'], { cwd: dir, env: { DOCKERFILE_SLIM_TEST_THROWING_RULE: 'yes' } });
    assert.equal(r.code, 0);
    assert.equal(r.stdout, 'No problems found in 1 file.\n');
    assert.equal(r.stderr, '');
  });

  it('fix still applies the other rules’ fixes, reports the failure and exits 2', () => {
    const dir = project({ Dockerfile: SCRATCH });
    const r = cli(['fix', 'Dockerfile'], { cwd: dir, env: THROWING });
    assert.equal(r.code, 2);
    assert.equal(r.stderr, `dockerfile-slim: Dockerfile: ${THROW_MSG}\n`);
    assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), 'FROM scratch\nCOPY app /app\nCMD ["./app"]\n');
    assert.match(r.stdout, /^Dockerfile: 1 fix applied\n {2}\[shell-form-command\] Convert CMD to exec form\n/);
  });

  it('JSON output carries the internal-error finding too', () => {
    const dir = project({ Dockerfile: CLEAN });
    const r = cli(['check', '--format', 'json', 'Dockerfile'], { cwd: dir, env: THROWING });
    assert.equal(r.code, 2);
    const json = JSON.parse(r.stdout) as { files: { findings: { ruleId: string; severity: string; message: string }[] }[] };
    assert.deepEqual(
      json.files[0]!.findings.map((f) => [f.ruleId, f.severity, f.message]),
      [['internal-error', 'error', THROW_MSG]],
    );
  });
});

describe('CLI: more bad input', () => {
  it('a directory with 3,000 small Dockerfiles: every one is checked, in order, in one run', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 3000; i++) files[`team${String(Math.floor(i / 100)).padStart(2, '0')}/svc${String(i).padStart(4, '0')}/Dockerfile`] = i % 3 === 0 ? SCRATCH : CLEAN;
    const dir = project(files);
    const r = cli(['check', '--format', 'json', '.'], { cwd: dir });
    assert.equal(r.code, 1);
    assert.equal(r.stderr, '');
    const json = JSON.parse(r.stdout) as { files: { path: string; findings: unknown[] }[] };
    assert.equal(json.files.length, 3000);
    assert.equal(json.files.filter((f) => f.findings.length === 1).length, 1000);
    const paths = json.files.map((f) => f.path);
    assert.deepEqual(paths, [...paths].sort());
    assert.equal(paths[2999], join('team29', 'svc2999', 'Dockerfile'));
  });

  it('binary junk that is valid UTF-8 (control characters, NUL bytes) is linted without an error', () => {
    const ascii = junk(200_000, 7, (b) => b & 0x7f);
    const nul = Buffer.alloc(100_000);
    const dir = project({ 'Dockerfile.junk': ascii, 'Dockerfile.nul': nul, 'Dockerfile.empty': '', Dockerfile: SMELLY });
    const r = cli(['check', '--format', 'json', '.'], { cwd: dir });
    assert.equal(r.stderr, '');
    const json = JSON.parse(r.stdout) as { files: { path: string; findings: { ruleId: string }[] }[] };
    assert.deepEqual(
      json.files.map((f) => f.path),
      ['Dockerfile', 'Dockerfile.empty', 'Dockerfile.junk', 'Dockerfile.nul'],
    );
    for (const f of json.files) assert.ok(!f.findings.some((x) => x.ruleId === 'internal-error'), `${f.path}: internal error`);
    assert.equal(json.files[0]!.findings.length, 3);
    assert.equal(r.code, 1);
  });

  it('binary junk that is not UTF-8 is refused on one line; fix leaves it untouched', () => {
    const bytes = junk(50_000, 11, (b) => b & 0xff);
    const dir = project({ 'Dockerfile.bin': bytes, Dockerfile: SCRATCH });
    const r = cli(['fix', '.'], { cwd: dir });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^dockerfile-slim: Dockerfile\.bin: not valid UTF-8 \(first bad byte at offset \d+\)\n$/);
    assert.deepEqual(readFileSync(join(dir, 'Dockerfile.bin')), bytes);
    assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), 'FROM scratch\nCOPY app /app\nCMD ["./app"]\n');
  });

  it('a FIFO: named on the command line it is refused; inside a directory it is skipped, never opened', () => {
    const dir = project({ 'svc/Dockerfile': SCRATCH });
    // Opening a FIFO for reading would block until a writer comes: the CLI must not try.
    execFileSync('mkfifo', [join(dir, 'Dockerfile.fifo'), join(dir, 'svc', 'Dockerfile.pipe')]);
    const r = cli(['check', 'Dockerfile.fifo', 'svc'], { cwd: dir });
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'dockerfile-slim: Dockerfile.fifo: not a regular file or directory\n');
    assert.equal(r.stdout.split('\n')[0], `svc/Dockerfile:3:5: error [shell-form-command] [*] ${SCRATCH_MSG}`);
    assert.match(r.stdout, /in 1 file;/);
  });

  it('a very large file (10 MB on one line) gets the file-too-large note, not an error', () => {
    const dir = project({});
    writeFileSync(join(dir, 'Dockerfile'), `RUN echo ${'a'.repeat(10_000_000)}\n`);
    const r = cli(['check', '--format', 'json', 'Dockerfile'], { cwd: dir });
    assert.equal(r.stderr, '');
    assert.equal(r.code, 0);
    const json = JSON.parse(r.stdout) as { files: { findings: { ruleId: string; severity: string }[] }[] };
    assert.deepEqual(
      json.files[0]!.findings.map((f) => [f.ruleId, f.severity]),
      [['file-too-large', 'info']],
    );
  });
});

// Not tested: a file the user may not read. Tests run as root here, and root reads any file whatever its
// mode, so an EACCES cannot be produced; discover.ts maps EACCES/EPERM to "permission denied" like other
// I/O errors, which the missing-file test covers.
