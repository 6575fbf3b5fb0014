import rule from '../../server/src/engine/rules/copy-context-unfiltered.js';
import type { BuildContextInfo } from '../../server/src/engine/types.js';
import { dockerfile, testRule } from '../support/ruleTester.js';

/** A repository checkout with no `.dockerignore`. */
const BARE: BuildContextInfo = { dockerignore: null, hasGitDir: true, hasPackageJson: false };
/** The same with a package.json: `node_modules` is at stake too. */
const NODE: BuildContextInfo = { dockerignore: null, hasGitDir: true, hasPackageJson: true };
const ignoring = (dockerignore: string, base: BuildContextInfo = NODE): BuildContextInfo => ({ ...base, dockerignore });

const NODE_APP = dockerfile`
  FROM node:22-slim
  WORKDIR /app
  COPY . .
  RUN npm ci --omit=dev
  CMD ["node", "server.js"]
`;
const GO_APP = dockerfile`
  FROM golang:1.25
  WORKDIR /src
  COPY . /src
  RUN go build -o /usr/local/bin/app .
  CMD ["app"]
`;

const BOTH = 'copies .git and node_modules into the image';
const CREATE_ALL = { path: '.dockerignore', kind: 'create' as const, text: '.git\nnode_modules\nnpm-debug.log\n' };

