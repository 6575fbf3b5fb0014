/**
 * Whether a `go build`/`go install` links without the symbol table and DWARF (`-ldflags "-s -w"`), for
 * go-binary-unstripped. Read from the command's own flags and GOFLAGS; `artifacts.ts` attaches it to the
 * Go artifact.
 */
import type { ShellWord } from './shell.js';

export interface GoStrip {
  /** `-s` or `-w` is in the link flags; null when the flags are not known (an expansion, GOFLAGS unknown). */
  stripped: boolean | null;
  /** `-trimpath` is given. */
  trimpath: boolean;
  /** The `-ldflags` word (or `-ldflags=…`) as written, when there is one. */
  ldflags: { word: ShellWord; value: ShellWord | null } | null;
  /** A debug build (`-gcflags` with `-N`, for delve) or a non-executable build mode: stripping is not wanted. */
  special: boolean;
  /** GOFLAGS holds link flags: an `-ldflags` on the command line would replace them, not add to them. */
  ldflagsInGoflags: boolean;
}

/**
 * Link flags whose only unknown parts are `-X` values (`-X main.version=${VERSION}`): whether they hold `-s` or
 * `-w` can still be read. A variable elsewhere (`"$LDFLAGS"`) or a command substitution may hold anything.
 */
function readable(text: string): boolean {
  if (!/[$`]/.test(text)) return true;
  if (/\$\(|`/.test(text)) return false;
  const tokens = text.replace(/["']/g, ' ').split(/\s+/).filter(Boolean);
  return tokens.every((t, i) => !t.includes('$') || /^--?X$/.test(tokens[i - 1] ?? '') || /^--?X=/.test(t));
}

const STRIP_FLAG = /(?:^|[\s'"=])--?[sw](?:[\s'"]|=true|$)/;

/**
 * `args` are the words after `build`/`install`; `goflags` is GOFLAGS as the command sees it (undefined when
 * unset, null when it is set to something unknown).
 */
export function goStripOf(args: readonly ShellWord[], goflags: string | null | undefined): GoStrip {
  let ldflags: GoStrip['ldflags'] = null;
  const texts: string[] = [];
  let known = true;
  let trimpath = false;
  let special = false;
  for (let i = 0; i < args.length; i++) {
    const w = args[i]!;
    const t = w.value ?? w.text;
    const flag = t.replace(/^--/, '-');
    if (flag === '-trimpath' || flag === '-trimpath=true') trimpath = true;
    if (flag === '-ldflags' || flag.startsWith('-ldflags=')) {
      const value = flag === '-ldflags' ? (args[i + 1] ?? null) : null;
      ldflags = { word: w, value };
      const text = value ? (value.value ?? value.text) : flag.slice('-ldflags='.length);
      if (readable(text)) texts.push(text);
      else known = false;
    }
    if (flag === '-gcflags' || flag.startsWith('-gcflags=')) {
      const text = flag === '-gcflags' ? (args[i + 1]?.value ?? args[i + 1]?.text ?? '') : flag;
      if (/(?:^|[\s'"=])-N\b/.test(text)) special = true;
    }
    if (flag === '-buildmode' || flag.startsWith('-buildmode=')) {
      const mode = flag === '-buildmode' ? args[i + 1]?.value : flag.slice('-buildmode='.length);
      if (mode !== 'exe' && mode !== 'pie' && mode !== 'default') special = true;
    }
  }
  const ldflagsInGoflags = typeof goflags === 'string' && goflags.includes('-ldflags');
  if (goflags === null) known = false;
  else if (goflags !== undefined) {
    if (/-trimpath\b/.test(goflags)) trimpath = true;
    if (ldflagsInGoflags) texts.push(goflags);
  }
  const stripped = texts.some((t) => STRIP_FLAG.test(t)) ? true : known ? false : null;
  return { stripped, trimpath, ldflags, special, ldflagsInGoflags };
}
