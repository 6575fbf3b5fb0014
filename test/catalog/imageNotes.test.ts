import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { hoverAt } from '../../server/src/engine/hover.js';
import { IMAGE_NOTES_ZH } from '../../server/src/engine/catalog/imageNotes.js';
import { catalogTexts } from '../../server/src/engine/catalog/images.js';
import { buildModel } from '../../server/src/engine/model/model.js';
import { engineReady } from '../support/engine.js';

describe("the catalog's notes in Simplified Chinese (imageNotes.zh-cn.json)", () => {
  it('every note, contents line and alternative note of every family has its translation, and nothing else is there', () => {
    const texts = catalogTexts();
    const missing: string[] = [];
    for (const [family, list] of Object.entries(texts)) for (const text of list) if (IMAGE_NOTES_ZH[family]?.[text] === undefined) missing.push(`${family}: ${text}`);
    assert.deepEqual(missing, []);
    const extra: string[] = [];
    for (const [family, table] of Object.entries(IMAGE_NOTES_ZH)) for (const text of Object.keys(table)) if (!(texts[family] ?? []).includes(text)) extra.push(`${family}: ${text}`);
    assert.deepEqual(extra, [], 'translations of texts the catalog no longer has');
    assert.ok(Object.values(texts).flat().length >= 40, 'the catalog lists its texts');
  });

  it('each translation is Chinese (unless it is only names), with the same code spans', () => {
    const problems: string[] = [];
    for (const [family, table] of Object.entries(IMAGE_NOTES_ZH)) {
      for (const [en, zh] of Object.entries(table)) {
        if (!/[\u4e00-\u9fff]/.test(zh) && /[a-z]{3,} [a-z]{3,}/.test(en)) problems.push(`${family}: "${zh}" is not Chinese`);
        if ((en.match(/`/g) ?? []).length !== (zh.match(/`/g) ?? []).length) problems.push(`${family}: "${zh}" has other code spans`);
      }
    }
    assert.deepEqual(problems, []);
  });

  describe('in the hover card', () => {
    before(() => engineReady);
    const card = (text: string, locale: 'en' | 'zh-cn') => {
      const model = buildModel(text);
      return hoverAt(model, model.lines.offsetAt({ line: 0, character: 6 }), locale)?.markdown ?? '';
    };

    it('golang:1.22-alpine: the notes and the alternatives', () => {
      const zh = card('FROM golang:1.22-alpine\n', 'zh-cn');
      assert.match(zh, /\n\n没有 gcc：cgo 构建需要 `apk add build-base`。\n\n构建镜像：在这里编译，再把结果复制到更小的最终阶段。\n/);
      assert.match(zh, /\n- scratch: 用于 `CGO_ENABLED=0` 的二进制文件；CA 证书和 tzdata 需自行添加\n/);
      const en = card('FROM golang:1.22-alpine\n', 'en');
      assert.match(en, /\n\nNo gcc: cgo builds need `apk add build-base`\.\n/);
      assert.equal(zh.split('\n').length, en.split('\n').length);
    });

    it('a distroless image: what it contains', () => {
      assert.match(card('FROM gcr.io/distroless/static-debian12\n', 'zh-cn'), /：CA 证书、tzdata、含 root 和 nonroot 用户的 \/etc\/passwd、\/tmp；没有 libc\n/);
    });
  });
});
