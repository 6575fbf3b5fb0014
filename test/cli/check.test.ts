import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { allRules, docsUrl } from '../../server/src/engine/index.js';
import { CLEAN, CLI, cli, project, SCRATCH, SMELLY } from './helpers.js';

const LISTS_MSG = '"apt-get update" leaves the apt lists in this layer. Remove /var/lib/apt/lists/* in the same RUN. (≈ 20 MB)';
const RECOMMENDS_MSG = '"apt-get install" without --no-install-recommends adds recommended packages. (≈ 1.0 MB)';
const RECOMMENDS_BASIS =
  "estimate: Debian Installed-Size of the packages apt adds on debian:bookworm (debian:bookworm's packages (debootstrap minbase per the bookworm index; for bookworm the same 88 packages as an image made with debuerreotype)), from the Debian bookworm 12.15 main amd64 package index of 11 Jul 2026; with Recommends minus without (keeping ca-certificates)";
const CMD_MSG = 'CMD in shell form runs through /bin/sh -c: the program gets no stop signals.';
const SCRATCH_MSG = 'CMD in shell form needs /bin/sh: the container will not start. "scratch" has no shell.';
const ESTIMATE_LINE =
  'Estimated saving: ≈ 21 MB (an estimate from measured examples and Debian package data, over 2 figures, each counted once; actual savings depend on the base image and packages).';

describe('check: text output', () => {
  it('prints path:line:col, severity, rule, [*] for safe fixes, the summary and the estimate', () => {
    const dir = project({ Dockerfile: SMELLY });
    const r = cli(['check', 'Dockerfile'], { cwd: dir });
    assert.equal(r.stderr, '');
    assert.equal(
      r.stdout,
      [
        `Dockerfile:2:5: warning [apt-lists-left] [*] ${LISTS_MSG}`,
        `Dockerfile:2:23: warning [apt-recommends-installed] ${RECOMMENDS_MSG}`,
        `Dockerfile:4:5: warning [shell-form-command] ${CMD_MSG}`,
        '3 problems (0 errors, 3 warnings, 0 info) in 1 file; 1 fixable with `fix`, 2 more with `fix --unsafe`.',
        ESTIMATE_LINE,
        '',
      ].join('\n'),
    );
    assert.equal(r.code, 1);
  });

  it('--unsafe-fixes marks unsafe fixes as fixable too', () => {
    const dir = project({ Dockerfile: SMELLY });
    const r = cli(['check', '--unsafe-fixes', 'Dockerfile'], { cwd: dir });
    assert.deepEqual(r.stdout.split('\n').slice(0, 4), [
      `Dockerfile:2:5: warning [apt-lists-left] [*] ${LISTS_MSG}`,
      `Dockerfile:2:23: warning [apt-recommends-installed] [*] ${RECOMMENDS_MSG}`,
      `Dockerfile:4:5: warning [shell-form-command] [*] ${CMD_MSG}`,
      '3 problems (0 errors, 3 warnings, 0 info) in 1 file; 3 fixable with `fix --unsafe`.',
    ]);
  });

  it('says so when there is nothing to report, and exits 0', () => {
    const dir = project({ Dockerfile: CLEAN });
    const r = cli(['check', 'Dockerfile'], { cwd: dir });
    assert.equal(r.stdout, 'No problems found in 1 file.\n');
    assert.equal(r.stderr, '');
    assert.equal(r.code, 0);
  });

  it('counts columns in UTF-16 code units, 1-based', () => {
    const dir = project({ Dockerfile: 'FROM debian:bookworm\nLABEL note="é"\nRUN echo "🐳" && apt-get update && apt-get install --no-install-recommends -y curl\n' });
    const r = cli(['check', 'Dockerfile'], { cwd: dir });
    // `RUN echo "🐳" && ` is 17 UTF-16 units (the whale takes 2), so apt-get is at column 18.
    assert.equal(r.stdout.split('\n')[0], `Dockerfile:3:18: warning [apt-lists-left] [*] ${LISTS_MSG}`);
  });
});

