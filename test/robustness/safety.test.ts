import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { escapeMarkdown } from '../../server/src/engine/catalog/hoverCard.js';

/**
 * Nothing runs, nothing goes on the network: the extension client, the language server, the engine and the
 * CLI never start a process, evaluate code or open a connection. The scan looks at our own sources
 * (dependencies are judged when they are added); comments are ignored.
 */
const root = join(__dirname, '..', '..');
const SCANNED = ['server/src', 'client/src'];

/** Modules that run programs, evaluate code or talk to the network. */
const FORBIDDEN_MODULES = ['child_process', 'http', 'https', 'http2', 'net', 'tls', 'dgram', 'dns', 'vm', 'worker_threads', 'cluster', 'inspector', 'undici', 'ws', 'node-fetch', 'axios'];

/** Calls and names that run code or programs, open connections, or trust markdown. */
const FORBIDDEN_CODE: [RegExp, string][] = [
  [/\beval\s*\(/, 'eval('],
  [/\bnew\s+Function\b/, 'new Function'],
  [/(?<![.\w$])Function\s*\(/, 'Function('],
  // Calls, not methods of other objects (`/re/.exec(s)`) nor words in messages ("the exec (JSON) form").
  // A call's arguments do not start with `\` or `?`; a regular expression's group does (`/exec(\s|$)/`).
  [/(?<![.\w$])(exec|execSync|execFile|execFileSync|spawn|spawnSync|fork)\((?![\\?])/, 'exec/spawn/fork'],
  // The global fetch; not a method called fetch, nor its declaration (`fetch(uri: string): Promise<…>`).
  [/(?<![.\w$])fetch\s*\((?![^)]*\)\s*:)|\b(globalThis|window|self)\s*\.\s*fetch\b/, 'fetch('],
  [/\bWebSocket\b/, 'WebSocket'],
  [/\bXMLHttpRequest\b/, 'XMLHttpRequest'],
  [/\bprocess\s*\.\s*(binding|dlopen)\b/, 'process.binding/dlopen'],
  [/\brequire\s*\(\s*[^'"\s)]/, 'require() of a computed name'],
  [/\bimport\s*\(\s*[^'"\s)]/, 'import() of a computed name'],
  [/\b(createTerminal|ShellExecution|ProcessExecution|executeTask)\b/, 'a terminal or task'],
  [/\bisTrusted\s*[:=]\s*(true|\{)/, 'trusted markdown'],
  [/\bsupportHtml\s*[:=]\s*true/, 'HTML in markdown'],
];

function tsFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? tsFiles(p) : /\.(ts|mts|cts|js|mjs)$/.test(name) ? [p] : [];
  });
}

/** The source without comments (block comments, and line comments that start a line or follow a space). */
function stripComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, ' ')).replace(/(^|\s)\/\/.*$/gm, '$1');
}

/** Module names a file imports, requires or re-exports. */
function modulesOf(source: string): string[] {
  return [...source.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g)].map(
    (m) => (m[1] ?? m[2] ?? m[3] ?? m[4])!,
  );
}

/** Every forbidden use in a source text, as `what (line n)`. */
export function forbiddenUses(source: string): string[] {
  const code = stripComments(source);
  const out: string[] = [];
  for (const spec of modulesOf(code)) {
    const bare = spec.replace(/^node:/, '').split('/')[0]!;
    if (FORBIDDEN_MODULES.includes(bare)) out.push(`imports ${spec}`);
  }
  code.split('\n').forEach((line, i) => {
    for (const [pattern, what] of FORBIDDEN_CODE) if (pattern.test(line)) out.push(`${what} (line ${i + 1})`);
  });
  return out;
}

/**
 * The one exception: `server/src/node/builder.ts` runs the user's container builder (docker, podman or
 * buildah, without a shell), and only for the explicit measure commands (CLI `measure` and `fix --verify`, the
 * editor's "Measure image" and "Verify by building" in a trusted workspace). Only that code may import it.
 * `server/src/node/smoke.ts` (the smoke test after such a build) connects to the container's published ports.
 */
const BUILDER = 'server/src/node/builder.ts';
const BUILDER_USES = /^(imports node:child_process|exec\/spawn\/fork \(line \d+\))$/;
/** The smoke test after a build connects to the container's published ports, on 127.0.0.1 only. */
const SMOKE = 'server/src/node/smoke.ts';
const SMOKE_USES = /^imports node:net$/;
/**
 * The CLI's loader (`dockerfile-slim`, server/out/cli.js) compiles the CLI bundle beside it (cli-main.js, a
 * fixed path) with `vm.Script`, the only way to hand V8 a code cache on Node < 22.1: it evaluates our own
 * shipped file, as `require` would, and nothing else.
 */
const LOADER = 'server/src/cli/loader.ts';
const LOADER_USES = /^imports node:vm$/;
const MEASURE_ONLY: Record<string, string[]> = {
  'server/src/node/builder.ts': ['server/src/node/measure.ts', 'server/src/node/verify.ts', 'server/src/node/smoke.ts', 'server/src/cli/commands/measure.ts', 'server/src/cli/commands/fix.ts', 'server/src/lsp/measure.ts', 'server/src/lsp/verify.ts'],
  'server/src/node/measure.ts': ['server/src/node/verify.ts', 'server/src/cli/commands/measure.ts', 'server/src/cli/commands/fix.ts', 'server/src/lsp/measure.ts', 'server/src/lsp/verify.ts'],
  'server/src/node/verify.ts': ['server/src/cli/commands/fix.ts', 'server/src/lsp/verify.ts'],
  'server/src/node/smoke.ts': ['server/src/node/verify.ts', 'server/src/lsp/verify.ts'],
};

describe('safety: nothing runs, no network', () => {
  it('scans the sources of the server, the engine, the CLI and the client', () => {
    const files = SCANNED.flatMap((d) => tsFiles(join(root, d)));
    assert.ok(files.some((f) => f.includes('/engine/')) && files.some((f) => f.includes('/cli/')), 'expected the engine and the CLI sources');
    const bad = files.flatMap((f) =>
      forbiddenUses(readFileSync(f, 'utf8'))
        .filter((u) => !(relative(root, f) === BUILDER && BUILDER_USES.test(u)) && !(relative(root, f) === SMOKE && SMOKE_USES.test(u)) && !(relative(root, f) === LOADER && LOADER_USES.test(u)))
        .map((u) => `${relative(root, f)}: ${u}`),
    );
    assert.deepEqual(bad, []);
  });

  it('the loader compiles only the bundle beside it, from a fixed path', () => {
    const code = stripComments(readFileSync(join(root, LOADER), 'utf8'));
    assert.match(code, /^const MAIN = join\(__dirname, 'cli-main\.js'\);$/m);
    assert.equal([...code.matchAll(/new Script\(/g)].length, 1);
    assert.match(code, /const source = readFileSync\(MAIN, 'utf8'\);/);
    assert.deepEqual([...code.matchAll(/require\(([^)]*)\)/g)].map((m) => m[1]), ["'./cli-main.js'"]);
  });

  it('only the measure and verify commands reach the code that runs a builder', () => {
    const files = SCANNED.flatMap((d) => tsFiles(join(root, d)));
    for (const [target, allowed] of Object.entries(MEASURE_ONLY)) {
      const name = target.replace(/^.*\//, '').replace(/\.ts$/, '.js');
      const importers = files
        .filter((f) => modulesOf(stripComments(readFileSync(f, 'utf8'))).some((m) => m.endsWith(`/${name}`) && join(f, '..', m) === join(root, target.replace(/\.ts$/, '.js'))))
        .map((f) => relative(root, f))
        .sort();
      assert.ok(importers.length > 0, `${target} is imported somewhere`);
      assert.deepEqual(importers.filter((f) => !allowed.includes(f)), [], `${target} imported outside the measure and verify commands`);
    }
  });

  it('the scanner finds each forbidden use, and not regex .exec() or words in comments and strings', () => {
    const samples: [string, string[]][] = [
      ["import { spawn } from 'node:child_process';", ['imports node:child_process']],
      ["import * as cp from 'child_process';", ['imports child_process']],
      ["const h = require('https');", ['imports https']],
      ["import net from 'net';", ['imports net']],
      ["const m = await import('node:vm');", ['imports node:vm']],
      ['spawn(cmd, args);', ['exec/spawn/fork (line 1)']],
      ['execSync("ls");', ['exec/spawn/fork (line 1)']],
      ['eval(code);', ['eval( (line 1)']],
      ['const f = new Function("return 1");', ['new Function (line 1)', 'Function( (line 1)']],
      ['await fetch(url);', ['fetch( (line 1)']],
      ['const ws = new WebSocket(url);', ['WebSocket (line 1)']],
      ['const m = require(name);', ['require() of a computed name (line 1)']],
      ['vscode.window.createTerminal("x");', ['a terminal or task (line 1)']],
      ['const md = new MarkdownString(text); md.isTrusted = true;', ['trusted markdown (line 1)']],
      ['const options = { markdown: { isTrusted: true, supportHtml: true } };', ['trusted markdown (line 1)', 'HTML in markdown (line 1)']],
      ['const m = /^#!\\s*(\\S+)/.exec(body);', []],
      ["const note = 'CMD must use the exec (JSON array) form';", []],
      ['if (/(^|\\s)exec(\\s|$)/.test(prefix)) return;', []],
      ['const r = /spawn(?:Sync)?/;', []],
      ['  fetch(uri: string): Promise<unknown>;', []],
      ['const raw = await this.source.fetch(uri);', []],
      ['const r = await globalThis.fetch(u);', ['fetch( (line 1)']],
      ["const WRAPPERS = new Set(['sudo', 'exec']);", []],
      ['// we never call fetch(url) or spawn(x) here', []],
      ['/* eval(x) would be bad */ const x = 1;', []],
      ["const url = 'https://example.com/docs';", []],
      ["import { readFileSync } from 'node:fs';", []],
    ];
    for (const [source, expected] of samples) assert.deepEqual(forbiddenUses(source), expected, source);
  });
});

describe('safety: markdown never trusts text from the Dockerfile', () => {
  it('escapeMarkdown leaves no unescaped ASCII punctuation and no line break, and loses nothing', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (text) => {
        const escaped = escapeMarkdown(text);
        assert.doesNotMatch(escaped.replace(/\\[!-/:-@[-`{-~]/g, ''), /[!-/:-@[-`{-~\r\n]/);
        assert.equal(escaped.replace(/\\([!-/:-@[-`{-~])/g, '$1'), text.replace(/\r\n|\r|\n/g, ' '));
      }),
      { seed: 8, numRuns: 500 },
    );
  });
});
