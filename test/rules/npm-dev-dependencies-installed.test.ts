import rule from '../../server/src/engine/rules/npm-dev-dependencies-installed.js';
import { dockerfile, testRule } from '../support/ruleTester.js';

testRule(rule, {
  valid: [
    {
      name: 'npm start runs a package.json script the Dockerfile does not show (it may be nodemon or ts-node)',
      code: dockerfile`
        FROM node:22-slim
        RUN npm install --no-audit
        CMD ["npm", "start"]
      `,
    },
    {
      name: 'npm start, and package.json says start runs a devDependency (ts-node) after a prestart that runs node',
      code: dockerfile`
        FROM node:22-slim
        RUN npm install --no-audit
        CMD ["npm", "start"]
      `,
      context: { hasPackageJson: true, packageScripts: { prestart: 'node check-env.js', start: 'ts-node src/index.ts' } },
    },
    {
      name: 'npm run serve, whose script runs another script that builds (npm run build && node dist)',
      code: dockerfile`
        FROM node:22-slim
        RUN npm ci
        CMD npm run serve
      `,
      context: { hasPackageJson: true, packageScripts: { serve: 'npm run build && node dist/server.js', build: 'tsc -p .' } },
    },
    {
      name: 'the image deploys with serverless, whose plugins are devDependencies',
      code: dockerfile`
        FROM node:22-slim
        WORKDIR /srv
        COPY . .
        RUN npm i -g serverless && npm ci
        ENTRYPOINT sls deploy --stage prod
      `,
    },
    {
      name: 'a build tool installed globally (gulp) runs the devDependency plugins, from a start script out of sight',
      code: dockerfile`
        FROM node:22-slim
        COPY . /srv
        RUN cd /srv && npm install -g gulp-cli && npm install
        CMD ["/srv/start.sh"]
      `,
    },
    {
      name: 'node_modules/.bin on PATH, and a later RUN runs a package executable (tsc)',
      code: dockerfile`
        FROM node:22-slim
        WORKDIR /app
        ENV PATH=/app/node_modules/.bin:$PATH
        COPY . .
        RUN npm ci
        RUN tsc -p .
        CMD ["node", "dist/index.js"]
      `,
    },
    {
      name: 'a package executable run by its node_modules/.bin path in the same RUN',
      code: dockerfile`
        FROM node:22-slim
        WORKDIR /app
        COPY . .
        RUN npm ci && ./node_modules/.bin/gatsby build
        CMD ["node", "server.js"]
      `,
    },
    {
      name: 'node_modules/.bin put on PATH in the RUN, then a package executable',
      code: dockerfile`
        FROM node:22-slim
        WORKDIR /app
        COPY . .
        RUN npm ci && export PATH="$PWD/node_modules/.bin:$PATH" && prisma generate
        CMD ["node", "server.js"]
      `,
    },
    {
      name: 'the container starts a package executable found through PATH',
      code: dockerfile`
        FROM node:22-slim
        WORKDIR /app
        ENV PATH /app/node_modules/.bin:$PATH
        COPY . .
        RUN npm install
        CMD ["serve", "-s", "build"]
      `,
    },
    {
      name: '--omit=dev',
      code: dockerfile`
        FROM node:22-slim
        RUN npm ci --omit=dev
        CMD ["node", "server.js"]
      `,
    },
    {
      name: '--omit dev, --production, --only=production',
      code: dockerfile`
        FROM node:22-slim
        RUN npm ci --omit dev
        RUN npm install --production
        RUN npm i --only=production
      `,
    },
    {
      name: 'ENV NODE_ENV=production',
      code: dockerfile`
        FROM node:22-slim
        ENV NODE_ENV=production
        RUN npm ci
      `,
    },
    {
      name: 'NODE_ENV=production inherited through FROM <alias>',
      code: dockerfile`
        FROM node:22-slim AS base
        ENV NODE_ENV production
        FROM base
        RUN npm ci
      `,
    },
    {
      name: 'NODE_ENV=production as a prefix of the command',
      code: dockerfile`
        FROM node:22-slim
        RUN NODE_ENV=production npm ci
      `,
    },
    {
      name: 'npm configuration in the environment, any case',
      code: dockerfile`
        FROM node:22-slim
        ENV npm_config_omit=dev NPM_CONFIG_PRODUCTION=true
        RUN npm ci
      `,
    },
    {
      name: 'npm config set earlier in the image',
      code: dockerfile`
        FROM node:22-slim
        RUN npm config set omit dev
        RUN npm ci
      `,
    },
    {
      name: 'NODE_ENV from a build argument: not guessed',
      code: dockerfile`
        FROM node:22-slim
        ARG NODE_ENV=production
        ENV NODE_ENV=$NODE_ENV
        RUN npm ci
      `,
    },
    {
      name: 'NODE_ENV=development: an image for development',
      code: dockerfile`
        FROM node:22-slim
        ENV NODE_ENV=development
        RUN npm ci
      `,
    },
    {
      name: 'a stage named for development',
      code: dockerfile`
        FROM node:22-slim AS development
        RUN npm ci
        CMD ["npm", "start"]
        FROM development AS dev-envs
        RUN useradd vscode
      `,
    },
    {
      name: 'a later RUN builds',
      code: dockerfile`
        FROM node:22-slim
        RUN npm ci
        COPY . .
        RUN npm run build
      `,
    },
    {
      name: 'the same RUN builds, then prunes',
      code: dockerfile`
        FROM node:22-slim
        RUN npm ci && npx tsc && npm prune --omit=dev
      `,
    },
    {
      name: 'a later stage built FROM this one runs a tool',
      code: dockerfile`
        FROM node:22-slim AS deps
        RUN npm install
        FROM deps
        RUN tsc -p .
      `,
    },
    {
      name: 'CMD runs an npm script',
      code: dockerfile`
        FROM node:22-slim
        RUN npm ci
        CMD ["npm", "run", "dev"]
      `,
    },
    {
      name: 'ENTRYPOINT runs a development tool',
      code: dockerfile`
        FROM node:22-slim
        RUN npm ci
        ENTRYPOINT nodemon server.js
      `,
    },
    {
      name: 'named packages and global installs are out of scope',
      code: dockerfile`
        FROM node:22-slim
        RUN npm install express && npm install -g typescript && npm i --location=global pm2
      `,
    },
    {
      name: 'devDependencies asked for explicitly',
      code: dockerfile`
        FROM node:22-slim
        RUN npm ci --include=dev
      `,
    },
    {
      name: 'install-ci-test runs the tests',
      code: dockerfile`
        FROM node:22-slim
        RUN npm install-ci-test
      `,
    },
    {
      name: 'a copied .npmrc may set omit',
      code: dockerfile`
        FROM node:22-slim
        COPY .npmrc package.json package-lock.json ./
        RUN npm ci
      `,
    },
    {
      name: 'builder stage is not shipped',
      code: dockerfile`
        FROM node:22-slim AS build
        RUN npm ci
        FROM node:22-slim
        COPY --from=build /app /app
      `,
    },
    {
      name: 'ONBUILD triggers run where later steps are unknown',
      code: dockerfile`
        FROM node:22-slim
        ONBUILD RUN npm ci
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
      name: 'node_modules/.bin on PATH, but later commands are system ones and the start is node',
      code: dockerfile`
        FROM node:22-slim
        WORKDIR /app
        ENV PATH=/app/node_modules/.bin:$PATH
        COPY . .
        RUN npm ci
        RUN mkdir -p /app/data && chown node /app/data
        CMD ["node", "server.js"]
      `,
      errors: [{ line: 5, column: 5, endColumn: 11, message: '"npm ci" also installs devDependencies that nothing here builds with. Add --omit=dev.' }],
      output: dockerfile`
        FROM node:22-slim
        WORKDIR /app
        ENV PATH=/app/node_modules/.bin:$PATH
        COPY . .
        RUN npm ci --omit=dev
        RUN mkdir -p /app/data && chown node /app/data
        CMD ["node", "server.js"]
      `,
    },
    {
      name: 'npm upgraded past 6 on an old node image: --omit=dev',
      code: dockerfile`
        FROM node:12-alpine
        RUN npm install -g npm@8
        COPY . .
        RUN npm ci
        CMD ["node", "index.js"]
      `,
      errors: [{ line: 4, column: 5, endColumn: 11, message: '"npm ci" also installs devDependencies that nothing here builds with. Add --omit=dev.' }],
      output: dockerfile`
        FROM node:12-alpine
        RUN npm install -g npm@8
        COPY . .
        RUN npm ci --omit=dev
        CMD ["node", "index.js"]
      `,
    },
    {
      name: 'npm ci and a plain node CMD',
      code: dockerfile`
        FROM node:22-slim
        WORKDIR /app
        COPY package.json package-lock.json ./
        RUN npm ci
        COPY . .
        CMD ["node", "server.js"]
      `,
      errors: [
        {
          line: 4,
          column: 5,
          endColumn: 11,
          message: '"npm ci" also installs devDependencies that nothing here builds with. Add --omit=dev.',
        },
      ],
      output: dockerfile`
        FROM node:22-slim
        WORKDIR /app
        COPY package.json package-lock.json ./
        RUN npm ci --omit=dev
        COPY . .
        CMD ["node", "server.js"]
      `,
      safeOutput: null,
      fixSafety: 'unsafe',
    },
    {
      name: 'npm start, and package.json says start runs only node (NODE_ENV prefix): --omit=dev',
      code: dockerfile`
        FROM node:22-slim
        WORKDIR /app
        COPY . .
        RUN npm install
        CMD ["npm", "start"]
      `,
      context: { hasPackageJson: true, packageScripts: { start: 'NODE_ENV=production node server.js', typecheck: 'tsc --noEmit' } },
      errors: [{ line: 4, column: 5, endColumn: 16 }],
      output: dockerfile`
        FROM node:22-slim
        WORKDIR /app
        COPY . .
        RUN npm install --omit=dev
        CMD ["npm", "start"]
      `,
    },
    {
      name: 'npm start with no start script in package.json runs npm\'s default, node server.js',
      code: dockerfile`
        FROM node:22-slim
        RUN npm ci
        CMD npm start
      `,
      context: { hasPackageJson: true, packageScripts: { test: 'jest' } },
      errors: [{ line: 2, column: 5, endColumn: 11 }],
      output: dockerfile`
        FROM node:22-slim
        RUN npm ci --omit=dev
        CMD npm start
      `,
    },
    {
      name: 'sh -c starting node twice: node runs files, not devDependencies',
      code: dockerfile`
        FROM node:22-slim
        RUN npm install --no-audit
        CMD ["sh", "-c", "node api.js & node worker.js & wait"]
      `,
      errors: [{ line: 2, column: 5, endColumn: 16 }],
      output: dockerfile`
        FROM node:22-slim
        RUN npm install --omit=dev --no-audit
        CMD ["sh", "-c", "node api.js & node worker.js & wait"]
      `,
    },
    {
      name: 'Node 14 and older ship npm 6: --production',
      code: dockerfile`
        FROM node:14-alpine
        RUN npm ci
      `,
      errors: [{ line: 2, message: '"npm ci" also installs devDependencies that nothing here builds with. Add --production.' }],
      output: dockerfile`
        FROM node:14-alpine
        RUN npm ci --production
      `,
    },
    {
      name: 'Node release code name',
      code: dockerfile`
        ARG NODE=fermium
        FROM node:${'$'}{NODE}-slim
        RUN npm ci
      `,
      errors: [{ line: 3, message: '"npm ci" also installs devDependencies that nothing here builds with. Add --production.' }],
      output: dockerfile`
        ARG NODE=fermium
        FROM node:${'$'}{NODE}-slim
        RUN npm ci --production
      `,
    },
    {
      name: 'pruning in a later RUN leaves the bytes in this layer',
      code: dockerfile`
        FROM node:22-slim
        RUN npm ci
        RUN npm prune --omit=dev
      `,
      errors: [{ line: 2 }],
      output: dockerfile`
        FROM node:22-slim
        RUN npm ci --omit=dev
        RUN npm prune --omit=dev
      `,
    },
    {
      name: 'npm configuration that keeps the devDependencies',
      code: dockerfile`
        FROM node:22-slim
        ENV NPM_CONFIG_PRODUCTION=false
        RUN npm ci
      `,
      errors: [{ line: 3 }],
      output: dockerfile`
        FROM node:22-slim
        ENV NPM_CONFIG_PRODUCTION=false
        RUN npm ci --omit=dev
      `,
    },
    {
      name: 'shipped base stage and final stage, || chain: three findings',
      code: dockerfile`
        FROM node:22-slim AS base
        RUN npm ci
        FROM base
        RUN npm ci || npm install
      `,
      errors: [{ line: 2 }, { line: 4, column: 5, endColumn: 11 }, { line: 4, column: 15, endColumn: 26 }],
      output: dockerfile`
        FROM node:22-slim AS base
        RUN npm ci --omit=dev
        FROM base
        RUN npm ci --omit=dev || npm install --omit=dev
      `,
    },
    {
      name: 'exec form',
      code: dockerfile`
        FROM node:22-slim
        RUN ["npm", "ci"]
      `,
      errors: [{ line: 2, column: 6, endColumn: 17 }],
      output: dockerfile`
        FROM node:22-slim
        RUN ["npm", "ci", "--omit=dev"]
      `,
    },
    {
      name: 'heredoc, lower-case',
      code: dockerfile`
        from node:22-slim
        run <<EOF
        set -e
        npm ci
        EOF
      `,
      errors: [{ line: 4, column: 1, endColumn: 7 }],
      output: dockerfile`
        from node:22-slim
        run <<EOF
        set -e
        npm ci --omit=dev
        EOF
      `,
    },
    {
      name: 'escape directive, comment inside the continuation',
      code: dockerfile`
        # escape=${'`'}
        FROM node:22-slim
        RUN npm ci ${'`'}
        # no scripts here
            --ignore-scripts
      `,
      errors: [{ line: 3, column: 5, endColumn: 11 }],
      output: dockerfile`
        # escape=${'`'}
        FROM node:22-slim
        RUN npm ci --omit=dev ${'`'}
        # no scripts here
            --ignore-scripts
      `,
    },
    {
      name: 'CRLF line endings',
      code: dockerfile`
        FROM node:22-slim
        RUN npm ci; \
            npm ls
      `.replace(/\n/g, '\r\n'),
      errors: [{ line: 2, column: 5, endColumn: 11 }],
      output: dockerfile`
        FROM node:22-slim
        RUN npm ci --omit=dev; \
            npm ls
      `.replace(/\n/g, '\r\n'),
    },
  ],
});
