import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { allRules, applyChanges, applyFixes, fix, lint, minimalEdit, slimPlan } from '../../server/src/engine/index.js';
import type { Fix, Rule } from '../../server/src/engine/types.js';
import { dockerfile } from '../support/dockerfile.js';
import { engineReady } from '../support/engine.js';

/** The rules these tests were written against; later rules would add findings of their own. */
const FIRST = allRules.filter((r) => ['apt-lists-left', 'apt-recommends-installed', 'shell-form-command'].includes(r.meta.id));
const at = (line: number, character: number) => ({ line, character });
const insert = (line: number, ch: number, newText: string): Fix['edits'][number] => ({ range: { start: at(line, ch), end: at(line, ch) }, newText });

describe('fixer', () => {
  before(() => engineReady);

  it('applies non-overlapping fixes together and keeps every other byte', () => {
    const text = 'FROM a\nRUN x\nRUN y\n';
    const r = applyFixes(text, [
      { title: 'b', safety: 'safe', edits: [insert(2, 5, ' 2')] },
      { title: 'a', safety: 'safe', edits: [insert(1, 5, ' 1')] },
    ]);
    assert.equal(r.text, 'FROM a\nRUN x 1\nRUN y 2\n');
    assert.deepEqual(r.taken.sort(), [0, 1]);
  });

  it('drops a fix that overlaps one already taken, all of its edits', () => {
    const text = 'FROM a\nRUN x\nRUN y\n';
    const r = applyFixes(text, [
      { title: 'first', safety: 'safe', edits: [{ range: { start: at(1, 0), end: at(1, 5) }, newText: 'RUN z' }] },
      { title: 'second', safety: 'safe', edits: [insert(2, 0, '# c\n'), { range: { start: at(1, 4), end: at(1, 5) }, newText: 'w' }] },
    ]);
    assert.equal(r.text, 'FROM a\nRUN z\nRUN y\n');
    assert.deepEqual(r.taken, [0]);
  });

  it('retries dropped fixes on the next pass until stable, safe only by default', () => {
    const text = dockerfile`
      FROM debian:bookworm
      RUN apt-get update && apt-get install -y curl
      CMD node server.js
    `;
    const safe = fix(text, undefined, { rules: FIRST });
    assert.equal(safe.text, dockerfile`
      FROM debian:bookworm
      RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*
      CMD node server.js
    `);
    assert.deepEqual(safe.applied.map((a) => a.ruleId), ['apt-lists-left']);
    const all = fix(text, undefined, { unsafe: true, rules: FIRST });
    assert.equal(all.text, dockerfile`
      FROM debian:bookworm
      RUN apt-get update && apt-get install --no-install-recommends -y ca-certificates curl && rm -rf /var/lib/apt/lists/*
      CMD ["node", "server.js"]
    `);
    assert.equal(fix(all.text, undefined, { unsafe: true, rules: FIRST }).text, all.text, 'a second run changes nothing');
    assert.deepEqual(all.remaining, []);
  });

  it('keeps CRLF line endings in what it inserts', () => {
    const text = 'FROM debian:bookworm\r\nRUN apt-get update \\\r\n && apt-get install -y curl\r\n';
    assert.equal(fix(text, undefined, { rules: FIRST }).text, 'FROM debian:bookworm\r\nRUN apt-get update \\\r\n && apt-get install -y curl \\\r\n && rm -rf /var/lib/apt/lists/*\r\n');
  });

  it('a rule that throws becomes one internal-error finding; the others still run', () => {
    const broken: Rule = {
      meta: { id: 'broken', summary: 's', rationale: 'r', category: 'size', defaultSeverity: 'warning', fix: 'none', related: [] },
      check() {
        throw new Error('boom');
      },
    };
    const ok: Rule = {
      meta: { id: 'ok', summary: 's', rationale: 'r', category: 'size', defaultSeverity: 'info', fix: 'none', related: [] },
      check({ model, report }) {
        report({ range: model.lines.range(0, 4), message: 'seen' });
      },
    };
    const findings = lint('FROM a\n', undefined, [broken, ok]);
    assert.deepEqual(findings.map((f) => [f.ruleId, f.severity]), [['internal-error', 'error'], ['ok', 'info']]);
    assert.match(findings[0]!.message, /Rule broken failed on this file and was skipped: boom/);
  });

  it('a fix that only edits another file: taken once, its edits applied to the build context it re-lints with', () => {
    /** Reports every COPY while `.dockerignore` lacks `.git`; its fix appends to (or creates) that file. */
    const wantsGit = (path: string, kind: 'create' | 'append', safety: 'safe' | 'unsafe'): Rule => ({
      meta: { id: 'wants-git', summary: 's', rationale: 'r', category: 'size', defaultSeverity: 'warning', fix: safety, related: [] },
      check({ model, context, report }) {
        if (context.dockerignore === undefined || context.dockerignore?.includes('.git')) return;
        for (const i of model.instructions) {
          if (i.keyword !== 'COPY') continue;
          report({ range: i.range, message: 'no .git', fixes: [{ title: 'Add .git', safety, edits: [], fileEdits: [{ path, kind, text: '.git\n' }] }] });
        }
      },
    });
    const text = 'FROM a\nCOPY . /app\nCOPY . /srv\n';
    const rules = [wantsGit('.dockerignore', 'append', 'unsafe')];
    const r = fix(text, { context: { dockerignore: 'dist' } }, { unsafe: true, rules });
    assert.equal(r.text, text);
    assert.deepEqual(r.applied.map((a) => [a.title, a.fileEdits]), [
      ['Add .git', [{ path: '.dockerignore', kind: 'append', text: '.git\n' }]],
      ['Add .git', [{ path: '.dockerignore', kind: 'append', text: '.git\n' }]],
    ]);
    assert.deepEqual(r.context, { dockerignore: 'dist\n.git\n' });
    assert.deepEqual(r.remaining, []);
    assert.equal(r.passes, 1);

    // Unsafe fixes stay out unless asked for; the finding remains and the context is unchanged.
    const safeOnly = fix(text, { context: { dockerignore: null } }, { rules });
    assert.deepEqual([safeOnly.applied, safeOnly.remaining.length, safeOnly.context], [[], 2, { dockerignore: null }]);

    // A safe one is taken in a safe-only run; `create` fills a missing file.
    const created = fix(text, { context: { dockerignore: null } }, { rules: [wantsGit('.dockerignore', 'create', 'safe')] });
    assert.deepEqual([created.applied.length, created.remaining, created.context], [2, [], { dockerignore: '.git\n' }]);

    // An edit to a file the context does not come from cannot remove the finding: taken once, then the loop stops.
    const elsewhere = fix(text, { context: { dockerignore: 'dist\n' } }, { unsafe: true, rules: [wantsGit('other.ignore', 'append', 'unsafe')] });
    assert.deepEqual([elsewhere.applied.length, elsewhere.remaining.length, elsewhere.passes, elsewhere.context], [2, 2, 1, { dockerignore: 'dist\n' }]);
  });

  it('minimalEdit replaces only the changed middle', () => {
    assert.deepEqual(minimalEdit('FROM a\nRUN x\n', 'FROM a\nRUN xy\n'), { range: { start: at(1, 5), end: at(1, 5) }, newText: 'y' });
    assert.equal(minimalEdit('same', 'same'), null);
  });
});

