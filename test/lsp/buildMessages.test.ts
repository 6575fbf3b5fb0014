import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ExecuteCommandRequest } from 'vscode-languageserver-protocol/node';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { measureReport, type ImageLayerFiles, type LayerEntry } from '../../server/src/engine/index.js';
import { BuildError, noBuilderError } from '../../server/src/node/builder.js';
import { compareSmoke, describeSmoke, type SmokeResult } from '../../server/src/node/smoke.js';
import { measuredLenses, measuredMessage, wasteDiagnostics, type Measured } from '../../server/src/lsp/measure.js';
import { setServerLocale } from '../../server/src/lsp/messages.js';
import { verifiedMessage } from '../../server/src/lsp/verify.js';
import type { VerifyResult } from '../../server/src/node/verify.js';
import { context } from '../support/builder.js';
import { engineReady } from '../support/engine.js';
import { LspHarness } from './lspHarness';

const file = (path: string, size: number): LayerEntry => ({ path, size, type: 'file' });
const dir = (path: string): LayerEntry => ({ path, size: 0, type: 'directory' });
const layer = (...entries: LayerEntry[]): ImageLayerFiles => ({ bytes: 512 * (entries.length + 2) + entries.reduce((s, e) => s + e.size, 0), entries });
const smoke = (r: Partial<SmokeResult>): SmokeResult => ({ state: 'exited', exitCode: 0, log: '', firstLine: '', probed: [], answered: [], ...r });

// A COPY of 300,000 bytes, a chmod that copies it again, an rm that deletes it: two waste links.
const TEXT = 'FROM localhost/busybox\nCOPY blob.bin /data/blob.bin\nRUN chmod 755 /data/blob.bin\nRUN rm /data/blob.bin\n';
const HISTORY = ['/bin/sh', '/bin/sh -c #(nop) COPY file:1 in /data/blob.bin ', '/bin/sh -c chmod 755 /data/blob.bin', '/bin/sh -c rm /data/blob.bin'].map((createdBy) => ({ createdBy, emptyLayer: false }));
const LAYERS = [layer(dir('bin'), file('bin/busybox', 2_000_000)), layer(dir('data'), file('data/blob.bin', 300_000)), layer(dir('data'), file('data/blob.bin', 300_000)), layer(dir('data'), file('data/.wh.blob.bin', 0))];

/** The lenses' titles, the diagnostics' messages with their related notes, and the one-line result, in one locale. */
function measuredTexts(locale: 'en' | 'zh-cn'): { result: string; diagnostics: string[]; lenses: string[] } {
  setServerLocale(locale);
  try {
    const report = measureReport(TEXT, { history: HISTORY, layers: LAYERS, imageBytes: null });
    const m: Measured = { version: 1, report, builder: 'buildah' };
    return {
      result: measuredMessage('buildah', 3.4, report),
      diagnostics: wasteDiagnostics('file:///x/Dockerfile', m).map((d) => `${d.range.start.line}: ${d.message} | ${d.relatedInformation![0]!.message}`),
      lenses: measuredLenses(m).map((l) => l.command!.title),
    };
  } finally {
    setServerLocale('en');
  }
}

