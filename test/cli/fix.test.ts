import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { cli, project, SCRATCH, SMELLY } from './helpers.js';

const SAFE_FIXED = SMELLY.replace('apt-get install -y curl', 'apt-get install -y curl && rm -rf /var/lib/apt/lists/*');
const ALL_FIXED = [
  'FROM debian:bookworm',
  'RUN apt-get update && apt-get install --no-install-recommends -y ca-certificates curl && rm -rf /var/lib/apt/lists/*',
  'COPY app /app',
  'CMD ["node", "/app/server.js"]',
  '',
].join('\n');

describe('fix: in place', () => {
  it('applies safe fixes only, keeps the file mode and says what it did', () => {
    const dir = project({ Dockerfile: SMELLY });
    const file = join(dir, 'Dockerfile');
    chmodSync(file, 0o640);
    const r = cli(['fix', 'Dockerfile'], { cwd: dir });
    assert.equal(r.stderr, '');
    assert.equal(r.code, 0);
    assert.equal(readFileSync(file, 'utf8'), SAFE_FIXED);
    assert.equal(statSync(file).mode & 0o777, 0o640);
    assert.equal(
      r.stdout,
      [
        'Dockerfile: 1 fix applied',
        '  [apt-lists-left] Remove the apt lists at the end of this RUN',
        '  estimated saving: ≈ 20 MB (an estimate)',
        'Applied 1 fix in 1 of 1 file; estimated saving ≈ 20 MB (an estimate). 2 problems left (2 fixable with `fix --unsafe`).',
        '',
      ].join('\n'),
    );
    assert.deepEqual(readdirSync(dir).sort(), ['.dockerfile-slim.json', 'Dockerfile']);
  });

  it('--unsafe applies the unsafe fixes too', () => {
    const dir = project({ Dockerfile: SMELLY });
    const r = cli(['fix', '--unsafe', 'Dockerfile'], { cwd: dir });
    assert.equal(r.code, 0);
    assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), ALL_FIXED);
    assert.equal(
      r.stdout,
      [
        'Dockerfile: 3 fixes applied',
        '  [apt-recommends-installed] Add --no-install-recommends (and ca-certificates, which curl only recommends; ≈ −1.0 MB est.) (unsafe)',
        '  [apt-lists-left] Remove the apt lists at the end of this RUN',
        '  [shell-form-command] Convert CMD to exec form (unsafe)',
        '  estimated saving: ≈ 21 MB (an estimate)',
        'Applied 3 fixes in 1 of 1 file; estimated saving ≈ 21 MB (an estimate).',
        '',
      ].join('\n'),
    );
  });

  it('keeps a UTF-8 BOM and CRLF line endings', () => {
    const crlf = (s: string) => s.replace(/\n/g, '\r\n');
    const dir = project({ Dockerfile: Buffer.from(`\uFEFF${crlf(SMELLY)}`, 'utf8') });
    const r = cli(['fix', 'Dockerfile'], { cwd: dir });
    assert.equal(r.code, 0);
    const bytes = readFileSync(join(dir, 'Dockerfile'));
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.equal(bytes.subarray(3).toString('utf8'), crlf(SAFE_FIXED));
  });

  it('reports positions without counting the BOM', () => {
    const dir = project({ Dockerfile: Buffer.from(`\uFEFF${SCRATCH}`, 'utf8') });
    const r = cli(['check', 'Dockerfile'], { cwd: dir });
    assert.match(r.stdout, /^Dockerfile:3:5: error \[shell-form-command\]/);
  });

  it('fixes every Dockerfile under a directory and leaves clean files alone', () => {
    const dir = project({ 'a/Dockerfile': SCRATCH, 'b/Dockerfile': SCRATCH.replace('CMD ./app', 'CMD ["./app"]') });
    const before = statSync(join(dir, 'b', 'Dockerfile')).mtimeMs;
    const r = cli(['fix', '.'], { cwd: dir });
    assert.equal(r.code, 0);
    assert.equal(readFileSync(join(dir, 'a', 'Dockerfile'), 'utf8'), 'FROM scratch\nCOPY app /app\nCMD ["./app"]\n');
    assert.equal(statSync(join(dir, 'b', 'Dockerfile')).mtimeMs, before);
    assert.equal(r.stdout, ['a/Dockerfile: 1 fix applied', '  [shell-form-command] Convert CMD to exec form', 'Applied 1 fix in 1 of 2 files.', ''].join('\n'));
  });

  it('leaves the original untouched and no temporary file behind when the write fails', () => {
    const dir = project({ Dockerfile: SMELLY });
    const r = cli(['fix', 'Dockerfile'], { cwd: dir, env: { DOCKERFILE_SLIM_TEST_FAIL_WRITE: '1' } });
    assert.equal(r.code, 2);
    assert.equal(
      r.stderr,
      'dockerfile-slim: Dockerfile: could not write the fixed file: simulated failure before rename (DOCKERFILE_SLIM_TEST_FAIL_WRITE)\n',
    );
    assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), SMELLY);
    assert.deepEqual(readdirSync(dir).sort(), ['.dockerfile-slim.json', 'Dockerfile']);
  });

  it('reports a missing file and fixes the others', () => {
    const dir = project({ Dockerfile: SCRATCH });
    const r = cli(['fix', 'gone/Dockerfile', 'Dockerfile'], { cwd: dir });
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'dockerfile-slim: gone/Dockerfile: no such file or directory\n');
    assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), 'FROM scratch\nCOPY app /app\nCMD ["./app"]\n');
  });
});

