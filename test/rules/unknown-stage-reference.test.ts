import rule from '../../server/src/engine/rules/unknown-stage-reference.js';
import { dockerfile, testRule } from '../support/ruleTester.js';

testRule(rule, {
  valid: [
    {
      name: 'COPY --from an earlier stage',
      code: dockerfile`
        FROM golang:1.25 AS build
        RUN go build -o /app .
        FROM scratch
        COPY --from=build /app /app
      `,
    },
    {
      name: 'stage names are matched without regard to case, as BuildKit does',
      code: 'FROM golang:1.25 AS Build\nRUN go build -o /app .\nFROM scratch\nCOPY --from=BUILD /app /app\n',
    },
    {
      name: 'an image with a registry, a path, a tag or a digest',
      code: 'FROM alpine:3.20\nCOPY --from=busybox:1.36 /bin/busybox /bin/\nCOPY --from=ghcr.io/acme/tools /x /x\nCOPY --from=docker/buildx-bin /buildx /usr/libexec/docker/cli-plugins/docker-buildx\n',
    },
    {
      name: 'a bare image name that does not look like a stage (composer, nginx)',
      code: 'FROM php:8.3-fpm\nCOPY --from=composer /usr/bin/composer /usr/bin/composer\nCOPY --from=nginx /etc/nginx/mime.types /etc/\n',
    },
    {
      name: 'a catalogued image is an image, whatever the word',
      code: 'FROM debian:bookworm-slim\nCOPY --from=alpine /bin/busybox /bin/\n',
    },
    {
      name: 'a variable or a number is left to other rules and to the builder',
      code: 'ARG SRC=build\nFROM golang:1.25\nFROM alpine:3.20\nCOPY --from=$SRC /app /app\nCOPY --from=0 /app /app\n',
    },
    {
      name: 'FROM a local image named like a base (built by another Dockerfile)',
      code: 'FROM base\nRUN echo hi\nFROM base AS second\n',
    },
    {
      name: 'ONBUILD: the name belongs to the downstream build',
      code: 'FROM alpine:3.20\nONBUILD COPY --from=builder /app /app\n',
    },
    {
      name: 'RUN --mount from an earlier stage',
      code: 'FROM golang:1.25 AS deps\nRUN go mod download\nFROM golang:1.25\nRUN --mount=type=cache,from=deps,target=/go/pkg go build ./...\n',
    },
  ],
  invalid: [
    {
      name: 'a half-applied split: COPY --from=build and no stage named build',
      code: dockerfile`
        FROM python:3.12-slim
        WORKDIR /app
        COPY --from=build /opt/venv /opt/venv
        CMD ["python", "app.py"]
      `,
      errors: [{ line: 3, column: 13, endColumn: 18, severity: 'error', message: 'No stage above is named "build". The build will try to pull an image of that name and fail.' }],
      output: null,
    },
    {
      name: 'a stage used above its definition',
      code: dockerfile`
        FROM alpine:3.20
        COPY --from=builder /app /app
        FROM golang:1.25 AS builder
        RUN go build -o /app .
      `,
      errors: [{ line: 2, column: 13, endColumn: 20, severity: 'error', message: '"builder" is defined below (line 3). A stage can only copy from stages above it.' }],
      output: null,
    },
    {
      name: 'a stage copying from itself',
      code: 'FROM golang:1.25 AS build\nCOPY --from=build /a /b\n',
      errors: [{ line: 2, column: 13, endColumn: 18, message: `"build" is this stage's own name: a stage cannot copy from itself.` }],
      output: null,
    },
    {
      name: 'FROM a stage defined below',
      code: 'FROM golang:1.25 AS base\nFROM runtime-base\nFROM alpine:3.20 AS runtime-base\n',
      errors: [{ line: 2, column: 6, endColumn: 18, message: '"runtime-base" is defined below (line 3). A stage can only build from stages above it.' }],
      output: null,
    },
    {
      name: 'FROM builder in a multi-stage file with no such stage',
      code: 'FROM golang:1.25 AS compile\nRUN go build -o /app .\nFROM builder\nCOPY --from=compile /app /app\n',
      errors: [{ line: 3, column: 6, endColumn: 13, message: 'No stage above is named "builder"' }],
      output: null,
    },
    {
      name: 'RUN --mount from a stage that does not exist',
      code: 'FROM golang:1.25\nRUN --mount=type=cache,from=deps,target=/go/pkg go build ./...\n',
      errors: [{ line: 2, severity: 'error', message: 'No stage above is named "deps"' }],
      output: null,
    },
    {
      name: 'stage-like names with a suffix',
      code: 'FROM alpine:3.20\nCOPY --from=build-frontend /dist /srv\n',
      errors: [{ line: 2, column: 13, endColumn: 27, message: 'No stage above is named "build-frontend"' }],
      output: null,
    },
  ],
});
