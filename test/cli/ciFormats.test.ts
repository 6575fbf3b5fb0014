import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import Ajv04 from 'ajv-draft-04';
import { plainMessage } from '../../server/src/engine/index.js';
import { cli, project, SMELLY } from './helpers.js';

interface JsonFinding {
  ruleId: string;
  severity: string;
  message: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

/** The findings as the JSON format reports them: the reference the CI formats are checked against. */
function jsonFindings(dir: string, file = 'Dockerfile'): JsonFinding[] {
  const r = cli(['check', '--format', 'json', file], { cwd: dir });
  return (JSON.parse(r.stdout) as { files: { findings: JsonFinding[] }[] }).files[0]!.findings;
}

describe('check: CI formats', () => {
  it('github: one workflow command per finding, 1-based positions, escaped message and properties', () => {
    const dir = project({ Dockerfile: SMELLY });
    const findings = jsonFindings(dir);
    const r = cli(['check', '--format', 'github', 'Dockerfile'], { cwd: dir });
    assert.equal(r.code, 1);
    assert.equal(r.stderr, '');
    const level: Record<string, string> = { error: 'error', warning: 'warning', info: 'notice' };
    const expected = findings.map((f) => {
      const message = plainMessage(f.message).replace(/%/g, '%25').replace(/\n/g, '%0A');
      return `::${level[f.severity]} file=Dockerfile,line=${f.range.start.line + 1},col=${f.range.start.character + 1},endLine=${f.range.end.line + 1},endColumn=${f.range.end.character + 1},title=dockerfile-slim ${f.ruleId}::${message}`;
    });
    assert.equal(findings.length, 3);
    assert.deepEqual(r.stdout.split('\n'), [...expected, '']);
    // The first SMELLY finding is apt-lists-left on line 2, column 5.
    assert.match(r.stdout, /^::warning file=Dockerfile,line=2,col=5,endLine=2,/);
  });

  it('github: a path with a comma and a colon is escaped in the file property', () => {
    const dir = project({ 'a,b:c/Dockerfile': SMELLY });
    const r = cli(['check', '--format', 'github', 'a,b:c/Dockerfile'], { cwd: dir });
    assert.match(r.stdout.split('\n')[0]!, /^::warning file=a%2Cb%3Ac\/Dockerfile,line=2,/);
  });

  it('gitlab: a Code Quality array with severity, path, lines and fingerprints stable when lines move', () => {
    const dir = project({ Dockerfile: SMELLY, 'moved/Dockerfile': `# a comment\n\n${SMELLY}` });
    const read = (file: string) => {
      const r = cli(['check', '--format', 'gitlab', file], { cwd: dir });
      assert.equal(r.code, 1);
      return JSON.parse(r.stdout) as { check_name: string; description: string; severity: string; fingerprint: string; location: { path: string; lines: { begin: number } } }[];
    };
    const issues = read('Dockerfile');
    const findings = jsonFindings(dir);
    assert.deepEqual(
      issues.map((i) => [i.check_name, i.description, i.severity, i.location.path, i.location.lines.begin]),
      findings.map((f) => [f.ruleId, plainMessage(f.message), 'minor', 'Dockerfile', f.range.start.line + 1]),
    );
    assert.equal(new Set(issues.map((i) => i.fingerprint)).size, issues.length);
    for (const i of issues) assert.match(i.fingerprint, /^[0-9a-f]{32}$/);
    // Same file content two lines lower, under another path: other fingerprints (the path is part of them)…
    const moved = read('moved/Dockerfile');
    assert.deepEqual(moved.map((i) => i.location.lines.begin), issues.map((i) => i.location.lines.begin + 2));
    // …and under the same path the fingerprints do not depend on the line.
    const again = project({ Dockerfile: `# a comment\n\n${SMELLY}` });
    assert.deepEqual(read.call(null, 'Dockerfile').map((i) => i.fingerprint), issues.map((i) => i.fingerprint));
    const r = cli(['check', '--format', 'gitlab', 'Dockerfile'], { cwd: again });
    assert.deepEqual((JSON.parse(r.stdout) as { fingerprint: string }[]).map((i) => i.fingerprint), issues.map((i) => i.fingerprint));
  });

  it('gitlab: an empty array when there is nothing to report', () => {
    const dir = project({ Dockerfile: 'FROM scratch\nCOPY app /app\n' });
    const r = cli(['check', '--format', 'gitlab', 'Dockerfile'], { cwd: dir });
    assert.deepEqual([r.code, JSON.parse(r.stdout)], [0, []]);
  });

  it('checkstyle: one <file> per Dockerfile, one <error> per finding, XML-escaped', () => {
    const dir = project({ 'a&b/Dockerfile': SMELLY });
    const findings = jsonFindings(dir, 'a&b/Dockerfile');
    const r = cli(['check', '--format', 'checkstyle', 'a&b/Dockerfile'], { cwd: dir });
    assert.equal(r.code, 1);
    const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
    assert.equal(
      r.stdout,
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<checkstyle version="4.3">',
        '  <file name="a&amp;b/Dockerfile">',
        ...findings.map(
          (f) => `    <error line="${f.range.start.line + 1}" column="${f.range.start.character + 1}" severity="${f.severity}" message="${esc(plainMessage(f.message))}" source="dockerfile-slim.${f.ruleId}"/>`,
        ),
        '  </file>',
        '</checkstyle>',
        '',
      ].join('\n'),
    );
  });

  it('sarif: valid against the official SARIF 2.1.0 schema (with findings, fixes and a file that could not be read)', () => {
    const schemaPath = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
    const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as Record<string, unknown>;
    // The official schema's pattern for `language` is not a valid regular expression with the u flag.
    const validate = new Ajv04({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false }).compile(schema);
    const dir = project({ Dockerfile: SMELLY });
    for (const args of [['Dockerfile'], ['Dockerfile', 'missing/Dockerfile']]) {
      const r = cli(['check', '--format', 'sarif', ...args], { cwd: dir });
      const log = JSON.parse(r.stdout) as unknown;
      assert.equal(validate(log), true, JSON.stringify(validate.errors?.slice(0, 5)));
    }
    // The check can fail: a result without a message is invalid.
    const broken = JSON.parse(cli(['check', '--format', 'sarif', 'Dockerfile'], { cwd: dir }).stdout) as { runs: { results: Record<string, unknown>[] }[] };
    delete broken.runs[0]!.results[0]!['message'];
    assert.equal(validate(broken), false);
  });
});