describe('check: exit codes and --failure-threshold', () => {
  const cases: [string[], string, number][] = [
    [[], SMELLY, 1],
    [['--failure-threshold', 'warning'], SMELLY, 1],
    [['--failure-threshold', 'error'], SMELLY, 0],
    [['--failure-threshold=none'], SCRATCH, 0],
    [['--failure-threshold', 'error'], SCRATCH, 1],
    [['--failure-threshold', 'info'], CLEAN, 0],
    [['--rule', 'apt-lists-left=info', '--rule', 'apt-recommends-installed=off', '--rule', 'shell-form-command=off', '--failure-threshold', 'warning'], SMELLY, 0],
    [['--rule', 'apt-lists-left=info', '--rule', 'apt-recommends-installed=off', '--rule', 'shell-form-command=off', '--failure-threshold', 'info'], SMELLY, 1],
  ];
  for (const [flags, text, code] of cases) {
    it(`${flags.join(' ') || '(defaults)'} on ${text === SMELLY ? 'warnings' : text === SCRATCH ? 'an error' : 'a clean file'} → ${code}`, () => {
      const dir = project({ Dockerfile: text });
      const r = cli(['check', ...flags, 'Dockerfile'], { cwd: dir });
      assert.equal(r.stderr, '');
      assert.equal(r.code, code);
    });
  }

  it('rejects an unknown threshold with exit 2', () => {
    const dir = project({ Dockerfile: CLEAN });
    const r = cli(['check', '--failure-threshold', 'style', 'Dockerfile'], { cwd: dir });
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'dockerfile-slim: --failure-threshold must be one of error, warning, info, none (got "style") (see `dockerfile-slim --help`)\n');
  });
});

describe('check: JSON', () => {
  it('has exactly the documented shape, with 0-based LSP ranges', () => {
    const dir = project({ Dockerfile: SMELLY, 'clean.dockerfile': CLEAN });
    const r = cli(['check', '--format', 'json', 'Dockerfile', 'clean.dockerfile'], { cwd: dir });
    assert.equal(r.code, 1);
    assert.equal(r.stderr, '');
    const pos = (line: number, character: number) => ({ line, character });
    assert.deepEqual(JSON.parse(r.stdout), {
      files: [
        {
          path: 'Dockerfile',
          findings: [
            {
              ruleId: 'apt-lists-left',
              severity: 'warning',
              message: LISTS_MSG,
              range: { start: pos(1, 4), end: pos(1, 18) },
              fixes: [
                {
                  title: 'Remove the apt lists at the end of this RUN',
                  safety: 'safe',
                  edits: [{ range: { start: pos(1, 45), end: pos(1, 45) }, newText: ' && rm -rf /var/lib/apt/lists/*' }],
                },
                {
                  title: 'Keep the cache in a BuildKit cache mount on /var/cache/apt and /var/lib/apt/lists (needs BuildKit)',
                  safety: 'unsafe',
                  edits: [
                    { range: { start: pos(1, 3), end: pos(1, 3) }, newText: ' --mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt/lists,sharing=locked' },
                    { range: { start: pos(1, 4), end: pos(1, 4) }, newText: 'rm -f /etc/apt/apt.conf.d/docker-clean && ' },
                  ],
                },
              ],
              estimate: {
                bytes: 19_860_000,
                basis: 'apt lists after apt-get update on Debian bookworm, measured with buildah (other releases and mirrors differ)',
              },
            },
            {
              ruleId: 'apt-recommends-installed',
              severity: 'warning',
              message: RECOMMENDS_MSG,
              range: { start: pos(1, 22), end: pos(1, 37) },
              fixes: [
                {
                  title: 'Add --no-install-recommends (and ca-certificates, which curl only recommends; ≈ −1.0 MB est.)',
                  safety: 'unsafe',
                  edits: [
                    { range: { start: pos(1, 37), end: pos(1, 37) }, newText: ' --no-install-recommends' },
                    { range: { start: pos(1, 41), end: pos(1, 41) }, newText: 'ca-certificates ' },
                  ],
                },
              ],
              estimate: { bytes: 1_011_712, basis: RECOMMENDS_BASIS, id: 'apt-recommends@43' },
            },
            {
              ruleId: 'shell-form-command',
              severity: 'warning',
              message: CMD_MSG,
              range: { start: pos(3, 4), end: pos(3, 23) },
              fixes: [
                {
                  title: 'Convert CMD to exec form',
                  safety: 'unsafe',
                  edits: [{ range: { start: pos(3, 4), end: pos(3, 23) }, newText: '["node", "/app/server.js"]' }],
                },
              ],
            },
          ],
        },
        { path: 'clean.dockerfile', findings: [] },
      ],
    });
  });
});

