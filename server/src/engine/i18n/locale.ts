/**
 * Messages in two languages: English (the default) and Simplified Chinese. Pure: no `Intl` lookups of the
 * host, no files. Each catalog maps a key to both texts; `{name}` placeholders are filled from arguments, and a
 * test checks that both texts of every message have the same placeholders.
 */

export type Locale = 'en' | 'zh-cn';
export const LOCALES: readonly Locale[] = ['en', 'zh-cn'];

/** One message in every language. */
export interface Message {
  en: string;
  'zh-cn': string;
}

export type Catalog<K extends string = string> = Record<K, Message>;
export type MessageArgs = Record<string, string | number>;
/** Formats a message of one catalog in one locale. */
export type Translate<K extends string = string> = (key: K, args?: MessageArgs) => string;

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9]*)\}/g;

/** Fills `{name}` placeholders; numbers are written as plain digits, a missing argument stays visible. */
export function formatMessage(template: string, args: MessageArgs = {}): string {
  const parts = partsOf(template);
  if (typeof parts === 'string') return parts;
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) {
    const value = args[parts[i]!];
    out += (value === undefined ? `{${parts[i]}}` : String(value)) + parts[i + 1]!;
  }
  return out;
}

/**
 * A template split at its placeholders, once per template (`formatMessage` runs for every finding's message and
 * fix titles; a `replace` with a callback was ~2 % of an analysis after an edit): the template itself when it has
 * none, else the text before the first, then each placeholder's name and the text after it.
 */
type Parts = string | readonly string[];

const partsByTemplate = new Map<string, Parts>();

function partsOf(template: string): Parts {
  let parts = partsByTemplate.get(template);
  if (parts === undefined) {
    const split = template.split(PLACEHOLDER);
    parts = split.length === 1 ? template : split;
    // Templates are the catalogs' texts, a bounded set; the bound only guards a caller that formats texts of its own.
    if (partsByTemplate.size >= 10_000) partsByTemplate.clear();
    partsByTemplate.set(template, parts);
  }
  return parts;
}

/** The placeholder names of a template, sorted, each once. */
export function placeholdersOf(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]!))].sort();
}

/** A formatter for one catalog in one locale. An unknown key is a programming error and throws. */
export function translator<K extends string>(catalog: Catalog<K>, locale: Locale = 'en'): Translate<K> {
  return (key, args) => {
    const message = catalog[key];
    if (!message) throw new Error(`no message "${key}"`);
    return formatMessage(message[locale] ?? message.en, args);
  };
}

/**
 * The locale for a language tag or POSIX locale name: `zh-cn`, `zh-CN`, `zh-Hans`, `zh_CN.UTF-8`, `zh` → `zh-cn`;
 * anything else (and nothing) → `en`. Traditional Chinese (`zh-tw`, `zh-hk`, `zh-Hant`) stays English: the
 * Simplified texts are not a translation for it.
 */
export function resolveLocale(tag: string | null | undefined): Locale {
  if (typeof tag !== 'string') return 'en';
  const t = tag.trim().toLowerCase().replace(/_/g, '-').replace(/[.@].*$/, '');
  if (t === 'zh' || t === 'zh-cn' || t === 'zh-sg' || t.startsWith('zh-hans')) return 'zh-cn';
  return 'en';
}

/** Chooses the text of a message for a locale (for catalogs used outside `translator`). */
export function pick(message: Message, locale: Locale = 'en', args?: MessageArgs): string {
  return formatMessage(message[locale] ?? message.en, args);
}

/** A bundle: one language's texts of a catalog, by key (the JSON files beside the code are bundles). */
export type Bundle = Readonly<Record<string, string>>;

/**
 * Joins the bundles of one catalog into a `Catalog` whose keys are the English bundle's, so that the compiler
 * checks every `t('key')` against them. A key the Chinese bundle lacks has no `zh-cn` text (the i18n test fails).
 */
export function catalogOf<K extends string>(en: Readonly<Record<K, string>>, zhCn: Bundle | undefined): Catalog<K> {
  const catalog = {} as Record<K, Message>;
  for (const key of Object.keys(en) as K[]) catalog[key] = { en: en[key], 'zh-cn': zhCn?.[key] as string };
  return catalog;
}

/** A catalog's texts in a language chosen once per process (the CLI's run, the server's display language). */
export interface LocalTexts<K extends string> {
  setLocale(locale: Locale): void;
  locale(): Locale;
  t: Translate<K>;
}

export function localTexts<K extends string>(catalog: Catalog<K>): LocalTexts<K> {
  let current: Locale = 'en';
  let format = translator(catalog, 'en');
  return {
    setLocale(locale) {
      current = locale;
      format = translator(catalog, locale);
    },
    locale: () => current,
    t: (key, args) => format(key, args),
  };
}