describe('settings file: JSON schema', () => {
  it('the shipped schema is the one the CLI checks against, and VS Code is told about it', () => {
    const pkg = JSON.parse(readFileSync(require.resolve('../../package.json'), 'utf8')) as { contributes: { jsonValidation: { fileMatch: string; url: string }[] } };
    assert.deepEqual(pkg.contributes.jsonValidation, [{ fileMatch: '.dockerfile-slim.json', url: './schemas/dockerfile-slim.schema.json' }]);
    const ignore = readFileSync(require.resolve('../../.vscodeignore'), 'utf8');
    assert.match(ignore, /^!schemas\/\*\.json$/m);
  });

  it('reports each mistake with its JSON path', () => {
    const dir = project({ Dockerfile: SMELLY, 'cfg.json': '{"rulez":{},"rules":{"apt-lists-left":"loud","nope":"off","runs-as-root":3}}' });
    const r = cli(['check', '--config', 'cfg.json', 'Dockerfile'], { cwd: dir });
    assert.equal(r.code, 2);
    assert.equal(
      r.stderr,
      'dockerfile-slim: --config cfg.json: /rulez: unknown setting "rulez"; /rules/nope: unknown rule "nope"; ' +
        '/rules/apt-lists-left: level must be one of default, off, info, warning, error; ' +
        '/rules/runs-as-root: level must be one of default, off, info, warning, error (see `dockerfile-slim --help`)\n',
    );
  });
});

describe('pre-commit hooks', () => {
  it('select the same file names as the CLI does in directories', async () => {
    const { isDockerfileName } = await import('../../server/src/cli/discover.js');
    const text = readFileSync(require.resolve('../../.pre-commit-hooks.yaml'), 'utf8');
    const patterns = [...text.matchAll(/^\s+files: (.+)$/gm)].map((m) => new RegExp(m[1]!));
    assert.equal(patterns.length, 2);
    const names = ['Dockerfile', 'Containerfile', 'Dockerfile.prod', 'Containerfile.dev', 'api.dockerfile', 'api.Dockerfile', 'Dockerfile-old', 'dockerfile.txt', 'README.md', 'Makefile'];
    for (const re of patterns) {
      for (const name of names) {
        for (const path of [name, `services/web/${name}`]) assert.equal(re.test(path), isDockerfileName(name), path);
      }
    }
  });
});
