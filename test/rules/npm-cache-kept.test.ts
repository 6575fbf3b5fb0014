import rule from '../../server/src/engine/rules/npm-cache-kept.js';
import { dockerfile, testRule } from '../support/ruleTester.js';

testRule(rule, {
  valid: [
    {
      name: 'npm cache clean --force in the same RUN',
      code: dockerfile`
        FROM node:22-slim
        RUN npm ci && npm cache clean --force
      `,
    },
    {
      name: 'npm cache clear -f after npm i',
      code: dockerfile`
        FROM node:22-slim
        RUN npm i; npm cache clear -f
      `,
    },
    {
      name: 'cache mount on /root/.npm',
      code: dockerfile`
        FROM node:22-slim
        RUN --mount=type=cache,target=/root/.npm npm ci
      `,
    },
    {
      name: 'cache mount on the home of another user',
      code: dockerfile`
        FROM node:22-slim
        USER node
        RUN --mount=type=cache,target=/home/node/.npm,uid=1000 npm ci
      `,
    },
    {
      name: 'the cache removed with rm',
      code: dockerfile`
        FROM node:22-slim
        RUN npm install -g typescript \
         && rm -rf ~/.npm
      `,
    },
    {
      name: 'the cache removed under a HOME the image sets',
      code: dockerfile`
        FROM node:22-slim
        ENV HOME=/srv/app
        RUN npm ci && rm -rf /srv/app/.npm
      `,
    },
    {
      name: 'the cache content removed with rm',
      code: dockerfile`
        FROM node:22-slim
        RUN npm ci && rm -rf /root/.npm/_cacache
      `,
    },
    {
      name: '--cache in /tmp that is removed',
      code: dockerfile`
        FROM node:22-slim
        RUN npm ci --cache /tmp/npm-cache && rm -rf /tmp/npm-cache
      `,
    },
    {
      name: 'npm_config_cache on a tmpfs mount',
      code: dockerfile`
        FROM node:22-slim
        ENV NPM_CONFIG_CACHE=/var/cache/npm
        RUN --mount=type=tmpfs,target=/var/cache/npm npm ci
      `,
    },
    {
      name: 'builder stage is not shipped',
      code: dockerfile`
        FROM node:22-slim AS build
        RUN npm ci && npm run build
        FROM node:22-slim
        COPY --from=build /app/dist /app
      `,
    },
    {
      name: 'other npm and yarn commands',
      code: dockerfile`
        FROM node:22-slim
        RUN npm --version && npm run build && npm cache verify && yarn --version && yarn build
      `,
    },
    {
      name: 'yarn install && yarn cache clean',
      code: dockerfile`
        FROM node:22-slim
        RUN yarn install --frozen-lockfile && yarn cache clean
      `,
    },
    {
      name: 'yarn --cache-folder that is removed',
      code: dockerfile`
        FROM node:22-slim
        RUN yarn --cache-folder /tmp/yarn && rm -rf /tmp/yarn
      `,
    },
    {
      name: 'cache mount on Yarn 1 root cache',
      code: dockerfile`
        FROM node:22-slim
        RUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install
      `,
    },
    {
      name: 'YARN_CACHE_FOLDER removed',
      code: dockerfile`
        FROM node:22-slim
        ENV YARN_CACHE_FOLDER=/opt/yarn-cache
        RUN yarn install && rm -rf /opt/yarn-cache/*
      `,
    },
    {
      name: 'Yarn 2+ options: Plug and Play may load packages from the cache',
      code: dockerfile`
        FROM node:22-slim
        RUN yarn install --immutable
      `,
    },
    {
      name: 'Yarn 2+ set up through corepack',
      code: dockerfile`
        FROM node:22-slim
        RUN corepack enable
        COPY . .
        RUN yarn install
      `,
    },
    {
      name: 'Yarn 2+ configuration copied in',
      code: dockerfile`
        FROM node:22-slim
        COPY package.json yarn.lock .yarnrc.yml ./
        RUN yarn
      `,
    },
    {
      name: 'npm before 5 (node:6) cleans with a bare npm cache clean',
      code: dockerfile`
        FROM node:6-alpine
        RUN npm install && npm cache clean
      `,
    },
    {
      name: 'npm before 5 by code name (node:boron) with npm cache clear',
      code: dockerfile`
        FROM node:boron
        RUN npm install --production; npm cache clear
      `,
    },
    {
      name: 'npm pinned to 4 in an earlier RUN of the parent stage cleans with a bare npm cache clean',
      code: dockerfile`
        FROM node:10 AS base
        RUN npm install -g npm@4.6.1 && rm -rf /root/.npm
        FROM base
        RUN npm install && npm cache clean
      `,
    },
    {
      name: 'npm pinned to 3 earlier in the same RUN',
      code: dockerfile`
        FROM node:8
        RUN npm i -g npm@3 && npm ci && npm cache clean
      `,
    },
    {
      name: 'non-POSIX SHELL is not read',
      code: dockerfile`
        FROM mcr.microsoft.com/windows/servercore:ltsc2022
        SHELL ["powershell", "-Command"]
        RUN npm ci
      `,
    },
  ],
  invalid: [
    {
      name: 'the cache-mount alternatives for npm and Yarn 1 (run as root)',
      code: dockerfile`
        FROM node:22-slim
        RUN npm ci
        RUN yarn install --frozen-lockfile
      `,
      errors: [{ line: 2, column: 5 }, { line: 3, column: 5 }],
      output: dockerfile`
        FROM node:22-slim
        RUN npm ci && npm cache clean --force
        RUN yarn install --frozen-lockfile && yarn cache clean
      `,
      mountOutput: dockerfile`
        FROM node:22-slim
        RUN --mount=type=cache,target=/root/.npm,sharing=locked npm ci
        RUN --mount=type=cache,target=/usr/local/share/.cache/yarn,sharing=locked yarn install --frozen-lockfile
      `,
    },
    {
      name: 'npm ci',
      code: dockerfile`
        FROM node:22-slim
        RUN npm ci
      `,
      errors: [{ line: 2, column: 5, endColumn: 11, message: "`npm ci` leaves npm's cache in this layer: run `npm cache clean --force` in the same RUN." }],
      output: dockerfile`
        FROM node:22-slim
        RUN npm ci && npm cache clean --force
      `,
      safeOutput: dockerfile`
        FROM node:22-slim
        RUN npm ci && npm cache clean --force
      `,
      fixSafety: 'safe',
    },
    {
      name: 'global install and an alias, two findings, one cleanup',
      code: dockerfile`
        FROM node:22-slim
        RUN npm install -g typescript \
         && npm i --omit=dev
      `,
      errors: [
        { line: 2, column: 5, endColumn: 16, message: '`npm install`' },
        { line: 3, column: 5, endColumn: 10, message: '`npm i`' },
      ],
      output: dockerfile`
        FROM node:22-slim
        RUN npm install -g typescript \
         && npm i --omit=dev \
         && npm cache clean --force
      `,
    },
    {
      name: 'npm cache clean without --force does nothing (npm refuses)',
      code: dockerfile`
        FROM node:22-slim
        RUN npm ci; npm cache clean || true
      `,
      errors: [{ line: 2, column: 5, endColumn: 11 }],
      output: dockerfile`
        FROM node:22-slim
        RUN npm ci; npm cache clean || true; npm cache clean --force
      `,
    },
    {
      name: 'node:8 ships npm 5: a bare npm cache clean does nothing',
      code: dockerfile`
        FROM node:8-alpine
        RUN npm install && npm cache clean
      `,
      errors: [{ line: 2, column: 5, endColumn: 16 }],
      output: dockerfile`
        FROM node:8-alpine
        RUN npm install && npm cache clean && npm cache clean --force
      `,
    },
    {
      name: 'npm upgraded from 4 to 6 before the install: a bare npm cache clean does nothing',
      code: dockerfile`
        FROM node:7
        RUN npm install -g npm@6 && npm install && npm cache clean
      `,
      errors: [
        { line: 2, column: 5, endColumn: 16 },
        { line: 2, column: 29, endColumn: 40 },
      ],
      output: dockerfile`
        FROM node:7
        RUN npm install -g npm@6 && npm install && npm cache clean && npm cache clean --force
      `,
    },
    {
      name: 'cleaning before the install does not help; || chain',
      code: dockerfile`
        FROM node:22-slim
        RUN npm cache clean --force && npm ci || npm install
      `,
      errors: [{ line: 2, column: 32, endColumn: 38 }, { line: 2, column: 42, endColumn: 53 }],
      output: dockerfile`
        FROM node:22-slim
        RUN npm cache clean --force && npm ci || npm install && npm cache clean --force
      `,
    },
    {
      name: '--cache elsewhere, not removed: the fix cleans that cache',
      code: dockerfile`
        FROM node:22-slim
        RUN npm ci --cache /tmp/npm-cache
      `,
      errors: [{ line: 2, column: 5, endColumn: 11, message: "leaves npm's cache (/tmp/npm-cache) in this layer" }],
      output: dockerfile`
        FROM node:22-slim
        RUN npm ci --cache /tmp/npm-cache && npm cache clean --force --cache /tmp/npm-cache
      `,
    },
    {
      name: 'a cache set only for the install command: no cleanup (it would clean another cache), a mount on that cache',
      code: dockerfile`
        FROM node:22-slim
        RUN npm_config_cache=/tmp/c npm ci
      `,
      errors: [{ line: 2, column: 29, endColumn: 35, message: '(/tmp/c)' }],
      output: dockerfile`
        FROM node:22-slim
        RUN --mount=type=cache,target=/tmp/c,sharing=locked npm_config_cache=/tmp/c npm ci
      `,
      fixSafety: 'unsafe',
    },
    {
      name: 'yarn install: unsafe fix',
      code: dockerfile`
        FROM node:22-slim
        RUN yarn install --frozen-lockfile --production
      `,
      errors: [{ line: 2, column: 5, endColumn: 17, message: "`yarn install` leaves Yarn's cache in this layer" }],
      output: dockerfile`
        FROM node:22-slim
        RUN yarn install --frozen-lockfile --production && yarn cache clean
      `,
      safeOutput: null,
      fixSafety: 'unsafe',
    },
    {
      name: 'bare yarn and yarn global add',
      code: dockerfile`
        FROM node:22-slim
        RUN yarn global add @vue/cli && yarn --frozen-lockfile
      `,
      errors: [
        { line: 2, column: 5, endColumn: 20, message: '`yarn global add`' },
        { line: 2, column: 33, endColumn: 37, message: '`yarn` leaves' },
      ],
      output: dockerfile`
        FROM node:22-slim
        RUN yarn global add @vue/cli && yarn --frozen-lockfile && yarn cache clean
      `,
    },
    {
      name: 'exec form cannot be extended: only the cache mount',
      code: dockerfile`
        FROM node:22-slim
        RUN ["npm", "ci"]
      `,
      errors: [{ line: 2, column: 6, endColumn: 17 }],
      output: dockerfile`
        FROM node:22-slim
        RUN --mount=type=cache,target=/root/.npm,sharing=locked ["npm", "ci"]
      `,
    },
    {
      name: 'sh -c exec form',
      code: dockerfile`
        FROM node:22-slim
        RUN ["sh", "-c", "npm ci"]
      `,
      errors: [{ line: 2, column: 19, endColumn: 25 }],
      output: dockerfile`
        FROM node:22-slim
        RUN ["sh", "-c", "npm ci && npm cache clean --force"]
      `,
    },
    {
      name: 'heredoc',
      code: dockerfile`
        FROM node:22-slim
        RUN <<EOF
          npm ci
          npm run build
        EOF
      `,
      errors: [{ line: 3, column: 3, endColumn: 9 }],
      output: dockerfile`
        FROM node:22-slim
        RUN <<EOF
          npm ci
          npm run build
          npm cache clean --force
        EOF
      `,
    },
    {
      name: 'ONBUILD trigger, lower-case',
      code: dockerfile`
        from node:22-slim
        onbuild run npm install
      `,
      errors: [{ line: 2, column: 13, endColumn: 24 }],
      output: dockerfile`
        from node:22-slim
        onbuild run npm install && npm cache clean --force
      `,
    },
    {
      name: 'stage a shipped stage builds FROM',
      code: dockerfile`
        FROM node:22-slim AS base
        RUN npm ci
        FROM base
        CMD ["node", "index.js"]
      `,
      errors: [{ line: 2 }],
      output: dockerfile`
        FROM node:22-slim AS base
        RUN npm ci && npm cache clean --force
        FROM base
        CMD ["node", "index.js"]
      `,
    },
    {
      name: 'escape directive, comment inside the continuation',
      code: dockerfile`
        # escape=${'`'}
        FROM node:22-slim
        RUN npm ci ${'`'}
        # then build
            && npm run build
      `,
      errors: [{ line: 3, column: 5, endColumn: 11 }],
      output: dockerfile`
        # escape=${'`'}
        FROM node:22-slim
        RUN npm ci ${'`'}
        # then build
            && npm run build ${'`'}
            && npm cache clean --force
      `,
    },
    {
      name: 'CRLF line endings',
      code: dockerfile`
        FROM node:22-slim
        RUN npm ci && \
            npm run build
      `.replace(/\n/g, '\r\n'),
      errors: [{ line: 2, column: 5, endColumn: 11 }],
      output: dockerfile`
        FROM node:22-slim
        RUN npm ci && \
            npm run build && \
            npm cache clean --force
      `.replace(/\n/g, '\r\n'),
    },
  ],
});
