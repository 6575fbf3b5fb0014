/**
 * Parsing of image references as written after `FROM`.
 *
 * Grammar (docker/distribution "reference" package, restated):
 *   reference  := name [ ":" tag ] [ "@" digest ]
 *   name       := [ domain "/" ] path-component ( "/" path-component )*
 *   domain     := host [ ":" port ]        (a first component is a domain when it contains "." or ":",
 *                                           or is "localhost", or has upper-case letters)
 *   path-comp  := [a-z0-9]+ ( ( "." | "_" | "__" | "-"+ ) [a-z0-9]+ )*
 *   tag        := [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}
 *   digest     := algorithm ":" hex        (sha256 needs 64 hex digits)
 *
 * Docker Hub names are normalised: `node` → registry `docker.io`, repository `library/node`.
 *
 * Variables (`$VAR`, `${VAR}`, `${VAR:-word}`, `${VAR-word}`, `${VAR:+word}`, `${VAR+word}`) are expanded
 * through the `vars` callback. A variable that cannot be expanded stays in the result as `${VAR}` and the
 * reference is marked `unresolved`.
 *
 * Pure module: no I/O, no editor types.
 */

export interface ImageRef {
  /** The input exactly as given. All offsets below index into this string. */
  readonly text: string;
  /** Registry host (with port), e.g. `docker.io`, `localhost:5000`, `gcr.io`. Empty for `scratch`. */
  readonly registry: string;
  /** Normalised repository path without the registry, e.g. `library/node`, `distroless/static-debian12`. */
  readonly repository: string;
  /** Last path component, e.g. `node`, `static-debian12`. */
  readonly name: string;
  /**
   * Name as people write it: Docker Hub official images without `docker.io/library/`
   * (`node`), other Docker Hub images without `docker.io/` (`bitnami/node`), everything else with the registry.
   */
  readonly familiarName: string;
  /** Tag after variable expansion (unexpanded variables appear as `${NAME}`), or null when absent. */
  readonly tag: string | null;
  /** Digest (`sha256:…`) or null. */
  readonly digest: string | null;
  /** True when at least one variable could not be expanded. */
  readonly unresolved: boolean;
  /** Names of the variables that could not be expanded, in order of appearance, without duplicates. */
  readonly unresolvedVariables: readonly string[];
  /** True for the reserved empty base image `scratch`. */
  readonly isScratch: boolean;
  /** True for Docker Hub official images (`docker.io/library/*`). */
  readonly isOfficial: boolean;
  /**
   * Offsets of the tag in `text` (start inclusive, end exclusive), without the leading `:`.
   * Null when there is no tag, or when a variable's text spans both the tag and a neighbouring part, so
   * that the tag cannot be replaced on its own.
   */
  readonly tagStart: number | null;
  readonly tagEnd: number | null;
  /** `text.slice(tagStart, tagEnd)` (may contain variable references), or null. */
  readonly tagText: string | null;
  /**
   * Offset in `text` where `:tag` can be inserted when the reference has no tag (just after the name,
   * before any `@digest`). Null when the reference has a tag or the end of the name is inside a variable.
   */
  readonly tagInsertOffset: number | null;
}

/** Looks up a build argument or environment variable; undefined when it is not set. */
export type VarLookup = (name: string) => string | undefined;

const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const DOMAIN_LABEL = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = new RegExp(`^(?:${DOMAIN_LABEL}(?:\\.${DOMAIN_LABEL})*|\\[[0-9a-fA-F:.]+\\])(?::[0-9]+)?$`);
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[0-9a-fA-F]{32,}$/;
const SHA256 = /^sha256:[0-9a-fA-F]{64}$/;
const VAR_NAME = /^[A-Za-z_][A-Za-z0-9_]*/;
/** How an unexpanded variable appears in expanded text. */
const PLACEHOLDER = /\$\{[A-Za-z_][A-Za-z0-9_]*\}/g;
const MAX_NAME_LENGTH = 255;

interface Expansion {
  /** Expanded text. */
  value: string;
  /** For each character of `value`, the span of `text` it came from. */
  from: number[];
  to: number[];
  unresolved: string[];
}

/**
 * Expands variables in `text`. Literal characters map to themselves; characters produced by a variable map to
 * the whole `${…}` (or `$NAME`) span. Returns null on malformed syntax (an unclosed `${`).
 */
