import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Fix } from '../../server/src/engine/index.js';
import type { ClientFeatures } from '../../server/src/lsp/capabilities.js';
import { AnalysisCache } from '../../server/src/lsp/analysisCache.js';
import { fixEdit, type CodeActionDeps } from '../../server/src/lsp/codeActions.js';
import { SettingsStore } from '../../server/src/lsp/settings.js';

const DOCKERFILE = 'file:///work/app/Dockerfile';
const DOCKERIGNORE = 'file:///work/app/.dockerignore';
const FULL: ClientFeatures = { configuration: true, documentChanges: true, createFiles: true, codeActionLiterals: true, changeAnnotations: true, applyEdit: true };

function deps(features: ClientFeatures, files: Record<string, string>): CodeActionDeps {
  return {
    documents: new TextDocuments(TextDocument),
    settings: new SettingsStore({ fetch: async () => undefined, warn: () => {}, log: () => {} }),
    analyses: new AnalysisCache(() => {}),
    features: () => features,
    ready: Promise.resolve(),
    readText: (uri) => files[uri] ?? null,
    log: () => {},
  };
}

const doc = TextDocument.create(DOCKERFILE, 'dockerfile', 7, 'FROM node:22-slim\nCOPY . .\n');
const insertAtTop = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '# syntax=docker/dockerfile:1\n' };
const withDockerignore: Fix = {
  title: 'Create a .dockerignore',
  safety: 'safe',
  edits: [insertAtTop],
  fileEdits: [
    { path: '.dockerignore', kind: 'create', text: 'node_modules\n' },
    { path: '.dockerignore', kind: 'append', text: '.git\n' },
  ],
};

describe('workspace edits of fixes that touch other files', () => {
  it('creates a missing file, then fills it, after the versioned Dockerfile edit', () => {
    assert.deepEqual(fixEdit(doc, withDockerignore, deps(FULL, {})), {
      documentChanges: [
        { textDocument: { uri: DOCKERFILE, version: 7 }, edits: [insertAtTop] },
        { kind: 'create', uri: DOCKERIGNORE, options: { ignoreIfExists: true } },
        { textDocument: { uri: DOCKERIGNORE, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: 'node_modules\n.git\n' }] },
      ],
    });
  });

  it('appends to a file that exists, after a line break when its last line has none', () => {
    assert.deepEqual(fixEdit(doc, withDockerignore, deps(FULL, { [DOCKERIGNORE]: 'dist\r\nbuild' })), {
      documentChanges: [
        { textDocument: { uri: DOCKERFILE, version: 7 }, edits: [insertAtTop] },
        { textDocument: { uri: DOCKERIGNORE, version: null }, edits: [{ range: { start: { line: 1, character: 5 }, end: { line: 1, character: 5 } }, newText: '\r\nnode_modules\n.git\n' }] },
      ],
    });
  });

  it('uses plain changes when the client has no documentChanges, and drops a fix it cannot express', () => {
    const plain: ClientFeatures = { configuration: true, documentChanges: false, createFiles: false, codeActionLiterals: true, changeAnnotations: false, applyEdit: true };
    assert.deepEqual(fixEdit(doc, withDockerignore, deps(plain, { [DOCKERIGNORE]: 'dist\n' })), {
      changes: {
        [DOCKERFILE]: [insertAtTop],
        [DOCKERIGNORE]: [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, newText: 'node_modules\n.git\n' }],
      },
    });
    assert.equal(fixEdit(doc, withDockerignore, deps(plain, {})), null);
  });

  it('offers no fix with other files for a document that is not on disk', () => {
    const untitled = TextDocument.create('untitled:Untitled-1', 'dockerfile', 1, 'FROM node:22-slim\nCOPY . .\n');
    assert.equal(fixEdit(untitled, withDockerignore, deps(FULL, {})), null);
  });
});
