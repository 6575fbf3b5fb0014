import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { allRules, docsUrl, FILE_TOO_LARGE, INTERNAL_ERROR, lint, SCRIPT_TOO_LONG, type BuildContextInfo } from '../server/src/engine/index.js';
import { engineReady } from './support/engine.js';

const root = join(__dirname, '..');
const CONTEXT_KEYS = ['dockerignore', 'dockerignorePath', 'hasPackageJson', 'hasGitDir'];
const ruleFiles = readdirSync(join(root, 'server/src/engine/rules'))
  .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
  .map((f) => f.slice(0, -3))
  .sort();
const testFiles = readdirSync(join(root, 'test/rules'))
  .filter((f) => f.endsWith('.test.ts'))
  .map((f) => f.slice(0, -'.test.ts'.length))
  .sort();
const docFiles = readdirSync(join(root, 'docs/rules'))
  .filter((f) => f.endsWith('.md') && !f.startsWith('_'))
  .map((f) => f.slice(0, -3))
  .sort();

describe('rules, tests and docs stay in step', () => {
  before(() => engineReady);

  it('every rule file is registered, ids are unique, kebab-case and alphabetical', () => {
    const ids = allRules.map((r) => r.meta.id);
    assert.deepEqual(ids, [...ids].sort(), 'allRules must be alphabetical');
    assert.equal(new Set(ids).size, ids.length, 'duplicate rule id');
    assert.deepEqual([...ids].sort(), ruleFiles, 'rule files and registry differ');
    for (const id of ids) assert.match(id, /^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('rules/meta.json holds the metadata of exactly the rules, each under its own id', () => {
    const meta = JSON.parse(readFileSync(join(root, 'server/src/engine/rules/meta.json'), 'utf8')) as Record<string, { summary: string }>;
    assert.deepEqual(Object.keys(meta).sort(), ruleFiles);
    for (const r of allRules) assert.equal(r.meta.summary, meta[r.meta.id]!.summary, r.meta.id);
  });

  it("the engine's own findings link to their section of docs/rules/_engine-findings.md", () => {
    const doc = readFileSync(join(root, 'docs/rules/_engine-findings.md'), 'utf8');
    const sections = [...doc.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    assert.deepEqual(sections, [INTERNAL_ERROR, FILE_TOO_LARGE, SCRIPT_TOO_LONG]);
    for (const id of sections) assert.ok(docsUrl(id!).endsWith(`/docs/rules/_engine-findings.md#${id}`), docsUrl(id!));
    for (const id of ruleFiles) assert.ok(docsUrl(id).endsWith(`/docs/rules/${id}.md`));
  });

  it('every rule has a test table and a doc, and nothing else does', () => {
    assert.deepEqual(testFiles, ruleFiles, 'test/rules/<id>.test.ts must match the rules');
    assert.deepEqual(docFiles, ruleFiles, 'docs/rules/<id>.md must match the rules');
  });

  for (const rule of allRules) {
    const { id } = rule.meta;
    describe(`docs/rules/${id}.md`, () => {
      const doc = readFileSync(join(root, 'docs/rules', `${id}.md`), 'utf8');
      const lines = doc.split('\n');

      it('has the heading, the summary and the required sections', () => {
        assert.equal(lines[0], `# ${id}`);
        assert.equal(lines[2], rule.meta.summary, 'the line after the heading must equal meta.summary');
        for (const section of ['## Why', '## Examples', '## Fix', '## When not to use it', '## Related']) {
          assert.ok(lines.includes(section), `missing section "${section}"`);
        }
        assert.ok(rule.meta.rationale.length > 20, 'meta.rationale is too short');
      });

      it('states the fix safety of the metadata', () => {
        const safety = lines.find((l) => l.startsWith('Safety: '));
        assert.ok(safety, 'missing "Safety:" line');
        assert.match(safety, new RegExp(`^Safety: ${rule.meta.fix} — .+`));
      });

      it('its bad examples are caught and its good examples are not', () => {
        // A block may be preceded by `<!-- context: {...} -->`: the build context it is linted in.
        const blocks = [...doc.matchAll(/(?:<!-- context: (\{.*\}) -->\n)?```dockerfile (bad|good)\n([\s\S]*?)```/g)];
        assert.ok(blocks.some((b) => b[2] === 'bad'), 'needs at least one bad example');
        assert.ok(blocks.some((b) => b[2] === 'good'), 'needs at least one good example');
        for (const [, contextJson, kind, code] of blocks) {
          const context = contextJson === undefined ? undefined : (JSON.parse(contextJson) as BuildContextInfo);
          if (context) assert.deepEqual(Object.keys(context).filter((k) => !CONTEXT_KEYS.includes(k)), [], 'unknown build context keys');
          // Rules that are off by default are checked at the level a user turns them on with.
          const rules = rule.meta.defaultSeverity === 'off' ? { rules: { [id]: 'info' as const } } : {};
          const findings = lint(code!, context || rule.meta.defaultSeverity === 'off' ? { ...rules, ...(context ? { context } : {}) } : undefined, [rule]);
          if (kind === 'bad') assert.ok(findings.length > 0, `bad example not caught:\n${code}`);
          else assert.deepEqual(findings.map((f) => f.message), [], `good example flagged:\n${code}`);
        }
      });
    });
  }
});