function expand(text: string, vars: VarLookup | undefined): Expansion | null {
  const out: Expansion = { value: '', from: [], to: [], unresolved: [] };
  const push = (s: string, from: number, to: number): void => {
    out.value += s;
    for (let k = 0; k < s.length; k++) {
      out.from.push(from);
      out.to.push(to);
    }
  };
  let i = 0;
  while (i < text.length) {
    if (text.charCodeAt(i) !== 36 /* $ */) {
      // A run of literal characters, each mapped to itself.
      let j = text.indexOf('$', i);
      if (j === -1) j = text.length;
      out.value += text.slice(i, j);
      for (let k = i; k < j; k++) {
        out.from.push(k);
        out.to.push(k + 1);
      }
      i = j;
      continue;
    }
    const start = i;
    if (text[i + 1] === '{') {
      const close = findClosingBrace(text, i + 2);
      if (close < 0) return null;
      const inner = text.slice(i + 2, close);
      const resolved = expandBraced(inner, vars);
      if (resolved === null) return null;
      if (resolved.kind === 'value') {
        push(resolved.value, start, close + 1);
      } else {
        push('${' + resolved.name + '}', start, close + 1);
        out.unresolved.push(resolved.name);
      }
      i = close + 1;
      continue;
    }
    const m = VAR_NAME.exec(text.slice(i + 1));
    if (!m) {
      push('$', i, i + 1);
      i++;
      continue;
    }
    const name = m[0];
    const end = i + 1 + name.length;
    const value = vars?.(name);
    if (value === undefined) {
      push('${' + name + '}', start, end);
      out.unresolved.push(name);
    } else {
      push(value, start, end);
    }
    i = end;
  }
  return out;
}

function findClosingBrace(text: string, from: number): number {
  let depth = 0;
  for (let j = from; j < text.length; j++) {
    const c = text[j];
    if (c === '$' && text[j + 1] === '{') {
      depth++;
      j++;
    } else if (c === '}') {
      if (depth === 0) return j;
      depth--;
    }
  }
  return -1;
}

type Braced = { kind: 'value'; value: string } | { kind: 'unresolved'; name: string };

function expandBraced(inner: string, vars: VarLookup | undefined): Braced | null {
  const m = VAR_NAME.exec(inner);
  if (!m) return null;
  const name = m[0];
  const rest = inner.slice(name.length);
  const value = vars?.(name);
  if (rest === '') {
    return value === undefined ? { kind: 'unresolved', name } : { kind: 'value', value };
  }
  if (rest.startsWith(':?')) {
    return value === undefined || value === '' ? { kind: 'unresolved', name } : { kind: 'value', value };
  }
  if (rest.startsWith('?')) {
    return value === undefined ? { kind: 'unresolved', name } : { kind: 'value', value };
  }
  const op = /^(:-|-|:\+|\+)/.exec(rest);
  if (!op) {
    // Pattern modifiers (`#`, `%`, `/` …) are not evaluated here.
    return { kind: 'unresolved', name };
  }
  const word = rest.slice(op[0].length);
  const wordValue = (): Braced => {
    const e = expand(word, vars);
    if (e === null) return { kind: 'unresolved', name };
    if (e.unresolved.length > 0) return { kind: 'unresolved', name: e.unresolved[0]! };
    return { kind: 'value', value: e.value };
  };
  switch (op[0]) {
    case ':-':
      return value === undefined || value === '' ? wordValue() : { kind: 'value', value };
    case '-':
      return value === undefined ? wordValue() : { kind: 'value', value };
    case ':+':
      return value !== undefined && value !== '' ? wordValue() : { kind: 'value', value: '' };
    default: // '+'
      return value !== undefined ? wordValue() : { kind: 'value', value: '' };
  }
}

/** Validates a part that may contain `${NAME}` placeholders by checking it with each placeholder as `x`. */
function validWithPlaceholders(part: string, re: RegExp): boolean {
  return re.test(part.replace(PLACEHOLDER, 'x'));
}

function hasPlaceholder(part: string): boolean {
  return part.replace(PLACEHOLDER, '') !== part;
}

function isWholePlaceholder(part: string): boolean {
  return part.replace(PLACEHOLDER, '') === '' && part !== '';
}

// Rules ask about the same few images many times per lint; references without variables are parsed once.
const parsed = new Map<string, ImageRef | null>();
const PARSED_LIMIT = 1000;

/**
 * Parses an image reference. Returns null for text that is not a valid reference (including upper-case
 * repository names, empty input and whitespace). The result may be shared between calls (it is read-only).
 */
export function parseImageRef(text: string, vars?: VarLookup): ImageRef | null {
  // Without a `$` the lookup is never asked: the reference is the one without it (kept).
  if (vars !== undefined && text.indexOf('$') !== -1) return parse(text, vars);
  let ref = parsed.get(text);
  if (ref === undefined) {
    ref = parse(text, undefined);
    if (parsed.size >= PARSED_LIMIT) parsed.clear();
    parsed.set(text, ref);
  }
  return ref;
}

