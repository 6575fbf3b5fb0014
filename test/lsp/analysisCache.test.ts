import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { analyze, type Analysis } from '../../server/src/engine/index.js';
import { AnalysisCache } from '../../server/src/lsp/analysisCache.js';
import { engineReady } from '../support/engine.js';

const TEXT = 'FROM debian:bookworm\nRUN apt-get update && apt-get install -y curl\n';
const URI = 'file:///work/app/Dockerfile';
/** The apt rules' findings (other rules may have their say about the image). */
const aptIds = (a: Analysis): string[] => a.findings.map((f) => f.ruleId).filter((id) => id.startsWith('apt-'));

describe('analysis cache', () => {
  before(() => engineReady);

  it('reuses the analysis while the text, the levels and the build context stay the same', () => {
    const cache = new AnalysisCache(() => {});
    const first = cache.analyze(URI, TEXT, { rules: {}, context: { dockerignore: null } });
    assert.deepEqual(aptIds(first), ['apt-lists-left', 'apt-recommends-installed']);
    // Equal levels in another object, and the same context read again, count as unchanged.
    assert.equal(cache.analyze(URI, TEXT, { rules: {}, context: { dockerignore: null } }), first);
    assert.equal(cache.analyze(URI, `${TEXT}`, { rules: {}, context: { dockerignore: null } }), first);
  });

  it('analyses again when the text, a level or the build context changed', () => {
    const cache = new AnalysisCache(() => {});
    const config = { rules: {}, context: { dockerignore: null } };
    const first = cache.analyze(URI, TEXT, config);
    const edited = cache.analyze(URI, `${TEXT}# note\n`, config);
    assert.notEqual(edited, first);
    const off = cache.analyze(URI, `${TEXT}# note\n`, { rules: { 'apt-lists-left': 'off' }, context: { dockerignore: null } });
    assert.notEqual(off, edited);
    assert.deepEqual(aptIds(off), ['apt-recommends-installed']);
    const ignored = cache.analyze(URI, `${TEXT}# note\n`, { rules: { 'apt-lists-left': 'off' }, context: { dockerignore: 'node_modules\n' } });
    assert.notEqual(ignored, off);
    // The same content read from another ignore file, or a .git directory appearing, is a new context too.
    const specific = cache.analyze(URI, `${TEXT}# note\n`, { rules: { 'apt-lists-left': 'off' }, context: { dockerignore: 'node_modules\n', dockerignorePath: 'Dockerfile.dockerignore' } });
    assert.notEqual(specific, ignored);
    const git = cache.analyze(URI, `${TEXT}# note\n`, { rules: { 'apt-lists-left': 'off' }, context: { dockerignore: 'node_modules\n', dockerignorePath: 'Dockerfile.dockerignore', hasGitDir: true } });
    assert.notEqual(git, specific);
  });

  it("lints a new version of a document with the last version's model: unchanged instructions keep their parse, the findings are those from scratch", () => {
    const cache = new AnalysisCache(() => {});
    const config = { rules: {}, context: {} };
    const text = `${TEXT}COPY app /app\nRUN rm -rf /var/lib/apt/lists/*\nCMD ["/app/run"]\n`;
    const first = cache.analyze(URI, text, config);
    const edited = text.replace('COPY app /app', 'USER app');
    const second = cache.analyze(URI, edited, config);
    const nodes = (a: Analysis): unknown[] => a.model!.instructions.map((i) => i.node);
    // The edit starts at the third line: the instruction before it is parsed again too (what follows an
    // instruction may still be its continuation), the others are kept.
    assert.deepEqual(nodes(second).map((n, k) => n === nodes(first)[k]), [true, false, false, true, true]);
    assert.deepEqual(second.findings, analyze(edited, config).findings);
    assert.notDeepEqual(second.findings, first.findings); // runs-as-root has gone: the comparison has something to see
    // Another document's model is never the last version of this one.
    const other = cache.analyze('file:///other/Dockerfile', edited, config);
    assert.ok(nodes(other).every((n) => !nodes(second).includes(n)));
  });

  it('keeps only the most recently used documents', () => {
    const cache = new AnalysisCache(() => {}, 2);
    const config = { rules: {}, context: {} };
    const a = cache.analyze('file:///a/Dockerfile', TEXT, config);
    const b = cache.analyze('file:///b/Dockerfile', TEXT, config);
    assert.equal(cache.analyze('file:///a/Dockerfile', TEXT, config), a);
    cache.analyze('file:///c/Dockerfile', TEXT, config); // drops b, the least recently used
    assert.equal(cache.analyze('file:///a/Dockerfile', TEXT, config), a);
    assert.notEqual(cache.analyze('file:///b/Dockerfile', TEXT, config), b);
    cache.delete('file:///a/Dockerfile');
    assert.notEqual(cache.analyze('file:///a/Dockerfile', TEXT, config), a);
  });
});
