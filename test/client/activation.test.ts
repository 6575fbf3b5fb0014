/**
 * The bundled extension (client/out/extension.js, built by `npm run build`) in a plain Node process, with a
 * stand-in `vscode` module: activate() must not wait for the language server, and what runs while the
 * server is still starting (a command, a restart, deactivation) must wait for it instead of failing. The
 * language client and the server are the real ones, over IPC as in VS Code.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import Module from 'node:module';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

const ROOT = join(__dirname, '..', '..');
const EXTENSION = join(ROOT, 'client', 'out', 'extension.js');

type Handler = (...args: unknown[]) => Promise<unknown>;

/** What the stand-in saw: registered commands, and every `vscode.languages` function the client called. */
const commands = new Map<string, Handler>();
const languageCalls: string[] = [];

/** Answers any property read, call or `new` with another stand-in (so the client's setup code runs). */
function standIn(onCall?: () => void): object {
  return new Proxy(function vscodeStandIn() {}, {
    get(_target, prop) {
      if (prop === 'then') return undefined;
      if (prop === Symbol.iterator) return function* empty() {};
      if (prop === Symbol.toPrimitive) return () => '';
      return standIn();
    },
    apply: () => {
      onCall?.();
      return standIn();
    },
    construct: () => standIn(),
  });
}

function installVscode(): void {
  const typings = readFileSync(require.resolve('@types/vscode/index.d.ts', { paths: [ROOT] }), 'utf8');
  const vscode: Record<string, unknown> = { version: '1.95.0' };
  for (const m of typings.matchAll(/^\texport (?:namespace|class|enum) ([A-Za-z]+)/gm)) vscode[m[1]!] = standIn();
  vscode['commands'] = new Proxy(
    {},
    {
      get(_t, prop) {
        if (prop === 'registerCommand') {
          return (id: string, handler: Handler) => {
            commands.set(id, handler);
            return { dispose: () => commands.delete(id) };
          };
        }
        return standIn();
      },
    },
  );
  vscode['languages'] = new Proxy(
    {},
    {
      get(_t, prop) {
        if (typeof prop !== 'string' || prop === 'then') return undefined;
        return standIn(() => languageCalls.push(prop));
      },
    },
  );
  const mod = Module as unknown as { _resolveFilename(request: string, ...rest: unknown[]): string };
  const resolve = mod._resolveFilename;
  mod._resolveFilename = function resolveVscode(this: unknown, request: string, ...rest: unknown[]): string {
    return request === 'vscode' ? 'vscode' : resolve.call(this, request, ...rest);
  };
  require.cache['vscode'] = { id: 'vscode', filename: 'vscode', loaded: true, exports: vscode } as NodeJS.Module;
}

function context(): { subscriptions: { dispose(): unknown }[]; asAbsolutePath(p: string): string } & Record<string, unknown> {
  return {
    subscriptions: [],
    extensionPath: ROOT,
    asAbsolutePath: (p: string) => join(ROOT, p),
    globalState: standIn(),
    workspaceState: standIn(),
    extensionUri: standIn(),
    environmentVariableCollection: standIn(),
    storageUri: undefined,
    globalStorageUri: standIn(),
    logUri: standIn(),
    extensionMode: 1,
  };
}

interface Extension {
  activate(ctx: unknown): Promise<void>;
  deactivate(): Promise<void>;
}

describe('extension activation (bundled client, stand-in vscode)', { skip: existsSync(EXTENSION) ? false : 'client/out/extension.js is not built (npm run build)' }, () => {
  let extension: Extension;
  before(() => {
    installVscode();
    extension = require(EXTENSION) as Extension;
  });
  after(async () => {
    await extension.deactivate();
  });

  it('resolves before the server is up; a command run at once waits for the server and gets its answer', async () => {
    await extension.activate(context());
    assert.deepEqual([...commands.keys()].sort(), [
      'dockerfileSlim.enableFixOnSave',
      'dockerfileSlim.measure',
      'dockerfileSlim.openRuleDoc',
      'dockerfileSlim.openSample',
      'dockerfileSlim.restartServer',
      'dockerfileSlim.showOutput',
      'dockerfileSlim.showSavings',
      'dockerfileSlim.slim',
      'dockerfileSlim.verify',
    ]);
    // The client registers its providers once the server has answered `initialize`: not yet.
    assert.equal(languageCalls.length, 0, `called before the server was up: ${languageCalls.join(', ')}`);
    // No such document is open, so the server answers null (the command gives undefined) instead of failing.
    const result = await commands.get('dockerfileSlim.showSavings')!('file:///nowhere/Dockerfile');
    assert.equal(result, undefined);
    assert.ok(languageCalls.includes('registerHoverProvider'), `providers after start: ${languageCalls.join(', ')}`);
  });

  it('restarts and deactivates cleanly while the server is still starting', async () => {
    await extension.deactivate();
    commands.clear();
    languageCalls.length = 0;
    await extension.activate(context());
    assert.equal(languageCalls.length, 0, `called before the server was up: ${languageCalls.join(', ')}`);
    // Without waiting, stopping a starting client throws ("Client is not running and can't be stopped").
    await commands.get('dockerfileSlim.restartServer')!();
    assert.ok(languageCalls.includes('registerHoverProvider'));
    const result = await commands.get('dockerfileSlim.showSavings')!('file:///nowhere/Dockerfile');
    assert.equal(result, undefined);
    await extension.deactivate();
    // Another activation, deactivated before its server is up.
    const hovers = (): number => languageCalls.filter((c) => c === 'registerHoverProvider').length;
    const registered = hovers();
    await extension.activate(context());
    assert.equal(hovers(), registered);
    await extension.deactivate();
  });
});