describe('check: SARIF', () => {
  it('is a SARIF 2.1.0 log with rules, 1-based regions and fixes', () => {
    const dir = project({ Dockerfile: SCRATCH, 'sub/Dockerfile': SMELLY });
    const r = cli(['check', '--format', 'sarif', '.'], { cwd: dir });
    assert.equal(r.code, 1);
    const log = JSON.parse(r.stdout) as {
      version: string;
      $schema: string;
      runs: {
        tool: { driver: { name: string; version: string; rules: { id: string; shortDescription: { text: string }; helpUri: string; defaultConfiguration: { level: string } }[] } };
        columnKind: string;
        results: Record<string, unknown>[];
        invocations: { executionSuccessful: boolean; toolExecutionNotifications: unknown[] }[];
      }[];
    };
    assert.equal(log.version, '2.1.0');
    assert.equal(log.$schema, 'https://json.schemastore.org/sarif-2.1.0.json');
    assert.equal(log.runs.length, 1);
    const run = log.runs[0]!;
    const driver = run.tool.driver;
    assert.equal(driver.name, 'dockerfile-slim');
    assert.match(driver.version, /^\d+\.\d+\.\d+/);
    assert.deepEqual(
      driver.rules.map((x) => x.id),
      allRules.map((x) => x.meta.id),
    );
    for (const [i, rule] of allRules.entries()) {
      const entry = driver.rules[i]!;
      assert.equal(entry.shortDescription.text, rule.meta.summary);
      assert.equal(entry.helpUri, docsUrl(rule.meta.id));
      const level = { error: 'error', warning: 'warning', info: 'note', off: 'none' }[rule.meta.defaultSeverity];
      assert.equal(entry.defaultConfiguration.level, level);
    }
    assert.equal(run.columnKind, 'utf16CodeUnits');
    assert.deepEqual(
      run.results.map((x) => [x['ruleId'], x['level']]),
      [
        ['shell-form-command', 'error'],
        ['apt-lists-left', 'warning'],
        ['apt-recommends-installed', 'warning'],
        ['shell-form-command', 'warning'],
      ],
    );
    assert.deepEqual(run.results[0], {
      ruleId: 'shell-form-command',
      ruleIndex: allRules.findIndex((x) => x.meta.id === 'shell-form-command'),
      level: 'error',
      message: { text: SCRATCH_MSG },
      locations: [{ physicalLocation: { artifactLocation: { uri: 'Dockerfile' }, region: { startLine: 3, startColumn: 5, endLine: 3, endColumn: 10 } } }],
      fixes: [
        {
          description: { text: 'Convert CMD to exec form' },
          artifactChanges: [
            {
              artifactLocation: { uri: 'Dockerfile' },
              replacements: [{ deletedRegion: { startLine: 3, startColumn: 5, endLine: 3, endColumn: 10 }, insertedContent: { text: '["./app"]' } }],
            },
          ],
        },
      ],
    });
    const lists = run.results[1]!;
    assert.deepEqual(lists['locations'], [
      { physicalLocation: { artifactLocation: { uri: 'sub/Dockerfile' }, region: { startLine: 2, startColumn: 5, endLine: 2, endColumn: 19 } } },
    ]);
    assert.deepEqual(lists['properties'], {
      estimatedBytes: 19_860_000,
      estimateBasis: 'apt lists after apt-get update on Debian bookworm, measured with buildah (other releases and mirrors differ)',
    });
    assert.equal((run.results[2]!['fixes'] as { description: { text: string } }[])[0]!.description.text, 'Add --no-install-recommends (and ca-certificates, which curl only recommends; ≈ −1.0 MB est.) (unsafe)');
    assert.deepEqual(run.invocations, [{ executionSuccessful: true, toolExecutionNotifications: [] }]);
  });

  it('records files that could not be checked in the invocation', () => {
    const dir = project({ Dockerfile: CLEAN });
    const r = cli(['check', '--format=sarif', 'Dockerfile', 'missing/Dockerfile'], { cwd: dir });
    assert.equal(r.code, 2);
    const log = JSON.parse(r.stdout) as { runs: { results: unknown[]; invocations: unknown[] }[] };
    assert.deepEqual(log.runs[0]!.results, []);
    assert.deepEqual(log.runs[0]!.invocations, [
      { executionSuccessful: false, toolExecutionNotifications: [{ level: 'error', message: { text: 'missing/Dockerfile: no such file or directory' } }] },
    ]);
  });
});

