import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { hoverAt } from '../../server/src/engine/index.js';
import { buildModel } from '../../server/src/engine/model/model.js';
import { engineReady } from '../support/engine.js';

/** The hover at the first occurrence of `marker` (plus `shift` characters) in `text`. */
function hover(text: string, marker: string, shift = 0): { markdown: string; word: string } | null {
  const at = text.indexOf(marker);
  assert.ok(at >= 0, `marker ${marker}`);
  const h = hoverAt(buildModel(text), at + shift);
  return h ? { markdown: h.markdown, word: text.slice(h.start, h.end) } : null;
}

describe('hoverAt', () => {
  before(() => engineReady);

  it('FROM image: the catalog card, on the name and on the tag, with the whole reference as range', () => {
    const text = 'FROM --platform=linux/amd64 node:22-slim AS web\nCMD ["node"]\n';
    const onName = hover(text, 'node:22', 1)!;
    const onTag = hover(text, '22-slim', 3)!;
    assert.equal(onName.word, 'node:22-slim');
    assert.equal(onTag.word, 'node:22-slim');
    assert.equal(onName.markdown, onTag.markdown);
    // A summary first (Markdown line breaks: a backslash at the end of the line), then the details.
    assert.ok(onName.markdown.startsWith('**node\\:22\\-slim** · Node.js, Debian slim\\\nglibc · /bin/bash · apt · ≈ 238.4 MB\\\n'), onName.markdown);
    assert.ok(onName.markdown.includes('\n---\n\n- libc: glibc\n- Shell: yes, /bin/bash\n'));
    assert.ok(onName.markdown.includes('about 79.9 MB compressed, approximate (node:22-slim, linux/amd64, 2026-09-19; source: docker-library/repo-info repos/node/remote/22-slim.md)'));
    assert.ok(onName.markdown.includes('- Size: about 238.4 MB uncompressed, as `docker images` shows it'));
  });

  it('FROM <alias>: the root image, said to come from that stage', () => {
    const text = 'FROM golang:1.25 AS my_build\nRUN go version\nFROM my_build AS test\nFROM test\n';
    const h = hover(text, 'FROM test', 6)!;
    assert.equal(h.word, 'test');
    assert.ok(h.markdown.startsWith('From stage **test** (line 3), built on this image:\n\n**golang\\:1\\.25** · Go, Debian\\\n'), h.markdown);
    const direct = hover(text, 'FROM my_build', 6)!;
    assert.ok(direct.markdown.startsWith('From stage **my\\_build** (line 1), built on this image:\n\n**golang\\:1\\.25**'), direct.markdown);
  });

  it('ARG defaults are used; unknown ARGs and images outside the catalog are said so, names escaped', () => {
    assert.ok(hover('ARG V=22\nFROM node:${V}-alpine\n', 'node')!.markdown.startsWith('**node\\:22\\-alpine** · Node.js, Alpine\\\n'));
    const unknown = hover('ARG BASE_TAG\nFROM node:${BASE_TAG}\n', 'node')!;
    assert.equal(unknown.word, 'node:${BASE_TAG}');
    assert.equal(unknown.markdown, '**node\\:\\$\\{BASE\\_TAG\\}**\n\nNot known: it depends on BASE\\_TAG.');
    assert.equal(
      hover('FROM registry.example.com/team_a/app:1.0\n', 'team_a')!.markdown,
      '**registry\\.example\\.com\\/team\\_a\\/app\\:1\\.0**\n\nNot in the image catalog: no libc, shell or size facts.',
    );
    assert.ok(hover('FROM scratch\n', 'scratch')!.markdown.includes('**scratch: what is missing**'));
  });

  it('flags of package managers and useradd inside RUN', () => {
    const text = [
      'FROM debian:bookworm',
      'RUN apt-get update && apt-get install -y --no-install-recommends curl \\',
      ' && useradd -l -u 100000 app',
      'RUN ["apk", "add", "--no-cache", "curl"]',
      'RUN python3 -m pip install --no-cache-dir flask && npm ci --omit=dev',
      'ONBUILD RUN dnf install -y --setopt=install_weak_deps=False gcc',
      '',
    ].join('\n');
    const recommends = hover(text, '--no-install-recommends', 5)!;
    assert.equal(recommends.word, '--no-install-recommends');
    assert.ok(recommends.markdown.startsWith('**apt-get --no-install-recommends**\n\nInstalls hard dependencies only'));
    assert.ok(hover(text, '-y --no', 0)!.markdown.startsWith('**apt-get -y**'));
    assert.ok(hover(text, '-l -u', 1)!.markdown.startsWith('**useradd -l (--no-log-init)**'));
    const apk = hover(text, '"--no-cache"', 2)!;
    assert.equal(apk.word, '"--no-cache"');
    assert.ok(apk.markdown.startsWith('**apk --no-cache**\n\n'));
    assert.ok(hover(text, '--no-cache-dir')!.markdown.startsWith('**pip --no-cache-dir**'));
    assert.ok(hover(text, '--omit=dev')!.markdown.startsWith('**npm --omit=dev**'));
    assert.ok(hover(text, '--setopt=install', 3)!.markdown.startsWith('**--setopt=install_weak_deps=False**'));
  });

  it('null elsewhere', () => {
    const text = '# a comment\nFROM alpine:3.24 AS base\nRUN apk add --update curl && curl -fsSL https://example.com\nCOPY --from=base /a /b\n';
    const m = buildModel(text);
    for (const marker of ['comment', 'FROM', 'AS base', 'RUN', 'add', '--update', 'curl &&', '-fsSL', '--from', '/a']) {
      assert.equal(hoverAt(m, text.indexOf(marker) + 1), null, marker);
    }
    assert.equal(hoverAt(m, -1), null);
    assert.equal(hoverAt(m, text.length), null);
    assert.equal(hoverAt(m, 2.5), null);
    // Right after the image word is no longer on it.
    assert.equal(hoverAt(m, text.indexOf(' AS base')), null);
  });
});