function parse(text: string, vars: VarLookup | undefined): ImageRef | null {
  if (text.length === 0 || /\s/.test(text)) return null;
  const e = expand(text, vars);
  if (e === null || e.value.length === 0 || /\s/.test(e.value)) return null;
  const s = e.value;
  const unresolvedVariables = [...new Set(e.unresolved)];
  const unresolved = unresolvedVariables.length > 0;

  if (s === 'scratch') {
    return {
      text,
      registry: '',
      repository: 'scratch',
      name: 'scratch',
      familiarName: 'scratch',
      tag: null,
      digest: null,
      unresolved: false,
      unresolvedVariables: [],
      isScratch: true,
      isOfficial: false,
      tagStart: null,
      tagEnd: null,
      tagText: null,
      tagInsertOffset: null,
    };
  }

  // Split off the digest.
  let rest = s;
  let digest: string | null = null;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (hasPlaceholder(digest)) {
      if (!/^[A-Za-z0-9_.+:${}-]+$/.test(digest)) return null;
    } else if (!DIGEST.test(digest) || (digest.startsWith('sha256:') && !SHA256.test(digest))) {
      return null;
    }
  }

  // Split off the tag: the last ':' after the last '/'.
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.indexOf(':', lastSlash + 1);
  let tag: string | null = null;
  let nameEnd = rest.length; // index in `s` where the name ends
  if (colon >= 0) {
    tag = rest.slice(colon + 1);
    nameEnd = colon;
    rest = rest.slice(0, colon);
    if (!validWithPlaceholders(tag, TAG)) return null;
  }
  const name = rest;
  if (name.length === 0) return null;

  // Split the domain from the path.
  const components = name.split('/');
  let registry = 'docker.io';
  let pathComponents = components;
  if (components.length > 1) {
    const first = components[0]!;
    const looksLikeDomain =
      first.includes('.') || first.includes(':') || first === 'localhost' || first !== first.toLowerCase();
    if (looksLikeDomain || isWholePlaceholder(first)) {
      if (!validWithPlaceholders(first, DOMAIN)) return null;
      registry = first === 'index.docker.io' || first === 'registry-1.docker.io' ? 'docker.io' : first;
      pathComponents = components.slice(1);
    }
  }
  if (pathComponents.length === 0) return null;
  for (const c of pathComponents) {
    if (!validWithPlaceholders(c, PATH_COMPONENT)) return null;
  }
  const addedLibrary = registry === 'docker.io' && pathComponents.length === 1;
  if (addedLibrary) pathComponents = ['library', ...pathComponents];
  const repository = pathComponents.join('/');
  if (!unresolved && registry.length + 1 + repository.length > MAX_NAME_LENGTH) return null;
  const isOfficial =
    registry === 'docker.io' &&
    pathComponents[0] === 'library' &&
    pathComponents.length === 2 &&
    !hasPlaceholder(pathComponents[1]!);
  const familiarName =
    registry === 'docker.io'
      ? isOfficial || addedLibrary
        ? pathComponents[1]!
        : repository
      : `${registry}/${repository}`;

  // Map the tag back to the input.
  let tagStart: number | null = null;
  let tagEnd: number | null = null;
  let tagText: string | null = null;
  let tagInsertOffset: number | null = null;
  if (tag !== null) {
    const ts = nameEnd + 1; // first tag character in `s`
    const te = nameEnd + 1 + tag.length; // one past the last tag character in `s`
    const rawStart = e.from[ts]!;
    const rawEnd = e.to[te - 1]!;
    const sharedBefore = e.from[ts - 1] === rawStart; // a variable also produced the ':' or name
    const sharedAfter = te < s.length && e.to[te] === rawEnd; // a variable also produced the '@…'
    if (!sharedBefore && !sharedAfter) {
      tagStart = rawStart;
      tagEnd = rawEnd;
      tagText = text.slice(rawStart, rawEnd);
    }
  } else {
    const last = nameEnd - 1;
    const rawEnd = e.to[last]!;
    const sharedAfter = nameEnd < s.length && e.to[nameEnd] === rawEnd;
    if (!sharedAfter) tagInsertOffset = rawEnd;
  }

  return {
    text,
    registry,
    repository,
    name: pathComponents[pathComponents.length - 1]!,
    familiarName,
    tag,
    digest,
    unresolved,
    unresolvedVariables,
    isScratch: false,
    isOfficial,
    tagStart,
    tagEnd,
    tagText,
    tagInsertOffset,
  };
}

/** `familiarName[:tag][@digest]`, e.g. `node:22-slim`. */
export function formatImageRef(ref: ImageRef): string {
  if (ref.isScratch) return 'scratch';
  let out = ref.familiarName;
  if (ref.tag !== null) out += `:${ref.tag}`;
  if (ref.digest !== null) out += `@${ref.digest}`;
  return out;
}