describe('check: I/O and usage errors (exit 2)', () => {
  it('reports a missing file on one line and still checks the others', () => {
    const dir = project({ 'a/Dockerfile': SCRATCH, 'b/Dockerfile': SCRATCH });
    const r = cli(['check', 'a/Dockerfile', 'nope/Dockerfile', 'b/Dockerfile'], { cwd: dir });
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'dockerfile-slim: nope/Dockerfile: no such file or directory\n');
    assert.equal(
      r.stdout,
      [
        `a/Dockerfile:3:5: error [shell-form-command] [*] ${SCRATCH_MSG}`,
        `b/Dockerfile:3:5: error [shell-form-command] [*] ${SCRATCH_MSG}`,
        '2 problems (2 errors, 0 warnings, 0 info) in 2 files; 2 fixable with `fix`, 0 more with `fix --unsafe`.',
        '',
      ].join('\n'),
    );
  });

  it('refuses a file that is not UTF-8, without a stack trace, and goes on', () => {
    const latin1 = Buffer.from('FROM debian:bookworm\nLABEL author="Jos\xe9"\n', 'latin1');
    const dir = project({ 'Dockerfile.latin1': latin1, Dockerfile: CLEAN });
    const r = cli(['check', 'Dockerfile.latin1', 'Dockerfile'], { cwd: dir });
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'dockerfile-slim: Dockerfile.latin1: not valid UTF-8 (first bad byte at offset 38)\n');
    assert.equal(r.stdout, 'No problems found in 1 file.\n');
  });

  it('keeps stdout and stderr in order when both go to one place (the output is written in blocks; a message writes what is held back first)', () => {
    const latin1 = Buffer.from('FROM debian:bookworm\nLABEL author="Jos\xe9"\n', 'latin1');
    const dir = project({ 'a/Dockerfile': CLEAN, 'b/Dockerfile.latin1': latin1, 'c/Dockerfile': CLEAN });
    const r = spawnSync('/bin/sh', ['-c', `"${process.execPath}" "${CLI}" check --format json a/Dockerfile b/Dockerfile.latin1 c/Dockerfile 2>&1`], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 2);
    assert.equal(
      r.stdout,
      [
        '{"files":[',
        '{"path":"a/Dockerfile","findings":[]}dockerfile-slim: b/Dockerfile.latin1: not valid UTF-8 (first bad byte at offset 38)',
        ',',
        '{"path":"c/Dockerfile","findings":[]}',
        ']}',
        '',
      ].join('\n'),
    );
  });

  it('shows the stack trace only with --debug', () => {
    const dir = project({ 'Dockerfile.latin1': Buffer.from([0x46, 0x52, 0x4f, 0x4d, 0x20, 0xff, 0x0a]) });
    const r = cli(['check', '--debug', 'Dockerfile.latin1'], { cwd: dir });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^dockerfile-slim: Dockerfile\.latin1: not valid UTF-8 \(first bad byte at offset 5\)$/m);
    assert.match(r.stderr, /\n {4}at /);
  });

  it('rejects an unknown option', () => {
    const r = cli(['check', '--fromat', 'json', 'Dockerfile']);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, 'dockerfile-slim: unknown option --fromat (see `dockerfile-slim --help`)\n');
  });

  it('rejects an unknown command and a missing PATH', () => {
    assert.deepEqual(cli(['lint', 'Dockerfile']), { code: 2, stdout: '', stderr: 'dockerfile-slim: unknown command "lint" (see `dockerfile-slim --help`)\n' });
    assert.deepEqual(cli(['check']), {
      code: 2,
      stdout: '',
      stderr: 'dockerfile-slim: check needs at least one PATH (a Dockerfile or a directory) (see `dockerfile-slim --help`)\n',
    });
  });

  it('rejects an invalid project configuration, and still checks files outside it', () => {
    const dir = project({ 'good/Dockerfile': SCRATCH, 'bad/Dockerfile': SCRATCH, 'bad/.dockerfile-slim.json': '{"rules":{"no-such-rule":"error","apt-lists-left":"loud"}}' });
    const r = cli(['check', 'bad/Dockerfile', 'good/Dockerfile'], { cwd: dir });
    assert.equal(r.code, 2);
    assert.equal(
      r.stderr,
      `dockerfile-slim: ${join(dir, 'bad', '.dockerfile-slim.json')}: /rules/no-such-rule: unknown rule "no-such-rule"; /rules/apt-lists-left: level must be one of default, off, info, warning, error (Dockerfiles under it are not checked)\n`,
    );
    assert.equal(r.stdout.split('\n')[0], `good/Dockerfile:3:5: error [shell-form-command] [*] ${SCRATCH_MSG}`);
  });

  it('rejects a project configuration that is not JSON', () => {
    const dir = project({ Dockerfile: CLEAN, '.dockerfile-slim.json': '{ rules: ' }, false);
    const r = cli(['check', 'Dockerfile'], { cwd: dir });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^dockerfile-slim: .*\.dockerfile-slim\.json: invalid JSON \(.+\) \(Dockerfiles under it are not checked\)\n$/);
  });

  it('rejects a bad --config file and bad --rule flags before checking anything', () => {
    const dir = project({ Dockerfile: SMELLY, 'broken.json': '[1,', 'unknown.json': '{"rules":{"nope":"off"}}' });
    const cases: [string[], string][] = [
      [['--config', 'missing.json'], '--config missing.json: no such file or directory'],
      [['--config', 'unknown.json'], '--config unknown.json: /rules/nope: unknown rule "nope"'],
      [['--rule', 'nope=off'], '--rule nope=off: unknown rule "nope" (see `dockerfile-slim rules`)'],
      [['--rule', 'apt-lists-left=loud'], '--rule apt-lists-left=loud: level must be one of off, info, warning, error'],
      [['--rule', 'apt-lists-left'], '--rule apt-lists-left: expected <rule-id>=<level>'],
    ];
    for (const [flags, message] of cases) {
      const r = cli(['check', ...flags, 'Dockerfile'], { cwd: dir });
      assert.deepEqual(r, { code: 2, stdout: '', stderr: `dockerfile-slim: ${message} (see \`dockerfile-slim --help\`)\n` });
    }
    const broken = cli(['check', '--config', 'broken.json', 'Dockerfile'], { cwd: dir });
    assert.equal(broken.code, 2);
    assert.match(broken.stderr, /^dockerfile-slim: --config broken\.json: invalid JSON \(.+\)/);
  });
});

