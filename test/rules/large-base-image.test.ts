import rule from '../../server/src/engine/rules/large-base-image.js';
import { dockerfile, testRule } from '../support/ruleTester.js';

testRule(rule, {
  valid: [
    {
      name: 'an -onbuild image: its triggers build the dependencies with the full toolchain, and no -onbuild-slim exists',
      code: dockerfile`
        FROM node:6-onbuild
        EXPOSE 3000
      `,
    },
    {
      name: 'python -onbuild',
      code: dockerfile`
        FROM python:3.6-onbuild
        CMD ["python", "./app.py"]
      `,
    },
    { name: 'slim already', code: 'FROM node:22-slim\nCOPY . /app\nCMD ["node", "/app/server.js"]\n' },
    { name: 'alpine is never proposed, nor judged', code: 'FROM python:3.12-alpine\nCMD ["python3"]\n' },
    {
      name: 'full image only in a build stage',
      code: dockerfile`
        FROM node:22 AS build
        RUN npm ci && npm run build
        FROM node:22-slim
        COPY --from=build /app /app
        CMD ["node", "/app/server.js"]
      `,
    },
    {
      name: 'the final stage compiles: build-in-final-stage reports it instead',
      code: 'FROM python:3.12\nRUN pip wheel -w /wheels . && pip install /wheels/*\nCMD ["python", "-m", "app"]\n',
    },
    {
      name: 'the final stage installs build tools',
      code: 'FROM python:3.12\nRUN apt-get update && apt-get install -y --no-install-recommends gcc && rm -rf /var/lib/apt/lists/*\nCMD ["python", "-m", "app"]\n',
    },
    { name: 'images without a slim variant (golang, ubuntu)', code: 'FROM golang:1.25\nCMD ["go", "version"]\nFROM ubuntu:24.04\nCMD ["bash"]\n' },
    { name: 'ARG without default', code: 'ARG TAG\nFROM node:${TAG}\nCMD ["node"]\n' },
  ],
  invalid: [
    {
      name: 'pip installs a git+https requirement: the slim image has no git, so no fix',
      code: dockerfile`
        FROM python:3.12
        RUN pip install --no-cache-dir git+https://github.com/example/lib.git
        CMD ["python", "app.py"]
      `,
      errors: [{ line: 1, column: 6, endColumn: 17, message: 'but it has no `git`, which this Dockerfile uses.' }],
      output: null,
    },
    {
      name: 'a build that installs, uses and purges its own compiler in one RUN does not need the full image',
      code: dockerfile`
        FROM python:3.12
        RUN apt-get update && apt-get install -y --no-install-recommends gcc libpq-dev \
         && pip install --no-cache-dir psycopg2 \
         && apt-get purge -y --auto-remove gcc libpq-dev && rm -rf /var/lib/apt/lists/*
        CMD ["python", "app.py"]
      `,
      errors: [{ line: 1, column: 6, endColumn: 17, message: 'consider `python:3.12-slim`' }],
      output: dockerfile`
        FROM python:3.12-slim
        RUN apt-get update && apt-get install -y --no-install-recommends gcc libpq-dev \
         && pip install --no-cache-dir psycopg2 \
         && apt-get purge -y --auto-remove gcc libpq-dev && rm -rf /var/lib/apt/lists/*
        CMD ["python", "app.py"]
      `,
    },
    {
      name: 'node:22 with both sizes known: estimate, unsafe fix',
      code: dockerfile`
        FROM node:22
        WORKDIR /app
        COPY . .
        RUN npm ci --omit=dev
        CMD ["node", "server.js"]
      `,
      errors: [
        {
          line: 1,
          column: 6,
          endColumn: 13,
          severity: 'warning',
          message: '`node:22` is the full Node.js image; consider `node:22-slim` (same release on Debian slim, glibc, no compilers): about 238.4 MB instead of 1213.3 MB uncompressed, 79.9 MB instead of 408.5 MB compressed (approximate: node:22-slim on 2026-09-19, node:22 on 2026-09-19). (≈ 975 MB)',
          // Uncompressed, as `docker images` shows it: 1213.3 − 238.4 MB (repo-info local/, GiB and MiB converted).
          estimate: 974_900_000,
        },
      ],
      output: dockerfile`
        FROM node:22-slim
        WORKDIR /app
        COPY . .
        RUN npm ci --omit=dev
        CMD ["node", "server.js"]
      `,
      fixSafety: 'unsafe',
      safeOutput: null,
    },
    {
      name: 'python suite tag keeps the suite; through a stage alias; lower case',
      code: dockerfile`
        from python:3.12-bookworm as base
        from base
        copy app.py /app/
        cmd ["python", "/app/app.py"]
      `,
      errors: [{ line: 1, column: 6, endColumn: 26, message: 'consider `python:3.12-slim-bookworm` (same release on Debian slim', estimate: 1_066_900_000 }],
      output: dockerfile`
        from python:3.12-slim-bookworm as base
        from base
        copy app.py /app/
        cmd ["python", "/app/app.py"]
      `,
    },
    {
      name: 'tag from an ARG default: the fix keeps the ARG; CRLF',
      code: 'ARG NODE_VERSION=22\r\nFROM node:${NODE_VERSION}\r\nCMD ["node", "server.js"]\r\n',
      errors: [{ line: 2, column: 6, endColumn: 26, message: '`node:22`' }],
      output: 'ARG NODE_VERSION=22\r\nFROM node:${NODE_VERSION}-slim\r\nCMD ["node", "server.js"]\r\n',
    },
    {
      name: 'no tag means latest: slim; sizes unknown for ruby, no estimate',
      code: 'FROM ruby\nCMD ["ruby", "app.rb"]\n',
      errors: [{ line: 1, column: 6, endColumn: 10, message: '`ruby` is the full Ruby image; consider `ruby:slim` (same release on Debian slim, glibc, no compilers).' }],
      output: 'FROM ruby:slim\nCMD ["ruby", "app.rb"]\n',
    },
    {
      name: 'curl used by a RUN and the HEALTHCHECK: no fix, message says why',
      code: dockerfile`
        FROM node:22
        RUN curl -fsSL https://example.com/tool.tgz | tar -xz -C /usr/local/bin
        HEALTHCHECK CMD curl -f http://localhost:3000/ || exit 1
        CMD ["node", "server.js"]
      `,
      errors: [{ line: 1, message: 'but it has no `curl`, which this Dockerfile uses.' }],
      output: null,
    },
    {
      name: 'digest-pinned: reported without a fix',
      code: `FROM node:22@sha256:${'c'.repeat(64)}\nCMD ["node", "server.js"]\n`,
      errors: [{ line: 1, column: 6, endColumn: 85, message: 'pinned by digest: pin the slim tag by its own digest', estimate: 974_900_000 }],
      output: null,
    },
    {
      name: 'debian full: docs and locales, and an ONBUILD trigger is no build',
      code: 'FROM debian:bookworm\nONBUILD RUN apt-get update\nCMD ["bash"]\n',
      // Uncompressed: the same images made with debuerreotype by bench/image-size/setup.sh.
      errors: [{ line: 1, column: 6, endColumn: 21, message: 'consider `debian:bookworm-slim` (same release without man pages, docs and locales): about 77.9 MB instead of 121.4 MB uncompressed, 28.2 MB instead of 48.5 MB compressed', estimate: 43_500_000 }],
      output: 'FROM debian:bookworm-slim\nONBUILD RUN apt-get update\nCMD ["bash"]\n',
    },
  ],
});