describe('Measure in both languages: the result, the waste diagnostics and the code lenses', () => {
  before(() => engineReady);

  it('English', () => {
    const en = measuredTexts('en');
    assert.equal(en.result, 'Dockerfile Slim: measured with buildah in 3 s: 2.6 MB; 600.0 kB wasted in 2 places (see Problems).');
    const replaced = 'Measured: 300.0 kB wasted: line 3 (RUN) replaces a file that line 2 (COPY) stored; the image keeps both copies: /data/blob.bin (300.0 kB).';
    const deleted = 'Measured: 300.0 kB wasted: line 4 (RUN) deletes a file that line 3 (RUN) stored; the image still stores it: /data/blob.bin (300.0 kB).';
    assert.deepEqual(en.diagnostics, [`1: ${replaced} | replaced here`, `2: ${replaced} | stored here`, `2: ${deleted} | deleted here`, `3: ${deleted} | stored here`]);
    assert.deepEqual(en.lenses, [
      'Measured (buildah): base image 2.0 MB · stage total 2.6 MB, 606.1 kB from this file · 600.0 kB wasted',
      'Measured: 302.0 kB · 300.0 kB of it hidden later',
      'Measured: 302.0 kB · 300.0 kB of it hidden later · hides 300.0 kB stored below',
      'Measured: 2.0 kB · hides 300.0 kB stored below',
    ]);
  });

  it('Simplified Chinese: the same figures, paths and keywords, no English sentence left', () => {
    const zh = measuredTexts('zh-cn');
    assert.equal(zh.result, 'Dockerfile Slim：已用 buildah 测量，耗时 3 秒：2.6 MB；2 处共浪费 600.0 kB（见“问题”面板）。');
    const replaced = '实测：浪费 300.0 kB：第 3 行（RUN）替换了第 2 行（COPY）存入的 1 个文件；镜像保留了两份副本：/data/blob.bin（300.0 kB）。';
    const deleted = '实测：浪费 300.0 kB：第 4 行（RUN）删除了第 3 行（RUN）存入的 1 个文件；镜像仍然存着它：/data/blob.bin（300.0 kB）。';
    assert.deepEqual(zh.diagnostics, [`1: ${replaced} | 在此替换`, `2: ${replaced} | 在此存入`, `2: ${deleted} | 在此删除`, `3: ${deleted} | 在此存入`]);
    assert.deepEqual(zh.lenses, [
      '实测（buildah）：基础镜像 2.0 MB · 阶段合计 2.6 MB，其中 606.1 kB 来自此文件 · 浪费 600.0 kB',
      '实测：302.0 kB · 其中 300.0 kB 被后面的层遮盖',
      '实测：302.0 kB · 其中 300.0 kB 被后面的层遮盖 · 遮盖了下面存入的 300.0 kB',
      '实测：2.0 kB · 遮盖了下面存入的 300.0 kB',
    ]);
  });
});