describe('check: configuration layering', () => {
  it('nearest .dockerfile-slim.json, then --config, then --rule', () => {
    const dir = project({
      'sub/Dockerfile': SMELLY,
      'sub/.dockerfile-slim.json': '{"rules":{"apt-lists-left":"off","apt-recommends-installed":"error","shell-form-command":"off"}}',
      'cli.json': '{"rules":{"apt-recommends-installed":"info","shell-form-command":"error"}}',
    });
    // Only the three rules this layering is about; the file's other findings are not the point here.
    const tested = /\[(apt-lists-left|apt-recommends-installed|shell-form-command)\]/;
    const ids = (r: { stdout: string }) =>
      r.stdout
        .split('\n')
        .filter((l) => l.startsWith('sub/') && tested.test(l))
        .map((l) => l.split(' ').slice(1, 3).join(' '));
    assert.deepEqual(ids(cli(['check', 'sub/Dockerfile'], { cwd: dir })), ['error [apt-recommends-installed]']);
    assert.deepEqual(ids(cli(['check', '--config', 'cli.json', 'sub/Dockerfile'], { cwd: dir })), ['info [apt-recommends-installed]', 'error [shell-form-command]']);
    assert.deepEqual(ids(cli(['check', '--config', 'cli.json', '--rule', 'apt-lists-left=warning', '--rule=shell-form-command=off', 'sub/Dockerfile'], { cwd: dir })), [
      'warning [apt-lists-left]',
      'info [apt-recommends-installed]',
    ]);
  });
});

