import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { runsInDash } from '../../server/src/engine/model/binSh.js';
import { envFor } from '../../server/src/engine/model/languages.js';
import { buildModel } from '../../server/src/engine/model/model.js';
import { engineReady } from '../support/engine.js';

/** The last RUN of the text. */
function lastRun(text: string) {
  const runs = buildModel(text).instructions.filter((i) => i.keyword === 'RUN');
  return runs[runs.length - 1]!;
}

describe('runsInDash: which RUN scripts dash runs', () => {
  before(() => engineReady);
  const ROWS: [string, string, boolean][] = [
    ['Debian: /bin/sh is dash', 'FROM debian:bookworm\nRUN true', true],
    ['Ubuntu, lower-case keywords', 'from ubuntu:24.04\nrun true', true],
    ['a catalogued image built on Debian', 'FROM python:3.12-slim\nRUN true', true],
    ['SHELL ["/bin/sh", "-c"] on Debian', 'FROM debian:bookworm\nSHELL ["/bin/sh", "-c"]\nRUN true', true],
    ['SHELL bash', 'FROM debian:bookworm\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN true', false],
    ['SHELL dash on any image', 'FROM example.com/team/app:1\nSHELL ["/bin/dash", "-c"]\nRUN true', true],
    ['an earlier RUN links /bin/sh to bash', 'FROM debian:bookworm\nRUN ln -sf /bin/bash /bin/sh\nRUN true', false],
    ['Alpine: BusyBox ash, not claimed', 'FROM alpine:3.20\nRUN true', false],
    ['distroless :debug (Debian, but a BusyBox shell)', 'FROM gcr.io/distroless/base-debian12:debug\nRUN true', false],
    ['Red Hat family: bash', 'FROM rockylinux:9\nRUN true', false],
    ['an image outside the catalog', 'FROM example.com/team/app:1\nRUN true', false],
    ['a heredoc may name its interpreter', 'FROM debian:bookworm\nRUN <<EOF\ntrue\nEOF', false],
    ['exec form', 'FROM debian:bookworm\nRUN ["true"]', false],
  ];
  for (const [name, text, dash] of ROWS) it(name, () => assert.equal(runsInDash(lastRun(text)), dash));

  it('envFor: `NAME=value :` before a later command changes what it sees in dash, not in bash', () => {
    const read = (text: string): string | null | undefined => {
      const run = lastRun(text);
      const npm = run.run!.script!.commands.find((c) => c.name === 'npm')!;
      return envFor(run, npm, (n) => n === 'NPM_CONFIG_CACHE');
    };
    const body = 'ENV NPM_CONFIG_CACHE=/a\nRUN NPM_CONFIG_CACHE=/b : && npm install';
    assert.equal(read(`FROM node:20-bookworm\n${body}`), '/b');
    assert.equal(read(`FROM node:20-bookworm\nSHELL ["/bin/bash", "-c"]\n${body}`), '/a');
    assert.equal(read(`FROM node:20-alpine\n${body}`), '/a');
  });
});
