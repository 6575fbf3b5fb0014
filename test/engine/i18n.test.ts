import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { allRules } from '../../server/src/engine/index.js';
import { formatMessage, LOCALES, placeholdersOf, resolveLocale, translator, type Catalog } from '../../server/src/engine/i18n/locale.js';
import { MARKDOWN_CATALOGS, SERVER_CATALOGS } from '../../server/src/engine/i18n/catalogs.js';
import { RULE_BUNDLES } from '../../server/src/engine/i18n/ruleMessages.js';
import { RULE_TEXT_ZH_CN, ruleText } from '../../server/src/engine/ruleMeta.js';
import { hoverAt } from '../../server/src/engine/hover.js';
import { buildModel } from '../../server/src/engine/model/model.js';
import { BUILD_MESSAGES } from '../../server/src/lsp/buildMessages.js';
import { LSP_MESSAGES } from '../../server/src/lsp/messages.js';
import { NODE_MESSAGES } from '../../server/src/node/messages.js';
import { CLI_MESSAGES } from '../../server/src/cli/messages.js';
import { USAGE_MESSAGES } from '../../server/src/cli/usage.js';
import { engineReady } from '../support/engine.js';

/** Every catalog of the engine and the language server, by name; markdown ones may have backticks (code). */
const catalogs: [string, Catalog, boolean][] = [
  ...allRules.map((r): [string, Catalog, boolean] => [`rule ${r.meta.id}`, (r.messages ?? {}) as Catalog, false]),
  ...Object.entries(SERVER_CATALOGS).map(([name, c]): [string, Catalog, boolean] => [name, c as Catalog, false]),
  ['language server', LSP_MESSAGES, false],
  ['language server: measure and verify', BUILD_MESSAGES, false],
  ['builds and the smoke test', NODE_MESSAGES, false],
  ['command line', CLI_MESSAGES, false],
  ['command line: help', USAGE_MESSAGES, false],
  ...Object.entries(MARKDOWN_CATALOGS).map(([name, c]): [string, Catalog, boolean] => [name, c as Catalog, true]),
];

describe('messages in English and Simplified Chinese', () => {
  it('every rule has a catalog of its own', () => {
    assert.deepEqual(allRules.filter((r) => !r.messages || Object.keys(r.messages).length === 0).map((r) => r.meta.id), []);
  });

  it('the rule bundles (rules.en.json, rules.zh-cn.json) hold the rules, each its own keys, in both languages', () => {
    const keys = (bundles: Readonly<Record<string, Readonly<Record<string, string>>>>) =>
      Object.fromEntries(Object.entries(bundles).map(([id, b]) => [id, Object.keys(b).sort()]));
    const rules = Object.fromEntries(allRules.map((r) => [r.meta.id, Object.keys(r.messages ?? {}).sort()]));
    assert.deepEqual(keys(RULE_BUNDLES.en), rules);
    assert.deepEqual(keys(RULE_BUNDLES['zh-cn']), rules);
    for (const r of allRules) for (const [key, m] of Object.entries(r.messages ?? {})) assert.equal(m['zh-cn'], RULE_BUNDLES['zh-cn'][r.meta.id]![key], `${r.meta.id}.${key}`);
  });

  for (const [name, catalog] of catalogs) {
    it(`${name}: both languages, the same placeholders`, () => {
      const problems: string[] = [];
      for (const [key, message] of Object.entries(catalog)) {
        for (const locale of LOCALES) if (typeof message[locale] !== 'string' || message[locale] === '') problems.push(`${key}: no ${locale} text`);
        const en = placeholdersOf(message.en);
        const zh = placeholdersOf(message['zh-cn']);
        if (JSON.stringify(en) !== JSON.stringify(zh)) problems.push(`${key}: en has {${en.join('}, {')}}, zh-cn has {${zh.join('}, {')}}`);
        // Code spans are Markdown (hovers, SARIF) and quoted where text shows as it is: the same in both languages.
        if ((message.en.match(/`/g) ?? []).length !== (message['zh-cn'].match(/`/g) ?? []).length) problems.push(`${key}: not the same code spans`);
        if (message['zh-cn'] === message.en && /[a-z]{3,} [a-z]{3,}/.test(message.en)) problems.push(`${key}: zh-cn text is the English one`);
        if (/[\u4e00-\u9fff]/.test(message.en)) problems.push(`${key}: Chinese in the English text`);
      }
      assert.deepEqual(problems, []);
    });
  }
});