describe('check: directories', () => {
  it('finds Dockerfiles recursively, in name order, skipping node_modules and .git', () => {
    const dir = project({
      'Dockerfile': CLEAN,
      'Containerfile': CLEAN,
      'api.dockerfile': CLEAN,
      'web.Dockerfile': CLEAN,
      'Dockerfile.dev': CLEAN,
      'Dockerfile.dockerignore': 'node_modules\n',
      'Containerfile.prod': CLEAN,
      'README.md': '# hi\n',
      'services/b/Dockerfile': CLEAN,
      'services/a/Dockerfile': CLEAN,
      'node_modules/pkg/Dockerfile': CLEAN,
      '.git/Dockerfile': CLEAN,
      'dockerfile.txt': CLEAN,
    });
    const r = cli(['check', '--format', 'json', '.'], { cwd: dir });
    assert.equal(r.code, 0);
    assert.deepEqual(
      (JSON.parse(r.stdout) as { files: { path: string }[] }).files.map((f) => f.path),
      ['Containerfile', 'Containerfile.prod', 'Dockerfile', 'Dockerfile.dev', 'api.dockerfile', 'services/a/Dockerfile', 'services/b/Dockerfile', 'web.Dockerfile'],
    );
  });

  it('checks a file named on the command line whatever its name, once', () => {
    const dir = project({ 'build.txt': SCRATCH });
    const r = cli(['check', 'build.txt', './build.txt'], { cwd: dir });
    assert.equal(r.stdout.split('\n')[1], '1 problem (1 error, 0 warnings, 0 info) in 1 file; 1 fixable with `fix`, 0 more with `fix --unsafe`.');
  });

  it('is an error when a directory holds no Dockerfile', () => {
    const dir = project({ 'docs/README.md': '# docs\n', Dockerfile: CLEAN });
    const r = cli(['check', 'docs', 'Dockerfile'], { cwd: dir });
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'dockerfile-slim: docs: no Dockerfiles found in this directory\n');
    assert.equal(r.stdout, 'No problems found in 1 file.\n');
  });

  it('loads the shell grammar when a file first needs it, and lints that file and the ones after it as a run that starts with it', () => {
    // a/ needs no tree-sitter (the fast path reads its RUN); b/'s heredoc script and c/'s `$((…))` do.
    const heredoc = 'FROM debian:bookworm\nRUN <<EOF\napt-get update\napt-get install -y curl\nEOF\nCMD ["curl"]\n';
    const arithmetic = 'FROM debian:bookworm\nRUN echo $((1 + 2)) && apt-get update\nCMD ["curl"]\n';
    const dir = project({ 'a/Dockerfile': SMELLY, 'b/Dockerfile': heredoc, 'c/Dockerfile': arithmetic });
    const all = cli(['check', '--format', 'json', 'a', 'b', 'c'], { cwd: dir });
    const grammarFirst = cli(['check', '--format', 'json', 'b', 'a', 'c'], { cwd: dir });
    const byPath = (r: { stdout: string }) => new Map((JSON.parse(r.stdout) as { files: { path: string; findings: { ruleId: string }[] }[] }).files.map((f) => [f.path, f.findings]));
    assert.equal(all.stderr, '');
    assert.deepEqual(byPath(all), byPath(grammarFirst));
    assert.deepEqual(
      [...byPath(all)].map(([path, findings]) => [path, findings.map((f) => f.ruleId)]),
      [
        ['a/Dockerfile', ['apt-lists-left', 'apt-recommends-installed', 'shell-form-command']],
        ['b/Dockerfile', ['apt-lists-left', 'apt-recommends-installed']],
        ['c/Dockerfile', ['apt-lists-left']],
      ],
    );
  });

  it('lints a file that needs the shell grammar after many that do not (the grammar is loaded early, from the 64th file on)', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 70; i++) files[`svc${String(i).padStart(2, '0')}/Dockerfile`] = SMELLY;
    files['svc70/Dockerfile'] = 'FROM debian:bookworm\nRUN <<EOF\napt-get update\napt-get install -y curl\nEOF\nCMD ["curl"]\n';
    const dir = project(files);
    const r = cli(['check', '--format', 'json', '.'], { cwd: dir });
    assert.equal(r.stderr, '');
    const found = (JSON.parse(r.stdout) as { files: { path: string; findings: { ruleId: string }[] }[] }).files;
    assert.equal(found.length, 71);
    assert.deepEqual(
      found[70]!.findings.map((f) => f.ruleId),
      ['apt-lists-left', 'apt-recommends-installed'],
    );
  });

  it('streams many files and counts them all', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 400; i++) files[`svc${String(i).padStart(3, '0')}/Dockerfile`] = i % 2 === 0 ? SCRATCH : CLEAN;
    const dir = project(files);
    const r = cli(['check', '.'], { cwd: dir });
    assert.equal(r.code, 1);
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 201);
    assert.equal(lines[0], `svc000/Dockerfile:3:5: error [shell-form-command] [*] ${SCRATCH_MSG}`);
    assert.equal(lines[199], `svc398/Dockerfile:3:5: error [shell-form-command] [*] ${SCRATCH_MSG}`);
    assert.equal(lines[200], '200 problems (200 errors, 0 warnings, 0 info) in 400 files; 200 fixable with `fix`, 0 more with `fix --unsafe`.');
  });
});