testRule(rule, {
  valid: [
    { name: 'build context unknown (no adapter, untitled document)', code: NODE_APP },
    { name: 'build context unknown although package.json is known', code: NODE_APP, context: { hasPackageJson: true, hasGitDir: true } },
    { name: '.dockerignore excludes .git and node_modules', code: NODE_APP, context: ignoring('.git\nnode_modules\n') },
    { name: 'no package.json: .git alone is enough', code: GO_APP, context: ignoring('.git\n', BARE) },
    { name: 'no .git directory and no package.json: nothing at stake', code: GO_APP, context: { dockerignore: null, hasGitDir: false, hasPackageJson: false } },
    { name: 'trailing slash, leading slash, leading ./', code: NODE_APP, context: ignoring('.git/\n/node_modules\n') },
    { name: './ prefixes and comments', code: NODE_APP, context: ignoring('# build context\n./.git\n./node_modules/\n') },
    { name: '**/ patterns', code: NODE_APP, context: ignoring('**/.git\n**/node_modules\n') },
    { name: 'everything below the directories', code: NODE_APP, context: ignoring('.git/**\nnode_modules/*\n') },
    { name: '.* excludes .git', code: NODE_APP, context: ignoring('.*\nnode_modules\n') },
    { name: 'an allowlist: * then ! exceptions', code: NODE_APP, context: ignoring('*\n!src\n!package.json\n!package-lock.json\n') },
    { name: 'a later ! of something else does not re-include', code: NODE_APP, context: ignoring('.git\nnode_modules\n!node_modules/.keep-me\n') },
    { name: 'CRLF .dockerignore', code: NODE_APP, context: ignoring('.git\r\nnode_modules\r\n') },
    { name: 'byte order mark and surrounding white space', code: NODE_APP, context: ignoring('\uFEFF.git  \n\t node_modules\n') },
    { name: 'a malformed .dockerignore (BuildKit refuses it): unknown', code: NODE_APP, context: ignoring('[\n') },
    { name: 'Dockerfile-specific ignore file', code: NODE_APP, context: { ...ignoring('.git\nnode_modules\n'), dockerignorePath: 'Dockerfile.dockerignore' } },
    {
      name: 'COPY --exclude keeps both out',
      code: 'FROM node:22-slim\nWORKDIR /app\nCOPY --exclude=.git --exclude=node_modules . .\nCMD ["node", "server.js"]\n',
      context: NODE,
    },
    {
      name: 'only some paths copied',
      code: dockerfile`
        FROM node:22-slim
        WORKDIR /app
        COPY package.json package-lock.json ./
        RUN npm ci --omit=dev
        COPY src ./src
        COPY ./dist/ /app/dist/
        ADD https://example.com/a.tar.gz /tmp/
        COPY $SRC /app/
        COPY .. /up/
      `,
      context: NODE,
    },
    {
      name: 'builder stage not shipped; the final stage copies from it',
      code: dockerfile`
        FROM node:22 AS build
        WORKDIR /app
        COPY . .
        RUN npm ci && npm run build
        FROM node:22-slim
        COPY --from=build /app/dist /app
        COPY --from=build . /srv
        CMD ["node", "/app/server.js"]
      `,
      context: NODE,
    },
    { name: 'COPY --from an image', code: 'FROM alpine:3.20\nCOPY --from=busybox:1.36 . /busybox\n', context: BARE },
    { name: 'ONBUILD trigger: runs with the child build\'s context', code: 'FROM node:22-slim\nONBUILD COPY . /app\n', context: NODE },
    { name: 'heredoc COPY', code: 'FROM alpine:3.20\nCOPY <<EOF /etc/motd\n.\nEOF\n', context: BARE },
  ],
  invalid: [
    {
      name: 'no .dockerignore, Node.js project',
      code: NODE_APP,
      context: NODE,
      errors: [{ line: 3, column: 6, endColumn: 7, message: `"COPY ." ${BOTH}: there is no .dockerignore. It copies the whole build context.`, severity: 'warning' }],
      output: NODE_APP,
      fixSafety: 'unsafe',
      fileEdits: [CREATE_ALL],
    },
    {
      name: 'no .dockerignore, no package.json: .git only',
      code: GO_APP,
      context: BARE,
      errors: [{ line: 3, column: 6, endColumn: 7, message: '"COPY ." copies .git into the image: there is no .dockerignore. It copies the whole build context.' }],
      output: GO_APP,
      fileEdits: [{ path: '.dockerignore', kind: 'create', text: '.git\n' }],
    },
    {
      name: 'no .git directory in the context: node_modules only',
      code: NODE_APP,
      context: { dockerignore: null, hasGitDir: false, hasPackageJson: true },
      errors: [{ line: 3, message: '"COPY ." copies node_modules into the image: there is no .dockerignore. It copies the whole build context.' }],
      output: NODE_APP,
      fileEdits: [{ path: '.dockerignore', kind: 'create', text: 'node_modules\nnpm-debug.log\n' }],
    },
    {
      name: 'whether .git exists is unknown: it may be there',
      code: GO_APP,
      context: { dockerignore: null },
      errors: [{ line: 3, message: 'copies .git into the image: there is no' }],
      output: GO_APP,
      fileEdits: [{ path: '.dockerignore', kind: 'create', text: '.git\n' }],
    },
    {
      name: '.dockerignore excludes .git only: node_modules appended',
      code: NODE_APP,
      context: ignoring('# keep out\n.git\n'),
      errors: [{ line: 3, column: 6, endColumn: 7, message: '"COPY ." copies node_modules into the image: .dockerignore does not exclude them. It copies the whole build context.' }],
      output: NODE_APP,
      fileEdits: [{ path: '.dockerignore', kind: 'append', text: 'node_modules\n' }],
    },
    {
      name: 'last line without a line break',
      code: NODE_APP,
      context: ignoring('dist'),
      errors: [{ line: 3, message: `${BOTH}: .dockerignore does not exclude them.` }],
      output: NODE_APP,
      fileEdits: [{ path: '.dockerignore', kind: 'append', text: '.git\nnode_modules\n' }],
    },
    {
      name: 'CRLF .dockerignore: lines appended with CRLF',
      code: NODE_APP,
      context: ignoring('dist\r\n*.md\r\n'),
      errors: [{ line: 3, message: BOTH }],
      output: NODE_APP,
      fileEdits: [{ path: '.dockerignore', kind: 'append', text: '.git\r\nnode_modules\r\n' }],
    },
    {
      name: 'an empty .dockerignore',
      code: GO_APP,
      context: ignoring('', BARE),
      errors: [{ line: 3, message: 'copies .git into the image: .dockerignore does not exclude them.' }],
      output: GO_APP,
      fileEdits: [{ path: '.dockerignore', kind: 'append', text: '.git\n' }],
    },
    {
      name: '! re-includes .git',
      code: GO_APP,
      context: ignoring('.git\n!.git\n', BARE),
      errors: [{ line: 3 }],
      output: GO_APP,
      fileEdits: [{ path: '.dockerignore', kind: 'append', text: '.git\n' }],
    },
    {
      name: '! re-includes the objects inside .git',
      code: GO_APP,
      context: ignoring('.git\n!.git/objects\n', BARE),
      errors: [{ line: 3 }],
      output: GO_APP,
      fileEdits: [{ path: '.dockerignore', kind: 'append', text: '.git\n' }],
    },
    {
      name: 'an allowlist that lets .git and node_modules back in',
      code: NODE_APP,
      context: ignoring('*\n!.git\n!node_modules\n!src\n'),
      errors: [{ line: 3, message: BOTH }],
      output: NODE_APP,
      fileEdits: [{ path: '.dockerignore', kind: 'append', text: '.git\nnode_modules\n' }],
    },
    {
      name: 'commented-out entries, and a # after white space is a pattern, not a comment',
      code: NODE_APP,
      context: ignoring('#.git\n # node_modules\nnode_modules/**/*.md\n'),
      errors: [{ line: 3, message: BOTH }],
      output: NODE_APP,
      fileEdits: [{ path: '.dockerignore', kind: 'append', text: '.git\nnode_modules\n' }],
    },
    {
      name: 'patterns that only look alike',
      code: NODE_APP,
      context: ignoring('.github\nsrc/.git\n*/node_modules\nnode_modules.bak\n.git?\n'),
      errors: [{ line: 3, message: BOTH }],
      output: NODE_APP,
      fileEdits: [{ path: '.dockerignore', kind: 'append', text: '.git\nnode_modules\n' }],
    },
    {
      name: 'a Dockerfile-specific ignore file is the one in effect and the one appended to',
      code: NODE_APP,
      context: { ...ignoring('dist\n'), dockerignorePath: 'api.Dockerfile.dockerignore' },
      errors: [{ line: 3, message: `${BOTH}: api.Dockerfile.dockerignore does not exclude them.` }],
      output: NODE_APP,
      fileEdits: [{ path: 'api.Dockerfile.dockerignore', kind: 'append', text: '.git\nnode_modules\n' }],
    },
    {
      name: 'COPY --exclude covers .git only',
      code: 'FROM node:22-slim\nWORKDIR /app\nCOPY --exclude=.git . .\nCMD ["node", "server.js"]\n',
      context: NODE,
      errors: [{ line: 3, column: 21, endColumn: 22, message: '"COPY ." copies node_modules into the image: there is no .dockerignore. It copies the whole build context.' }],
      output: 'FROM node:22-slim\nWORKDIR /app\nCOPY --exclude=.git . .\nCMD ["node", "server.js"]\n',
      fileEdits: [{ path: '.dockerignore', kind: 'create', text: 'node_modules\nnpm-debug.log\n' }],
    },
    {
      name: 'spellings of the context root, flags, ADD, lower case',
      code: dockerfile`
        FROM node:22-slim
        COPY ./ /app
        COPY --chown=node:node --chmod=755 . /srv/
        ADD . /opt/app
        copy ./. /x
        COPY / /root-of-context
      `,
      context: NODE,
      errors: [
        { line: 2, column: 6, endColumn: 8, message: `"COPY ./" ${BOTH}` },
        { line: 3, column: 36, endColumn: 37, message: `"COPY ." ${BOTH}` },
        { line: 4, column: 5, endColumn: 6, message: `"ADD ." ${BOTH}` },
        { line: 5, column: 6, endColumn: 9, message: `"COPY ./." ${BOTH}` },
        { line: 6, column: 6, endColumn: 7, message: `"COPY /" ${BOTH}` },
      ],
      output: dockerfile`
        FROM node:22-slim
        COPY ./ /app
        COPY --chown=node:node --chmod=755 . /srv/
        ADD . /opt/app
        copy ./. /x
        COPY / /root-of-context
      `,
      fileEdits: [CREATE_ALL],
    },
    {
      name: 'exec form: the quoted source',
      code: 'FROM node:22-slim\nCOPY [".", "/app"]\n',
      context: NODE,
      errors: [{ line: 2, column: 7, endColumn: 10, message: '"COPY ."' }],
      output: 'FROM node:22-slim\nCOPY [".", "/app"]\n',
      fileEdits: [CREATE_ALL],
    },
    {
      name: 'continuation and escape directive',
      code: '# escape=`\nFROM node:22-slim\nCOPY --chown=node `\n  . /app\n',
      context: NODE,
      errors: [{ line: 4, column: 3, endColumn: 4 }],
      output: '# escape=`\nFROM node:22-slim\nCOPY --chown=node `\n  . /app\n',
      fileEdits: [CREATE_ALL],
    },
    {
      name: 'shipped through FROM <alias>, not the unrelated builder',
      code: dockerfile`
        FROM node:22-slim AS base
        WORKDIR /app
        COPY . .
        FROM node:22 AS tools
        COPY . /tools
        FROM base
        CMD ["node", "server.js"]
      `,
      context: NODE,
      errors: [{ line: 3, column: 6, endColumn: 7 }],
      output: dockerfile`
        FROM node:22-slim AS base
        WORKDIR /app
        COPY . .
        FROM node:22 AS tools
        COPY . /tools
        FROM base
        CMD ["node", "server.js"]
      `,
      fileEdits: [CREATE_ALL],
    },
    {
      name: 'CRLF Dockerfile and no .dockerignore: the new file takes CRLF',
      code: NODE_APP.replace(/\n/g, '\r\n'),
      context: NODE,
      errors: [{ line: 3, column: 6, endColumn: 7, message: BOTH }],
      output: NODE_APP.replace(/\n/g, '\r\n'),
      fileEdits: [{ path: '.dockerignore', kind: 'create', text: '.git\r\nnode_modules\r\nnpm-debug.log\r\n' }],
    },
    {
      name: 'two copies of the context: two findings, one file edit',
      code: 'FROM node:22-slim\nCOPY . /app\nRUN npm ci\nCOPY . /app\n',
      context: ignoring('.git\n'),
      errors: [
        { line: 2, column: 6, endColumn: 7 },
        { line: 4, column: 6, endColumn: 7 },
      ],
      output: 'FROM node:22-slim\nCOPY . /app\nRUN npm ci\nCOPY . /app\n',
      fileEdits: [{ path: '.dockerignore', kind: 'append', text: 'node_modules\n' }],
    },
  ],
});