describe('ignore comments and configuration', () => {
  before(() => engineReady);
  const text = dockerfile`
    FROM debian:bookworm
    # dockerfile-slim ignore=apt-lists-left
    RUN apt-get update && apt-get install -y --no-install-recommends curl
    # hadolint ignore=DL3009
    RUN apt-get update && apt-get install -y --no-install-recommends git
    RUN apt-get update && apt-get install -y --no-install-recommends wget
  `;

  it('ignores the next instruction only, and honours hadolint codes named in related', () => {
    assert.deepEqual(lint(text, undefined, FIRST).map((f) => [f.ruleId, f.range.start.line]), [['apt-lists-left', 5]]);
  });

  it('global ignore and configured levels', () => {
    assert.deepEqual(lint(`# dockerfile-slim global ignore=apt-lists-left\n${text}`, undefined, FIRST), []);
    const f = lint(text, { rules: { 'apt-lists-left': 'error' } }, FIRST);
    assert.deepEqual(f.map((x) => x.severity), ['error']);
    assert.deepEqual(lint(text, { rules: { 'apt-lists-left': 'off' } }, FIRST), []);
  });

  describe('package caches: the cleanup and the cache mount are two fixes of one finding, never both', () => {
    const CACHES = dockerfile`
      FROM debian:bookworm-slim
      RUN apt-get update && apt-get install -y --no-install-recommends python3-pip
      RUN pip install --break-system-packages flask
    `;
    const CACHE_RULES = allRules.filter((r) => ['apt-lists-left', 'pip-cache-kept'].includes(r.meta.id));

    it('each finding offers the safe cleanup first and the unsafe cache mount second', () => {
      const findings = lint(CACHES, undefined, CACHE_RULES);
      assert.deepEqual(
        findings.map((f) => [f.ruleId, f.fixes.map((x) => x.safety)]),
        [
          ['apt-lists-left', ['safe', 'unsafe']],
          ['pip-cache-kept', ['safe', 'unsafe']],
        ],
      );
    });

    it('fix-all, safe or not, takes the cleanup: no cache mount, no cleanup of a mounted cache', () => {
      const expected = dockerfile`
        FROM debian:bookworm-slim
        RUN apt-get update && apt-get install -y --no-install-recommends python3-pip \
            && rm -rf /var/lib/apt/lists/*
        RUN pip install --no-cache-dir --break-system-packages flask
      `;
      for (const unsafe of [false, true]) {
        const r = fix(CACHES, undefined, { unsafe, rules: CACHE_RULES });
        assert.equal(r.text, expected, `unsafe: ${unsafe}`);
        assert.deepEqual(r.applied.map((a) => a.safety), ['safe', 'safe']);
      }
    });

    it('"Slim this Dockerfile" applies the cleanups and offers no cache mount', () => {
      const plan = slimPlan(CACHES);
      assert.ok(plan.changes.every((c) => !c.newText.includes('--mount=type=cache')), JSON.stringify(plan.changes.map((c) => c.newText)));
      const all = applyChanges(CACHES, plan.changes);
      assert.ok(all.includes('rm -rf /var/lib/apt/lists/*') && all.includes('pip install --no-cache-dir'), all);
      assert.ok(!all.includes('--mount'), all);
    });
  });
});