describe('rules, explain, --version, --help', () => {
  it('lists every rule with its default level and fix safety', () => {
    const r = cli(['rules']);
    assert.equal(r.code, 0);
    const lines = r.stdout.trimEnd().split('\n');
    assert.match(lines[0]!, /^RULE +DEFAULT +FIX +SUMMARY$/);
    assert.equal(lines.length, allRules.length + 1);
    for (const [i, rule] of allRules.entries()) {
      assert.deepEqual(lines[i + 1]!.split(/ {2,}/), [rule.meta.id, rule.meta.defaultSeverity, rule.meta.fix, rule.meta.summary]);
    }
  });

  it('explains a rule by id or by a prior-art code', () => {
    const rule = allRules.find((x) => x.meta.id === 'apt-lists-left')!;
    const r = cli(['explain', 'apt-lists-left']);
    assert.equal(r.code, 0);
    const lines = r.stdout.split('\n');
    assert.deepEqual(lines.slice(0, 4), ['apt-lists-left', rule.meta.summary, '', rule.meta.rationale]);
    assert.ok(lines.includes(`Docs:          ${docsUrl('apt-lists-left')}`));
    assert.equal(cli(['explain', 'DL3009']).stdout, r.stdout);
    assert.deepEqual(cli(['explain', 'nope']), { code: 2, stdout: '', stderr: 'dockerfile-slim: unknown rule "nope" (run `dockerfile-slim rules` to list them) (see `dockerfile-slim --help`)\n' });
  });

  it('prints the version and the help', () => {
    const pkg = require('../../package.json') as { version: string };
    assert.deepEqual(cli(['--version']), { code: 0, stdout: `dockerfile-slim ${pkg.version}\n`, stderr: '' });
    const help = cli(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: dockerfile-slim <command> \[options\] \[PATH\.\.\.\]\n/);
    const none = cli([]);
    assert.equal(none.code, 2);
    assert.equal(none.stderr, help.stdout);
  });
});