describe('fix: --stdout and --diff', () => {
  it('--stdout prints the fixed file and writes nothing', () => {
    const dir = project({ Dockerfile: SMELLY });
    const r = cli(['fix', '--unsafe', '--stdout', 'Dockerfile'], { cwd: dir });
    assert.equal(r.code, 0);
    assert.equal(r.stdout, ALL_FIXED);
    assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), SMELLY);
    assert.match(r.stderr, /^Dockerfile: 3 fixes \(not written\)\n/);
  });

  it('--stdout prints an unchanged file as it is', () => {
    const dir = project({ Dockerfile: 'FROM scratch\nCMD ["./app"]' });
    const r = cli(['fix', '--stdout', 'Dockerfile'], { cwd: dir });
    assert.deepEqual(r, { code: 0, stdout: 'FROM scratch\nCMD ["./app"]', stderr: 'Would apply 0 fixes in 0 of 1 file.\n' });
  });

  it('--stdout takes one file', () => {
    const dir = project({ 'a/Dockerfile': SCRATCH, 'b/Dockerfile': SCRATCH });
    assert.deepEqual(cli(['fix', '--stdout', 'a/Dockerfile', 'b/Dockerfile'], { cwd: dir }), {
      code: 2,
      stdout: '',
      stderr: 'dockerfile-slim: --stdout takes exactly one file (see `dockerfile-slim --help`)\n',
    });
    assert.deepEqual(cli(['fix', '--stdout', '--diff', 'a/Dockerfile'], { cwd: dir }), {
      code: 2,
      stdout: '',
      stderr: 'dockerfile-slim: --stdout and --diff cannot be used together (see `dockerfile-slim --help`)\n',
    });
  });

  // The expected text is what GNU `diff -u` prints for the same two files.
  it('--diff prints a unified diff and writes nothing', () => {
    const text = ['FROM debian:bookworm', 'ENV A=1', 'ENV B=2', 'ENV C=3', 'ENV D=4', 'RUN apt-get update && apt-get install -y curl', 'ENV E=5', 'ENV F=6', 'ENV G=7', 'ENV H=8', 'ENV I=9', 'ENV J=10', 'ENV K=11', 'CMD node app.js', ''].join('\n');
    const dir = project({ Dockerfile: text });
    const r = cli(['fix', '--diff', '--unsafe', 'Dockerfile'], { cwd: dir });
    assert.equal(r.code, 0);
    assert.equal(
      r.stdout,
      [
        '--- Dockerfile',
        '+++ Dockerfile',
        '@@ -3,7 +3,7 @@',
        ' ENV B=2',
        ' ENV C=3',
        ' ENV D=4',
        '-RUN apt-get update && apt-get install -y curl',
        '+RUN apt-get update && apt-get install --no-install-recommends -y ca-certificates curl && rm -rf /var/lib/apt/lists/*',
        ' ENV E=5',
        ' ENV F=6',
        ' ENV G=7',
        '@@ -11,4 +11,4 @@',
        ' ENV I=9',
        ' ENV J=10',
        ' ENV K=11',
        '-CMD node app.js',
        '+CMD ["node", "app.js"]',
        '',
      ].join('\n'),
    );
    assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), text);
    assert.equal(r.stderr.split('\n').at(-2), 'Would apply 3 fixes in 1 of 1 file; estimated saving ≈ 21 MB (an estimate).');
  });

  it('--diff marks a last line without a line break', () => {
    const dir = project({ Dockerfile: 'FROM scratch\nCMD ./app' });
    const r = cli(['fix', '--diff', 'Dockerfile'], { cwd: dir });
    assert.equal(r.stdout, ['--- Dockerfile', '+++ Dockerfile', '@@ -1,2 +1,2 @@', ' FROM scratch', '-CMD ./app', '\\ No newline at end of file', '+CMD ["./app"]', '\\ No newline at end of file', ''].join('\n'));
  });
});