describe('Verify in both languages', () => {
  const ran: VerifyResult = {
    ok: true,
    builder: 'podman',
    originalBytes: 5_300_000,
    slimBytes: 5_000_000,
    original: smoke({ firstLine: 'hello' }),
    slim: smoke({ firstLine: 'hello' }),
    problem: null,
    summary: '',
  };
  const web = smoke({ state: 'running', exitCode: null, probed: [8080], answered: [{ port: 8080, http: 200 }] });
  const down = smoke({ exitCode: 127, probed: [8080], log: 'exec: ./app: not found' });

  function texts(locale: 'en' | 'zh-cn'): string[] {
    setServerLocale(locale);
    try {
      const problem = compareSmoke(web, down, locale).problem;
      return [
        verifiedMessage(ran, 300_000),
        verifiedMessage({ ...ran, slimBytes: 5_400_000, original: web, slim: web }, null),
        verifiedMessage({ ...ran, ok: false, original: web, slim: down, problem }, 300_000),
        describeSmoke(smoke({ state: 'running', exitCode: null, probed: [80, 443] }), locale),
      ];
    } finally {
      setServerLocale('en');
    }
  }

  it('English', () => {
    assert.deepEqual(texts('en'), [
      "Dockerfile Slim: verified by building with podman: original 5.3 MB, slimmed 5.0 MB, 300.0 kB saved, measured (estimated ≈ 300.0 kB); the slimmed container exits with 0 like the original's, with the same first line.",
      "Dockerfile Slim: verified by building with podman: original 5.3 MB, slimmed 5.4 MB, 100.0 kB larger, measured (no estimate); the slimmed container answers HTTP 200 on port 8080 like the original's.",
      "Dockerfile Slim: the slimmed image builds (original 5.3 MB, slimmed 5.0 MB) but does not run like the original: the slim image's container exits with 127 (port 8080 not answering) but the original's answers HTTP 200 on port 8080; its last output: exec: ./app: not found.",
      'stays up (port 80, 443 not answering)',
    ]);
  });

  it('Simplified Chinese', () => {
    assert.deepEqual(texts('zh-cn'), [
      'Dockerfile Slim：已用 podman 构建验证：原镜像 5.3 MB，精简后 5.0 MB，实测节省 300.0 kB（估计 ≈ 300.0 kB）；精简后的容器与原容器一样以状态 0 退出，首行输出相同。',
      'Dockerfile Slim：已用 podman 构建验证：原镜像 5.3 MB，精简后 5.4 MB，实测增大 100.0 kB（无估计）；精简后的容器与原容器一样在端口 8080 上以 HTTP 200 应答。',
      'Dockerfile Slim：精简后的镜像可以构建（原镜像 5.3 MB，精简后 5.0 MB），但运行表现与原镜像不同：精简镜像的容器以状态 127 退出（端口 8080 无应答），而原镜像的容器在端口 8080 上以 HTTP 200 应答；它最后的输出：exec: ./app: not found。',
      '保持运行（端口 80，443 无应答）',
    ]);
  });

  it('a missing builder and a failed build, in both languages', () => {
    const none = noBuilderError(['docker', 'podman']);
    assert.equal(none.message, 'No container builder found: tried docker, podman. Install one of Docker (with buildx), Podman or Buildah, or set the order of builders to try.');
    assert.equal(none.text('zh-cn'), '未找到容器构建工具：已尝试 docker, podman。请安装 Docker（含 buildx）、Podman 或 Buildah 之一，或设置要尝试的构建工具顺序。');
    const failed = new BuildError('the build failed (buildah bud exited with 1): Error: x', 'log', { step: 'stepBuild', command: 'buildah', verb: 'bud', code: 1 });
    assert.equal(failed.step('en'), 'the build failed (buildah bud exited with 1)');
    assert.equal(failed.step('zh-cn'), '构建失败（buildah bud 的退出状态为 1）');
  });
});

describe('language server in Simplified Chinese: Measure and Verify refusals', () => {
  let lsp: LspHarness;
  before(async () => {
    lsp = await LspHarness.start({ initializationOptions: { locale: 'zh-cn' } });
  });
  after(async () => {
    await lsp.stop();
  });
  const run = (command: string, args: unknown[]) => lsp.connection.sendRequest(ExecuteCommandRequest.type, { command, arguments: args }) as Promise<{ message: string }>;

  it('a document not on disk, an unknown builder, a text that did not change', async () => {
    const untitled = 'untitled:Dockerfile-zh-measure';
    await lsp.open(untitled, TEXT);
    assert.equal((await run('dockerfileSlim.measureDocument', [untitled])).message, 'Dockerfile Slim：只能测量磁盘上的 Dockerfile（它所在的文件夹就是构建上下文）。');
    assert.equal((await run('dockerfileSlim.verifyDocument', [untitled, { original: 'FROM scratch\n' }])).message, 'Dockerfile Slim：只能验证磁盘上的 Dockerfile（它所在的文件夹就是构建上下文）。');
    const uri = pathToFileURL(join(context({ Dockerfile: TEXT }), 'Dockerfile')).toString();
    await lsp.open(uri, TEXT);
    assert.equal((await run('dockerfileSlim.measureDocument', [uri, { builders: ['nonexistent-builder'] }])).message, 'Dockerfile Slim：未知的构建工具“nonexistent-builder”（支持：docker, podman, buildah）');
    assert.equal((await run('dockerfileSlim.verifyDocument', [uri, { original: TEXT }])).message, 'Dockerfile Slim：没有需要验证的内容：文本与执行“精简此 Dockerfile”之前相同。');
  });
});