describe('rule summaries and rationales in Simplified Chinese (rules/meta.zh-cn.json)', () => {
  /** Inline code spans, sorted: commands, flags and paths are not translated. */
  const spans = (text: string): string[] => (text.match(/`[^`]*`/g) ?? []).sort();

  it('names exactly the rules, each with a summary and a rationale and nothing else', () => {
    assert.deepEqual(Object.keys(RULE_TEXT_ZH_CN).sort(), allRules.map((r) => r.meta.id).sort());
    for (const [id, text] of Object.entries(RULE_TEXT_ZH_CN)) assert.deepEqual(Object.keys(text).sort(), ['rationale', 'summary'], id);
  });

  for (const r of allRules) {
    it(`${r.meta.id}: Chinese text with the English code spans`, () => {
      const zh = RULE_TEXT_ZH_CN[r.meta.id]!;
      const problems: string[] = [];
      for (const field of ['summary', 'rationale'] as const) {
        const text = zh[field];
        if (typeof text !== 'string' || !/[\u4e00-\u9fff]/.test(text)) {
          problems.push(`${field}: no Chinese text`);
          continue;
        }
        if (JSON.stringify(spans(text)) !== JSON.stringify(spans(r.meta[field]))) problems.push(`${field}: code spans ${spans(text).join(' ')} instead of ${spans(r.meta[field]).join(' ')}`);
        if (/[\u4e00-\u9fff]/.test(r.meta[field])) problems.push(`${field}: Chinese in the English text`);
      }
      assert.deepEqual(problems, []);
    });
  }

  it('ruleText picks the locale, English by default', () => {
    const meta = allRules.find((r) => r.meta.id === 'apt-lists-left')!.meta;
    assert.deepEqual(ruleText(meta), { summary: '`apt-get update` leaves the package lists in the layer', rationale: meta.rationale });
    assert.equal(ruleText(meta, 'zh-cn').summary, '`apt-get update` 把软件包列表留在了层中');
    assert.match(ruleText(meta, 'zh-cn').rationale, /^`apt-get update` 会把软件包索引下载到 \/var\/lib\/apt\/lists（在 Debian bookworm 上约 20 MB）。/);
    // A rule the bundle does not know keeps its English texts.
    assert.deepEqual(ruleText({ id: 'no-such-rule', summary: 's', rationale: 'r' }, 'zh-cn'), { summary: 's', rationale: 'r' });
  });
});

describe('message bundles (JSON, one per language)', () => {
  const root = join(__dirname, '..', '..');
  const bundles = (dir: string): string[] =>
    readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? bundles(join(dir, e.name)) : e.name.endsWith('.en.json') ? [join(dir, e.name)] : [],
    );
  const shape = (v: unknown): unknown =>
    typeof v === 'object' && v !== null ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shape(x)]).sort(([a], [b]) => String(a).localeCompare(String(b)))) : typeof v;
  const found = bundles('server/src');

  it('there are bundles to check', () => assert.ok(found.length >= 2, found.join(', ')));
  for (const en of found) {
    it(`${en}: its zh-cn bundle has the same keys, every text a string`, () => {
      const read = (p: string): unknown => JSON.parse(readFileSync(join(root, p), 'utf8'));
      const zh = read(en.replace(/\.en\.json$/, '.zh-cn.json'));
      assert.deepEqual(shape(zh), shape(read(en)));
    });
  }
});

describe('formatMessage', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    assert.equal(formatMessage('{a} and {b} and {a}', { a: 'x', b: 2 }), 'x and 2 and x');
    assert.equal(formatMessage('{missing} stays', {}), '{missing} stays');
    assert.equal(formatMessage('no {0} numbers, {} or { spaced }', {}), 'no {0} numbers, {} or { spaced }');
  });

  it('does not re-read placeholders inside arguments', () => {
    assert.equal(formatMessage('{a}', { a: '{b}', b: 'no' }), '{b}');
  });

  it('translator throws on a key the catalog lacks', () => {
    const t = translator({ a: { en: 'A', 'zh-cn': '甲' } } as Catalog, 'zh-cn');
    assert.equal(t('a'), '甲');
    assert.throws(() => t('b'), /no message "b"/);
  });
});

describe('resolveLocale', () => {
  const cases: [string | undefined | null, string][] = [
    ['zh-cn', 'zh-cn'],
    ['zh-CN', 'zh-cn'],
    ['zh_CN.UTF-8', 'zh-cn'],
    ['zh_CN.utf8@pinyin', 'zh-cn'],
    ['zh', 'zh-cn'],
    ['zh-Hans', 'zh-cn'],
    ['zh-Hans-CN', 'zh-cn'],
    ['zh-SG', 'zh-cn'],
    ['zh-TW', 'en'],
    ['zh_HK.UTF-8', 'en'],
    ['zh-Hant', 'en'],
    ['en-US', 'en'],
    ['C', 'en'],
    ['POSIX', 'en'],
    ['', 'en'],
    [undefined, 'en'],
    [null, 'en'],
  ];
  for (const [tag, want] of cases) it(`${String(tag)} → ${want}`, () => assert.equal(resolveLocale(tag), want));
});

describe('hover cards in Simplified Chinese', () => {
  const hover = (text: string, line: number, character: number, locale: 'en' | 'zh-cn') => {
    const model = buildModel(text);
    return hoverAt(model, model.lines.offsetAt({ line, character }), locale)?.markdown ?? '';
  };
  const text = 'FROM alpine:3.20 AS base\nFROM base\nRUN apk add --no-cache curl\nFROM scratch\n';

  it('the card of a musl image, through a stage: every line of the frame and every trap in Chinese', async () => {
    await engineReady;
    const zh = hover(text, 1, 6, 'zh-cn');
    assert.match(zh, /^来自阶段 \*\*base\*\*（第 1 行），它基于此镜像构建：\n\n\*\*alpine\\:3\\\.20\*\* · /);
    assert.match(zh, /\n- C 库：musl\n/);
    assert.match(zh, /\*\*musl libc：与 glibc 的不同之处\*\*/);
    assert.match(zh, /线程默认栈大小为 128 KiB/);
    // The same card in English has the same shape: as many lines, the same code spans.
    const en = hover(text, 1, 6, 'en');
    assert.equal(zh.split('\n').length, en.split('\n').length);
    assert.equal((zh.match(/`/g) ?? []).length, (en.match(/`/g) ?? []).length);
  });

  it('scratch and a flag', async () => {
    await engineReady;
    assert.match(hover(text, 3, 6, 'zh-cn'), /\*\*scratch：缺少什么\*\*\n\n- 没有 shell：`RUN` 无法运行/);
    assert.equal(
      hover(text, 2, 15, 'zh-cn'),
      '**apk --no-cache**\n\n只为本条命令把包索引读入内存，不在 `/var/cache/apk` 中保留任何内容，因此层中不会留下索引或软件包缓存。它可以代替 `apk update` 加清理缓存的写法。',
    );
  });
});

describe('the extension in Simplified Chinese: manifest and client strings', () => {
  const root = join(__dirname, '..', '..');
  const json = (path: string): Record<string, string> => JSON.parse(readFileSync(join(root, path), 'utf8')) as Record<string, string>;
  const codeSpans = (s: string): number => (s.match(/`/g) ?? []).length;

  it('every %key% of package.json is in package.nls.json and package.nls.zh-cn.json, with the same links and code', () => {
    const used = [...readFileSync(join(root, 'package.json'), 'utf8').matchAll(/"%([^"%]+)%"/g)].map((m) => m[1]!).sort();
    const en = json('package.nls.json');
    const zh = json('package.nls.zh-cn.json');
    assert.ok(used.length >= 20, `only ${used.length} manifest strings are localised`);
    assert.deepEqual(Object.keys(en).sort(), [...new Set(used)].sort(), 'package.nls.json keys = the keys package.json uses');
    assert.deepEqual(Object.keys(zh).sort(), Object.keys(en).sort(), 'package.nls.zh-cn.json has every key');
    for (const k of Object.keys(en)) {
      assert.match(zh[k]!, /[\u4e00-\u9fff]/, `${k}: not Chinese`);
      assert.deepEqual(zh[k]!.match(/\(command:[^)]+\)/g), en[k]!.match(/\(command:[^)]+\)/g), `${k}: command links differ`);
      assert.equal(codeSpans(zh[k]!), codeSpans(en[k]!), `${k}: code spans differ`);
    }
  });

  it('each rule\'s setting is described by its summary in the display language (npm run generate)', () => {
    const en = json('package.nls.json');
    const zh = json('package.nls.zh-cn.json');
    const settings = readFileSync(join(root, 'package.json'), 'utf8');
    for (const r of allRules) {
      assert.ok(settings.includes(`"markdownDescription": "%config.rule.${r.meta.id}%"`), `${r.meta.id}: setting not localised`);
      assert.ok(en[`config.rule.${r.meta.id}`]!.startsWith(`${r.meta.summary}. Default level: \``), r.meta.id);
      assert.ok(zh[`config.rule.${r.meta.id}`]!.startsWith(`${RULE_TEXT_ZH_CN[r.meta.id]!.summary}。默认级别：\``), r.meta.id);
    }
    assert.equal(
      zh['config.rule.apt-lists-left'],
      '`apt-get update` 把软件包列表留在了层中。默认级别：`warning`。[文档](https://github.com/dockerfile-slim/dockerfile-slim/blob/main/docs/rules/zh-cn/apt-lists-left.md)',
    );
  });

  it('every vscode.l10n.t string of the client is in l10n/bundle.l10n.zh-cn.json with the same {n} placeholders, and no other', () => {
    const dir = join(root, 'client', 'src');
    const used = new Set<string>();
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const text = readFileSync(join(dir, file), 'utf8');
      // Only literal messages: a variable passed to vscode.l10n.t could not be checked here.
      assert.doesNotMatch(text, /vscode\.l10n\.t\((?!')/, `${file}: vscode.l10n.t with a non-literal message`);
      for (const m of text.matchAll(/vscode\.l10n\.t\('((?:[^'\\]|\\.)*)'/g)) used.add(m[1]!.replace(/\\(.)/g, '$1'));
    }
    const zh = json('l10n/bundle.l10n.zh-cn.json');
    assert.ok(used.size >= 20, `only ${used.size} client strings are localised`);
    assert.deepEqual(Object.keys(zh).sort(), [...used].sort());
    const holes = (s: string): string[] => [...new Set(s.match(/\{\d+\}/g) ?? [])].sort();
    for (const [en, text] of Object.entries(zh)) {
      assert.deepEqual(holes(text), holes(en), `"${en}": placeholders differ`);
      assert.ok(/[\u4e00-\u9fff]/.test(text) || (text !== en && !/[a-z]{3,} [a-z]{3,}/.test(text.replace(/Dockerfile Slim/g, ''))), `"${en}": not Chinese`);
    }
  });
});
