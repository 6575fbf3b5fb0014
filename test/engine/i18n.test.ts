import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allRules } from '../../server/src/engine/index.js';
import { formatMessage, LOCALES, placeholdersOf, resolveLocale, translator, type Catalog } from '../../server/src/engine/i18n/locale.js';
import { SERVER_CATALOGS } from '../../server/src/engine/i18n/catalogs.js';

/** Every catalog of the engine and the adapters that share it, by name. */
const catalogs: [string, Catalog][] = [
  ...allRules.map((r): [string, Catalog] => [`rule ${r.meta.id}`, (r.messages ?? {}) as Catalog]),
  ...Object.entries(SERVER_CATALOGS).map(([name, c]): [string, Catalog] => [name, c as Catalog]),
];

describe('messages in English and Simplified Chinese', () => {
  it('every rule has a catalog of its own', () => {
    assert.deepEqual(allRules.filter((r) => !r.messages || Object.keys(r.messages).length === 0).map((r) => r.meta.id), []);
  });

  for (const [name, catalog] of catalogs) {
    it(`${name}: both languages, the same placeholders`, () => {
      const problems: string[] = [];
      for (const [key, message] of Object.entries(catalog)) {
        for (const locale of LOCALES) if (typeof message[locale] !== 'string' || message[locale] === '') problems.push(`${key}: no ${locale} text`);
        const en = placeholdersOf(message.en);
        const zh = placeholdersOf(message['zh-cn']);
        if (JSON.stringify(en) !== JSON.stringify(zh)) problems.push(`${key}: en has {${en.join('}, {')}}, zh-cn has {${zh.join('}, {')}}`);
        if (/`/.test(message.en) || /`/.test(message['zh-cn'])) problems.push(`${key}: backtick`);
        if (/[\u4e00-\u9fff]/.test(message.en)) problems.push(`${key}: Chinese in the English text`);
      }
      assert.deepEqual(problems, []);
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