describe('fix: edits beside the Dockerfile (copy-context-unfiltered)', () => {
  const NODE_APP = 'FROM node:22-slim\nWORKDIR /app\nCOPY . .\nCMD ["node", "server.js"]\n';
  const ONLY = ['--rule', 'copy-context-unfiltered=warning'];
  const nodeProject = (files: Record<string, string> = {}): string => {
    const dir = project({ Dockerfile: NODE_APP, 'package.json': '{}\n', ...files });
    mkdirSync(join(dir, '.git'));
    return dir;
  };

  it('check reports it as fixable with `fix --unsafe`', () => {
    const r = cli(['check', ...ONLY, 'Dockerfile'], { cwd: nodeProject() });
    assert.equal(r.code, 1);
    assert.match(r.stdout, /Dockerfile:3:6: warning \[copy-context-unfiltered\] "COPY \." copies \.git and node_modules into the image: there is no \.dockerignore\. It copies the whole build context\./);
    assert.match(r.stdout, /1 problem .* 0 fixable with `fix`, 1 more with `fix --unsafe`\./);
  });

  it('fix without --unsafe leaves it, and writes nothing', () => {
    const dir = nodeProject();
    const r = cli(['fix', ...ONLY, 'Dockerfile'], { cwd: dir });
    assert.equal(r.code, 0);
    assert.equal(r.stdout, 'Applied 0 fixes in 0 of 1 file. 1 problem left (1 fixable with `fix --unsafe`).\n');
    assert.deepEqual(readdirSync(dir).sort(), ['.dockerfile-slim.json', '.git', 'Dockerfile', 'package.json']);
  });

  it('fix --unsafe creates .dockerignore beside the Dockerfile, leaves the Dockerfile as it is, and a re-check is clean', () => {
    const dir = nodeProject();
    const r = cli(['fix', '--unsafe', ...ONLY, 'Dockerfile'], { cwd: dir });
    assert.equal(r.stderr, '');
    assert.equal(r.code, 0);
    assert.equal(
      r.stdout,
      [
        'Dockerfile: 1 fix applied',
        '  [copy-context-unfiltered] Create .dockerignore excluding .git and node_modules (unsafe)',
        '  .dockerignore: created',
        'Applied 1 fix in 1 of 1 file.',
        '',
      ].join('\n'),
    );
    assert.equal(readFileSync(join(dir, '.dockerignore'), 'utf8'), '.git\nnode_modules\nnpm-debug.log\n');
    assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), NODE_APP);
    const again = cli(['check', ...ONLY, 'Dockerfile'], { cwd: dir });
    assert.equal(again.code, 0, again.stdout);
  });

  it('fix --unsafe over two Dockerfiles in one directory: the second sees the .dockerignore the first created (the run looks at the directory again)', () => {
    const dir = nodeProject({ 'api.Dockerfile': NODE_APP });
    const r = cli(['fix', '--unsafe', ...ONLY, 'Dockerfile', 'api.Dockerfile'], { cwd: dir });
    assert.equal(r.stderr, '');
    assert.equal(r.code, 0);
    assert.equal(
      r.stdout,
      [
        'Dockerfile: 1 fix applied',
        '  [copy-context-unfiltered] Create .dockerignore excluding .git and node_modules (unsafe)',
        '  .dockerignore: created',
        'Applied 1 fix in 1 of 2 files.',
        '',
      ].join('\n'),
    );
    assert.equal(readFileSync(join(dir, '.dockerignore'), 'utf8'), '.git\nnode_modules\nnpm-debug.log\n');
  });

  it('fix --unsafe appends the missing line to the ignore file in effect, with its line breaks', () => {
    const dir = nodeProject({ 'Dockerfile.dockerignore': '.git\r\ndist', '.dockerignore': '*.md\n' });
    const r = cli(['fix', '--unsafe', ...ONLY, 'Dockerfile'], { cwd: dir });
    assert.equal(r.code, 0);
    assert.match(r.stdout, /\[copy-context-unfiltered\] Add node_modules to Dockerfile\.dockerignore \(unsafe\)\n {2}Dockerfile\.dockerignore: appended to\n/);
    assert.equal(readFileSync(join(dir, 'Dockerfile.dockerignore'), 'utf8'), '.git\r\ndist\r\nnode_modules\r\n');
    assert.equal(readFileSync(join(dir, '.dockerignore'), 'utf8'), '*.md\n');
    assert.equal(cli(['check', ...ONLY, 'Dockerfile'], { cwd: dir }).code, 0);
  });

  it('--stdout and --diff write no other file and say so', () => {
    const dir = nodeProject();
    const out = cli(['fix', '--unsafe', '--stdout', ...ONLY, 'Dockerfile'], { cwd: dir });
    assert.equal(out.code, 0);
    assert.equal(out.stdout, NODE_APP);
    assert.match(out.stderr, /\n {2}\.dockerignore: not changed \(only when fixing in place\)\n/);
    const diff = cli(['fix', '--unsafe', '--diff', ...ONLY, 'Dockerfile'], { cwd: dir });
    assert.equal(diff.code, 0);
    assert.equal(diff.stdout, '');
    assert.match(diff.stderr, /\.dockerignore: not changed \(only when fixing in place\)/);
    assert.deepEqual(readdirSync(dir).sort(), ['.dockerfile-slim.json', '.git', 'Dockerfile', 'package.json']);
  });
});