describe('check: language', () => {
  const ZH_LISTS = 'Dockerfile:2:5: warning [apt-lists-left] [*] “apt-get update” 下载的软件包列表留在了这一层。请在同一个 RUN 中删除 /var/lib/apt/lists/*。（约 20 MB）';

  it('--lang zh-cn writes messages in Simplified Chinese; rule ids, paths and flags stay as they are', () => {
    const dir = project({ Dockerfile: SMELLY });
    const r = cli(['check', '--lang', 'zh-cn', 'Dockerfile'], { cwd: dir });
    assert.equal(r.stderr, '');
    assert.equal(r.stdout.split('\n')[0], ZH_LISTS);
    assert.match(r.stdout, /\[apt-recommends-installed\] “apt-get install” 未加 --no-install-recommends/);
  });

  it('follows LC_ALL, then LC_MESSAGES, then LANG; --lang wins over them', () => {
    const dir = project({ Dockerfile: SMELLY });
    const first = (env: Record<string, string>, args: string[] = []) => cli(['check', ...args, 'Dockerfile'], { cwd: dir, env }).stdout.split('\n')[0];
    assert.equal(first({ LANG: 'zh_CN.UTF-8' }), ZH_LISTS);
    assert.equal(first({ LC_ALL: 'zh_CN.UTF-8', LANG: 'en_US.UTF-8' }), ZH_LISTS);
    assert.equal(first({ LC_MESSAGES: 'zh_CN.UTF-8', LANG: 'en_US.UTF-8' }), ZH_LISTS);
    assert.equal(first({ LC_ALL: 'en_US.UTF-8', LANG: 'zh_CN.UTF-8' }), `Dockerfile:2:5: warning [apt-lists-left] [*] ${LISTS_MSG}`);
    assert.equal(first({ LANG: 'zh_TW.UTF-8' }), `Dockerfile:2:5: warning [apt-lists-left] [*] ${LISTS_MSG}`);
    assert.equal(first({ LANG: 'zh_CN.UTF-8' }, ['--lang=en']), `Dockerfile:2:5: warning [apt-lists-left] [*] ${LISTS_MSG}`);
  });

  it('an unknown --lang is a usage error', () => {
    const r = cli(['check', '--lang', 'fr', 'Dockerfile'], { cwd: project({ Dockerfile: SMELLY }) });
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /--lang must be en or zh-cn \(got "fr"\)/);
  });
});
