import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { CodeActionRequest, ExecuteCommandRequest, HoverRequest, InlayHintRequest, type CodeAction, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { LspHarness } from './lspHarness';

const APT = 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl\n';

/** The first diagnostic's message, the fix titles offered for it, and the FROM hover of a server started with these options. */
async function sample(options: Parameters<typeof LspHarness.start>[0]): Promise<{ messages: string[]; titles: string[]; hover: string; savings: string; hint: string }> {
  const lsp = await LspHarness.start(options);
  try {
    const uri = 'untitled:Dockerfile-locale';
    const published: PublishDiagnosticsParams = await lsp.open(uri, APT);
    const first = published.diagnostics.find((d) => d.code === 'apt-lists-left')!;
    const actions = (await lsp.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: first.range, context: { diagnostics: [first] } })) as CodeAction[];
    const hover = (await lsp.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 7 } })) as { contents: { value: string } };
    const savings = (await lsp.connection.sendRequest(ExecuteCommandRequest.type, { command: 'dockerfileSlim.estimateSavings', arguments: [uri] })) as { message: string };
    const hints = (await lsp.connection.sendRequest(InlayHintRequest.type, { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 2, character: 0 } } })) ?? [];
    const hint = hints.map((h) => `${String(h.label)} | ${String(h.tooltip)}`)[1] ?? '';
    return { messages: published.diagnostics.map((d) => String(d.message)), titles: actions.map((a) => a.title), hover: hover.contents.value, savings: savings.message, hint };
  } finally {
    await lsp.stop();
  }
}

describe('language server: the display language', () => {
  let zh: Awaited<ReturnType<typeof sample>>;
  before(async () => {
    zh = await sample({ initializationOptions: { locale: 'zh-cn' } });
  });

  it('initializationOptions.locale zh-cn: diagnostics, fix titles and the hover card in Simplified Chinese', () => {
    assert.deepEqual(zh.messages, [
      '“apt-get update” 下载的软件包列表留在了这一层。请在同一个 RUN 中删除 /var/lib/apt/lists/*。（约 20 MB）',
      '“apt-get install” 未加 --no-install-recommends，会连带安装推荐（Recommends）的软件包。（约 662 kB）',
    ]);
    assert.deepEqual(zh.titles, [
      '在此 RUN 末尾删除 apt 软件包列表',
      '把缓存放进 BuildKit 缓存挂载（/var/cache/apt、/var/lib/apt/lists，需要 BuildKit）（不安全）',
      '在此指令上忽略 apt-lists-left',
      '修复此文件中所有可安全修复的问题',
    ]);
    assert.match(zh.hover, /^\*\*debian\\:bookworm\\-slim\*\* · Debian, slim/);
    assert.match(zh.hover, /\n- C 库：glibc\n- Shell：有，/);
    assert.match(zh.hover, /\n- 包管理器：apt\n- 编译器\/SDK：无\n/);
    // "Show estimated savings" answers in the same language.
    assert.equal(zh.savings, 'Dockerfile Slim：安全修复：估计 20 MB；不安全修复：估计 662 kB。');
    // The size hint's tooltip, its basis included (the cited index and image names stay as written).
    assert.match(zh.hint, /^≈ \+34 MB \| Dockerfile Slim 大小估计（并非实测）：估计值：apt 在 debian:bookworm-slim 上新增软件包的 Debian Installed-Size（/);
    assert.match(zh.hint, /数据取自 Debian bookworm [\d.]+ main amd64 软件包索引/);
  });

  it('LSP locale is the fallback; English for any other language and by default', async () => {
    assert.deepEqual((await sample({ locale: 'zh-CN' })).messages, zh.messages);
    const en = await sample({ initializationOptions: { locale: 'de' }, locale: 'zh-cn' });
    assert.equal(en.messages[0], '"apt-get update" leaves the apt lists in this layer. Remove /var/lib/apt/lists/* in the same RUN. (≈ 20 MB)');
    assert.deepEqual(en.titles, [
      'Remove the apt lists at the end of this RUN',
      'Keep the cache in a BuildKit cache mount on /var/cache/apt and /var/lib/apt/lists (needs BuildKit) (unsafe)',
      'Ignore apt-lists-left for this instruction',
      'Fix all safe problems in this file',
    ]);
    assert.match(en.hover, /\n- libc: glibc\n- Shell: yes, /);
    assert.equal(en.savings, 'Dockerfile Slim: safe fixes: ≈ 20 MB est.; unsafe fixes: ≈ 662 kB est.');
    assert.match(en.hint, /^≈ \+34 MB \| Dockerfile Slim size estimate \(not a measurement\): estimate: Debian Installed-Size /);
    assert.deepEqual((await sample({})).messages, en.messages);
  });
});

describe('language server: the log level (dockerfileSlim.logLevel)', () => {
  /** What the server logs while a Dockerfile opens, with this level in its settings. */
  async function logged(logLevel: string | undefined): Promise<string[]> {
    const lsp = await LspHarness.start();
    try {
      lsp.settingsFor = () => (logLevel === undefined ? {} : { logLevel });
      await lsp.open('untitled:Dockerfile-log', APT);
      // The start-up line is written after `initialized`; give the log a moment to arrive.
      await new Promise((r) => setTimeout(r, 200));
      return [...lsp.logs];
    } finally {
      await lsp.stop();
    }
  }

  it('info (the default): the version and where the settings came from; debug adds each lint; error neither', async () => {
    const info = await logged(undefined);
    assert.ok(info.some((l) => /^Dockerfile Slim \d+\.\d+\.\d+ \(Node v\d+/.test(l) && l.endsWith('messages in en')), info.join('\n'));
    assert.ok(info.includes('untitled:Dockerfile-log: settings from the editor'), info.join('\n'));
    assert.ok(!info.some((l) => / findings in [\d.]+ ms$/.test(l)), info.join('\n'));
    const debug = await logged('debug');
    assert.ok(debug.some((l) => /^untitled:Dockerfile-log \(version 1\): 2 findings in [\d.]+ ms$/.test(l)), debug.join('\n'));
    const error = await logged('error');
    assert.ok(!error.some((l) => l.includes('settings from') || / findings in /.test(l)), error.join('\n'));
  });
});
