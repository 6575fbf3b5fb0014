/**
 * `.dockerignore` as BuildKit reads it (moby/patternmatcher and its `ignorefile.ReadAll`): one pattern a line,
 * `#` in the first column starts a comment, surrounding white space is trimmed, each pattern is cleaned like
 * Go's `filepath.Clean` and loses a leading `/`; `!` re-includes. Patterns follow Go's `filepath.Match` (`*`,
 * `?`, `[...]`, `\` escapes) plus `**` for any number of directories. A path is left out of the context when
 * the last pattern matching it, or one of the directories above it, is not a `!` pattern. Pure: no files.
 */
import type { BuildContextInfo, FileEdit } from './types.js';

/** One compiled pattern. */
export interface IgnorePattern {
  /** The cleaned pattern as BuildKit keeps it, without its `!`. */
  pattern: string;
  /** A `!` pattern: re-includes what earlier patterns excluded. */
  negated: boolean;
  matches(path: string): boolean;
}

/** The name a build context's ignore file has when nothing says otherwise. */
export const DOCKERIGNORE = '.dockerignore';

/**
 * The patterns of an ignore file, in order; null when a pattern is malformed (an unclosed `[`, a trailing
 * `\`, a lone `!`), which makes BuildKit refuse the file, so nothing can be said about what it excludes.
 */
export function parseDockerignore(text: string): IgnorePattern[] | null {
  const lines = text.split('\n').map((line, i) => {
    if (line.endsWith('\r')) line = line.slice(0, -1);
    return i === 0 && line.startsWith('\uFEFF') ? line.slice(1) : line;
  });
  // In an ignore file a pattern loses its leading `/` once cleaned.
  return compileAll(lines.filter((line) => !line.startsWith('#')), true);
}

/** Patterns given one by one (`COPY --exclude=<pattern>`), cleaned the same way; null when one is malformed. */
export function compilePatterns(patterns: readonly string[]): IgnorePattern[] | null {
  return compileAll(patterns, false);
}

/** The patterns as written, in order: blank ones skipped; null when one is malformed. */
function compileAll(written: readonly string[], dropLeadingSlash: boolean): IgnorePattern[] | null {
  const out: IgnorePattern[] = [];
  for (const raw of written) {
    let pattern = raw.trim();
    if (pattern === '') continue;
    const negated = pattern.startsWith('!');
    if (negated) pattern = pattern.slice(1).trim();
    if (pattern === '') return null;
    pattern = cleanPath(pattern);
    if (dropLeadingSlash && pattern.length > 1 && pattern.startsWith('/')) pattern = pattern.slice(1);
    const compiled = compilePattern(pattern);
    if (!compiled) return null;
    out.push({ pattern, negated, matches: compiled });
  }
  return out;
}

/**
 * Whether the patterns leave `path` (relative to the context root, `/`-separated) out of the build context.
 * Every pattern is tried on the path and, failing that, on each directory above it; the last one that
 * applies decides. The context root itself is never excluded.
 */
export function isIgnored(patterns: readonly IgnorePattern[], path: string): boolean {
  const file = cleanPath(path);
  if (file === '.') return false;
  const slash = file.lastIndexOf('/');
  const parents = slash > 0 ? file.slice(0, slash).split('/') : [];
  let excluded = false;
  for (const p of patterns) {
    // A `!` pattern only matters once something is excluded; a plain one only while nothing is.
    if (p.negated !== excluded) continue;
    let hit = p.matches(file);
    for (let i = 1; !hit && i <= parents.length; i++) hit = p.matches(parents.slice(0, i).join('/'));
    if (hit) excluded = !p.negated;
  }
  return excluded;
}

/**
 * The build context as a fix's file edits leave it: edits to the ignore file the context was read from
 * (`.dockerignore` unless `dockerignorePath` names another) change `dockerignore`, as the adapters write them:
 * `create` only when there is no file, `append` after a line break when the last line has none.
 */
export function contextAfterFileEdits(context: BuildContextInfo, edits: readonly FileEdit[]): BuildContextInfo {
  const target = context.dockerignorePath ?? DOCKERIGNORE;
  let content = context.dockerignore;
  for (const e of edits) {
    if (cleanPath(e.path) !== target || content === undefined) continue;
    if (e.kind === 'create') {
      if (content === null) content = e.text;
      continue;
    }
    if (content === null || content === '') content = e.text;
    else content = content + (/[\r\n]$/.test(content) ? '' : lineBreakOf(content)) + e.text;
  }
  return content === context.dockerignore ? context : { ...context, dockerignore: content };
}

