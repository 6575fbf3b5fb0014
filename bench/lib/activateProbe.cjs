// Loads the bundled extension (client/out/extension.js) in a plain Node process with a stand-in `vscode`
// module, calls activate() and prints the timings as JSON on stdout, then deactivates.
//
// The stand-in: every name @types/vscode exports (namespaces, classes, enums) is a Proxy that answers any
// property read, call or `new` with another such Proxy, so the extension and vscode-languageclient run
// their real code without an editor. It is put in the require cache under the id `vscode`. activate()
// starts the real server (over IPC, as in VS Code) without waiting for it; deactivate() at the end waits
// for that start to finish before it stops the server.
'use strict';
const Module = require('node:module');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { performance } = require('node:perf_hooks');

const root = process.argv[2];

function standIn() {
  return new Proxy(function vscodeStandIn() {}, {
    get(_target, prop) {
      if (prop === 'then') return undefined; // not a promise
      if (prop === Symbol.iterator) return function* empty() {};
      if (prop === Symbol.toPrimitive) return () => '';
      return standIn();
    },
    apply: () => standIn(),
    construct: () => standIn(),
  });
}

const typings = readFileSync(require.resolve('@types/vscode/index.d.ts', { paths: [root] }), 'utf8');
const vscode = { version: '1.95.0' };
for (const m of typings.matchAll(/^\texport (?:namespace|class|enum) ([A-Za-z]+)/gm)) vscode[m[1]] = standIn();
const resolve = Module._resolveFilename;
Module._resolveFilename = function resolveVscode(request, ...rest) {
  return request === 'vscode' ? 'vscode' : resolve.call(this, request, ...rest);
};
require.cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: vscode };

const context = {
  subscriptions: [],
  extensionPath: root,
  asAbsolutePath: (p) => join(root, p),
  globalState: standIn(),
  workspaceState: standIn(),
  extensionUri: standIn(),
  environmentVariableCollection: standIn(),
  storageUri: undefined,
  globalStorageUri: standIn(),
  logUri: standIn(),
  extensionMode: 1,
};

const t0 = performance.now();
const extension = require(join(root, 'client', 'out', 'extension.js'));
const t1 = performance.now();
const pending = extension.activate(context);
const t2 = performance.now();
pending.then(
  async () => {
    const t3 = performance.now();
    process.stdout.write(`${JSON.stringify({ load: t1 - t0, call: t2 - t1, resolved: t3 - t1 })}\n`);
    await extension.deactivate();
    process.exit(0);
  },
  (error) => {
    process.stderr.write(`activate() failed: ${error && error.stack ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
