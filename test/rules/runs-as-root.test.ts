import rule from '../../server/src/engine/rules/runs-as-root.js';
import { dockerfile, testRule } from '../support/ruleTester.js';

testRule(rule, {
  valid: [
    { name: 'non-root USER', code: 'FROM node:22-slim\nUSER node\nCMD ["node", "server.js"]\n' },
    { name: 'numeric user and group', code: 'FROM scratch\nCOPY app /app\nUSER 65532:65532\nENTRYPOINT ["/app"]\n' },
    {
      name: 'USER set in a stage the final one builds FROM',
      code: 'FROM python:3.12-slim AS base\nRUN useradd -r app\nUSER app\nFROM base\nCMD ["python", "-m", "app"]\n',
    },
    { name: 'images that default to non-root', code: 'FROM gcr.io/distroless/static-debian12:nonroot\nCOPY app /app\nENTRYPOINT ["/app"]\nFROM cgr.dev/chainguard/python:latest\nENTRYPOINT ["python", "/app.py"]\n' },
    { name: 'image outside the catalog may set its own USER', code: 'FROM bitnami/node:22\nCMD ["node", "server.js"]\n' },
    { name: 'variable user', code: 'FROM debian:bookworm-slim\nARG UID=1000\nUSER $UID\nCMD ["app"]\n' },
    {
      name: 'base image for others (interpreter CMD, wrapper entrypoint), like the official images',
      code: 'FROM debian:bookworm-slim\nENTRYPOINT ["docker-entrypoint.sh"]\nCMD ["node"]\nFROM debian:bookworm-slim\nCMD ["python3"]\n',
    },
    {
      name: 'privilege drop with gosu in the entrypoint script, servers that drop privileges',
      code: dockerfile`
        FROM debian:bookworm-slim AS a
        RUN apt-get update && apt-get install -y --no-install-recommends gosu && rm -rf /var/lib/apt/lists/*
        ENTRYPOINT ["docker-entrypoint.sh"]
        CMD ["redis-server"]
        FROM debian:bookworm-slim AS b
        CMD ["httpd-foreground"]
        FROM alpine:3.20
        CMD ["php-fpm"]
      `,
    },
    { name: 'Windows images', code: 'FROM mcr.microsoft.com/dotnet/aspnet:8.0-nanoserver-ltsc2022\nENTRYPOINT ["dotnet", "app.dll"]\n' },
  ],
  invalid: [
    {
      name: 'no USER on node: suggests the node user',
      code: 'FROM node:22-slim\nCOPY . /app\nCMD ["node", "/app/server.js"]\n',
      errors: [
        {
          line: 1,
          column: 6,
          endColumn: 18,
          severity: 'info',
          message: 'The container runs as root: the final stage sets no USER. The image has a "node" user: add USER node. ("node:22-slim" runs as root by default.)',
        },
      ],
      output: null,
    },
    {
      name: 'USER root last, through an alias; lower case; USER 0:0 counts as root',
      code: dockerfile`
        from python:3.12-slim as base
        user app
        from base
        user 0:0
        cmd ["python", "-m", "app"]
      `,
      errors: [{ line: 4, column: 6, endColumn: 9, message: 'The container runs as root: the last USER is "0:0". Switch to a non-root user after the steps that need root.' }],
      output: null,
    },
    {
      name: 'scratch and distroless without nonroot; builder USER does not count; CRLF',
      code: dockerfile`
        FROM golang:1.25 AS build
        USER nobody
        FROM gcr.io/distroless/static-debian12 AS rt
        FROM scratch
        COPY --from=build /app /app
        ENTRYPOINT ["/app"]
      `.replace(/\n/g, '\r\n'),
      errors: [{ line: 4, column: 6, endColumn: 13, message: 'The container runs as root: the final stage sets no USER. Add a numeric USER, e.g. USER 65532:65532 (scratch has no /etc/passwd). ("scratch" runs as root by default.)' }],
      output: null,
    },
    {
      name: '.NET 8 has an app user; ONBUILD USER does not count',
      code: 'FROM mcr.microsoft.com/dotnet/aspnet:8.0\nONBUILD USER app\nENTRYPOINT ["dotnet", "app.dll"]\n',
      errors: [{ line: 1, message: 'The container runs as root: the final stage sets no USER. The image has an "app" user: add USER $APP_UID. ("mcr.microsoft.com/dotnet/aspnet:8.0" runs as root by default.)' }],
      output: null,
    },
    {
      name: 'distroless default tag',
      code: 'FROM gcr.io/distroless/base-debian12\nCOPY app /app\nENTRYPOINT ["/app"]\n',
      errors: [{ line: 1, message: 'The container runs as root: the final stage sets no USER. Use the ":nonroot" tag or add USER nonroot. ("gcr.io/distroless/base-debian12" runs as root by default.)' }],
      output: null,
    },
  ],
});
