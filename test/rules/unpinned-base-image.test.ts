import rule from '../../server/src/engine/rules/unpinned-base-image.js';
import { dockerfile, testRule } from '../support/ruleTester.js';

testRule(rule, {
  valid: [
    { name: 'version tag', code: 'FROM node:22-slim\n' },
    { name: 'digest without tag', code: `FROM node@sha256:${'a'.repeat(64)}\n` },
    { name: 'latest pinned by digest', code: `FROM node:latest@sha256:${'b'.repeat(64)}\n` },
    { name: 'scratch', code: 'FROM scratch\nCOPY app /\n' },
    {
      name: 'stage alias, also lower-case and after an escape directive',
      code: '# escape=`\nfrom golang:1.25 as build\nfrom build\n',
    },
    { name: 'ARG without default: unknown', code: 'ARG BASE\nFROM ${BASE}\n' },
    { name: 'ARG default with a tag', code: 'ARG NODE=22\nFROM node:${NODE}-alpine\n' },
  ],
  invalid: [
    {
      name: 'no tag',
      code: 'FROM node\n',
      errors: [{ line: 1, column: 6, endColumn: 10, severity: 'info', message: '"node" has no tag, so it means "node:latest"' }],
      output: null,
    },
    {
      name: 'latest, with a platform flag and a stage name',
      code: 'FROM --platform=$BUILDPLATFORM golang:latest AS build\nRUN go version\n',
      errors: [{ line: 1, column: 32, endColumn: 45, message: '"golang:latest" changes with every release' }],
      output: null,
    },
    {
      name: 'ARG default resolves to latest',
      code: 'ARG BASE=alpine:latest\nFROM ${BASE}\n',
      errors: [{ line: 2, column: 6, endColumn: 13, message: '"alpine:latest" (from "${BASE}") changes' }],
      output: null,
    },
    {
      name: 'ARG default built from an earlier ARG',
      code: 'ARG REGISTRY=quay.io\nARG BASE=$REGISTRY/team/app\nFROM $BASE\n',
      errors: [{ line: 3, column: 6, endColumn: 11, message: '"quay.io/team/app" (from "$BASE") has no tag' }],
      output: null,
    },
    {
      name: 'registry with a port, no tag',
      code: 'FROM localhost:5000/team/app\n',
      errors: [{ line: 1, column: 6, endColumn: 29, message: '"localhost:5000/team/app" has no tag' }],
      output: null,
    },
    {
      name: 'two stages, CRLF',
      code: dockerfile`
        FROM golang AS build
        RUN go build -o /app .
        FROM alpine:latest
        COPY --from=build /app /app
      `.replace(/\n/g, '\r\n'),
      errors: [
        { line: 1, column: 6, endColumn: 12 },
        { line: 3, column: 6, endColumn: 19 },
      ],
      output: null,
    },
  ],
});