/** The first line break of a text, `\n` when it has none. */
export function lineBreakOf(text: string): string {
  const m = /\r\n|\n|\r/.exec(text);
  return m ? m[0] : '\n';
}

/** Go's `filepath.Clean` for `/`-separated paths: no empty or `.` elements, `..` resolved where it can be. */
export function cleanPath(path: string): string {
  if (path === '') return '.';
  const rooted = path.startsWith('/');
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
      else if (!rooted) parts.push('..');
      continue;
    }
    parts.push(part);
  }
  const joined = parts.join('/');
  if (rooted) return `/${joined}`;
  return joined === '' ? '.' : joined;
}

/** Characters with a meaning in a regular expression and none in a Go file pattern. */
const REGEX_ONLY = new Set(['.', '+', '(', ')', '|', '{', '}', '$']);

/**
 * A pattern's matcher, built the way patternmatcher compiles it: plain text compares exactly, a trailing
 * `**` compares a prefix, a leading `**` a suffix, anything else goes through a regular expression. Null when
 * the pattern is malformed.
 */
function compilePattern(pattern: string): ((path: string) => boolean) | null {
  if (!wellFormed(pattern)) return null;
  let regex = '^';
  let kind: 'exact' | 'prefix' | 'suffix' | 'regex' = 'exact';
  const chars = [...pattern];
  for (let i = 0, step = 0; i < chars.length; step++) {
    const ch = chars[i++]!;
    if (ch === '*') {
      if (chars[i] === '*') {
        i++;
        if (chars[i] === '/') i++;
        if (i >= chars.length) {
          // `**` at the end takes everything below, as in .gitignore.
          if (kind === 'exact') kind = 'prefix';
          else {
            regex += '.*';
            kind = 'regex';
          }
        } else {
          regex += '(.*/)?';
          kind = 'regex';
        }
        if (step === 0) kind = 'suffix';
      } else {
        regex += '[^/]*';
        kind = 'regex';
      }
    } else if (ch === '?') {
      regex += '[^/]';
      kind = 'regex';
    } else if (REGEX_ONLY.has(ch)) {
      regex += `\\${ch}`;
    } else if (ch === '\\') {
      // wellFormed() has made sure something follows.
      regex += `\\${chars[i++]!}`;
      kind = 'regex';
    } else if (ch === '[' || ch === ']') {
      regex += ch;
      kind = 'regex';
    } else {
      regex += ch;
    }
  }
  switch (kind) {
    case 'exact':
      return (path) => path === pattern;
    case 'prefix': {
      const prefix = pattern.slice(0, -2);
      return (path) => path.startsWith(prefix);
    }
    case 'suffix': {
      const suffix = pattern.slice(2);
      return (path) => path.endsWith(suffix) || (suffix.startsWith('/') && path === suffix.slice(1));
    }
    case 'regex': {
      let re: RegExp;
      try {
        re = new RegExp(`${regex}$`);
      } catch {
        return null;
      }
      return (path) => re.test(path);
    }
  }
}

/**
 * What Go's `filepath.Match` rejects: a `\` with nothing after it, a `[` class that is never closed or is
 * empty, a class that starts with `]` or `-`, a range with no end.
 */
function wellFormed(pattern: string): boolean {
  const chars = [...pattern];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (ch === '\\') {
      if (i + 1 >= chars.length) return false;
      i++;
      continue;
    }
    if (ch !== '[') continue;
    i++;
    if (chars[i] === '^') i++;
    let count = 0;
    for (;;) {
      if (i >= chars.length) return false;
      const c = chars[i]!;
      if (c === ']' && count > 0) break;
      if (c === '\\') {
        i++;
        if (i >= chars.length) return false;
      } else if (c === '-' || c === ']') {
        // `]` cannot be a class's first member, and `-` cannot start a range.
        return false;
      }
      i++;
      count++;
      if (chars[i] === '-') {
        i++;
        if (i >= chars.length) return false;
        const end = chars[i]!;
        if (end === ']' || end === '-') return false;
        if (end === '\\') {
          i++;
          if (i >= chars.length) return false;
        }
        i++;
      }
    }
  }
  return true;
}
