import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { allRules, ruleText } from '../server/src/engine/index.js';

/**
 * docs/rules/zh-cn/<id>.md: the Chinese page of a rule, kept in step with the English one (docs/rules/<id>.md):
 * the same sections in the same order, the same fix safety, the same examples byte for byte (so the English
 * doc's test lints them), the same figures, inline code, prior-art codes and links. Every rule has one; the
 * editor opens it when the display language is Simplified Chinese, and the English page otherwise
 * (client/src/ruleDocs.ts, which also falls back to English when a page is missing).
 */
const root = join(__dirname, '..');
const zhDir = join(root, 'docs/rules/zh-cn');
const zhDocs = existsSync(zhDir) ? readdirSync(zhDir).filter((f) => f.endsWith('.md')).map((f) => f.slice(0, -3)).sort() : [];
const SECTIONS: [string, string][] = [
  ['## Why', '## 为什么'],
  ['## Examples', '## 示例'],
  ['## Fix', '## 修复'],
  ['## When not to use it', '## 何时不适用'],
  ['## Related', '## 相关'],
];

const blocks = (doc: string): string[] => [...doc.matchAll(/(?:<!-- context: \{.*\} -->\n)?```[^\n]*\n[\s\S]*?```/g)].map((m) => m[0]);
/** Inline code spans, opened and closed by the same number of backticks (`` `x` `` holds a backtick). */
const SPAN = /(?<!`)(`+)(?!`)([\s\S]*?[^`])\1(?!`)/g;
const prose = (doc: string): string => doc.replace(/```[^\n]*\n[\s\S]*?```/g, '').replace(SPAN, '');
/** Measured and estimated figures: a number with a unit, a percentage or a date. */
const figures = (doc: string): string[] => [...prose(doc).matchAll(/\d[\d.,]*\s?(?:[kKMG]i?B|%)|\d{4}-\d\d(?:-\d\d)?/g)].map((m) => m[0].replace(/\s/g, '')).sort();
/** The inline code of the text after the summary line, each span once, whitespace normalised (the English wraps inside spans). */
const spans = (doc: string): string[] => [...new Set([...doc.split('\n').slice(3).join('\n').replace(/```[^\n]*\n[\s\S]*?```/g, '').matchAll(SPAN)].map((m) => m[2]!.replace(/\s+/g, ' ').trim()))].sort();
const codes = (doc: string): string[] => [...doc.matchAll(/\b(?:DL|SC)\d{4}\b|\bDS-\d{4}\b|\b[A-Z][A-Za-z]+(?:Recommended|Usage|Casing|Format)\b/g)].map((m) => m[0]).sort();
const links = (doc: string): string[] => [...doc.matchAll(/\]\(([^)]+)\)/g)].map((m) => m[1]!).sort();

describe('Chinese rule docs (docs/rules/zh-cn) stay in step with the English ones', () => {
  it('every rule has a Chinese page, and each Chinese page belongs to a rule', () => {
    const ids = allRules.map((r) => r.meta.id);
    assert.deepEqual(zhDocs.filter((id) => !ids.includes(id)), []);
    assert.deepEqual(ids.filter((id) => !zhDocs.includes(id)), [], 'rules without docs/rules/zh-cn/<id>.md');
  });

  for (const id of zhDocs) {
    describe(`docs/rules/zh-cn/${id}.md`, () => {
      const en = readFileSync(join(root, 'docs/rules', `${id}.md`), 'utf8');
      const zh = readFileSync(join(zhDir, `${id}.md`), 'utf8');
      const lines = zh.split('\n');
      const rule = allRules.find((r) => r.meta.id === id)!;

      it('the heading, a summary in Chinese, and the sections in the English order', () => {
        assert.equal(lines[0], `# ${id}`);
        assert.match(lines[2]!, /[\u4e00-\u9fff]/);
        assert.equal(lines[2], ruleText(rule.meta, 'zh-cn').summary, 'the summary differs from rules/meta.zh-cn.json');
        const order = (doc: string[], names: string[]) => names.map((n) => doc.indexOf(n));
        const zhAt = order(lines, SECTIONS.map(([, z]) => z));
        assert.ok(zhAt.every((i) => i > 0), `missing sections: ${SECTIONS.filter((_, i) => zhAt[i]! < 0).map(([, z]) => z).join(', ')}`);
        assert.deepEqual([...zhAt].sort((a, b) => a - b), zhAt, 'sections out of order');
        assert.equal(lines.filter((l) => l.startsWith('## ')).length, en.split('\n').filter((l) => l.startsWith('## ')).length, 'not the same number of sections');
      });

      it('the fix safety of the metadata', () => {
        assert.ok(lines.some((l) => new RegExp(`^安全性：${rule.meta.fix} — .+`).test(l)), 'missing "安全性：<safety> — …" line');
      });

      it('the same examples, figures, prior-art codes and links', () => {
        assert.deepEqual(blocks(zh), blocks(en), 'the code blocks differ from the English page');
        assert.deepEqual(figures(zh), figures(en), 'the figures differ');
        assert.deepEqual(spans(zh), spans(en), 'the inline code differs (commands, paths and flags are not translated)');
        assert.deepEqual(codes(zh), codes(en), 'the related codes differ');
        // One folder deeper: a relative link points to the same file, or to its Chinese page when there is one.
        const enDir = join(root, 'docs/rules');
        const target = (dir: string, l: string): string => (/^[a-z]+:/.test(l) ? l : resolve(dir, l.replace(/#.*$/, '')));
        const zhTargets = links(zh).map((l) => {
          const t = target(zhDir, l);
          if (t.startsWith(`${zhDir}/`)) {
            assert.ok(existsSync(t), `${l}: no such Chinese page`);
            return join(enDir, t.slice(zhDir.length + 1));
          }
          return t;
        });
        assert.deepEqual(zhTargets.sort(), links(en).map((l) => target(enDir, l)).sort(), 'the links differ');
      });
    });
  }
});
