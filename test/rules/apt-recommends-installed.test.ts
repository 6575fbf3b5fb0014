import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { lint } from '../../server/src/engine/index.js';
import rule from '../../server/src/engine/rules/apt-recommends-installed.js';
import { engineReady } from '../support/engine.js';
import { dockerfile, testRule } from '../support/ruleTester.js';

testRule(rule, {
  valid: [
    {
      name: 'apt-get on a stage whose image has apk (node:*-alpine) fails the build: no recommends are installed',
      code: dockerfile`
        FROM node:20-bullseye AS build
        RUN npm --version
        FROM node:20-alpine
        RUN apt-get update && apt-get install -y rsync && rm -rf /var/lib/apt/lists/*
      `,
    },
    {
      name: 'flag given',
      code: dockerfile`
        FROM debian:bookworm
        RUN apt-get update && apt-get install -y --no-install-recommends curl
      `,
    },
    {
      name: 'flag before the subcommand',
      code: dockerfile`
        FROM debian:bookworm
        RUN apt-get --no-install-recommends install -y curl
      `,
    },
    {
      name: 'apt option on the command line',
      code: dockerfile`
        FROM debian:bookworm
        RUN apt-get install -y -o APT::Install-Recommends=false curl
      `,
    },
    {
      name: 'apt configuration written earlier in the stage',
      code: dockerfile`
        FROM debian:bookworm
        RUN echo 'APT::Install-Recommends "false";' > /etc/apt/apt.conf.d/99norecommends
        RUN apt-get install -y curl
      `,
    },
    {
      name: 'builder stage',
      code: dockerfile`
        FROM debian:bookworm AS build
        RUN apt-get install -y gcc
        FROM debian:bookworm-slim
        COPY --from=build /out /out
      `,
    },
    {
      name: 'other subcommands',
      code: dockerfile`
        FROM debian:bookworm
        RUN apt-get update && apt-get remove -y curl && apt-cache show curl
      `,
    },
    {
      name: 'a simulated install installs nothing (postgres official image)',
      code: dockerfile`
        FROM debian:bookworm
        RUN if apt-get install -s "postgresql-18-jit" > /dev/null 2>&1; then echo yes; fi
      `,
    },
    {
      name: 'a package called install is not the subcommand',
      code: dockerfile`
        FROM debian:bookworm
        RUN apt-get -o Dpkg::Options::=install purge -y curl
      `,
    },
  ],
  invalid: [
    {
      name: 'apt-get install',
      code: dockerfile`
        FROM debian:bookworm
        RUN apt-get update && apt-get install -y curl
      `,
      errors: [{ line: 2, column: 23, endColumn: 38, message: '"apt-get install" without --no-install-recommends adds recommended packages. (≈ 1.0 MB)' }],
      output: dockerfile`
        FROM debian:bookworm
        RUN apt-get update && apt-get install --no-install-recommends -y ca-certificates curl
      `,
      fixSafety: 'unsafe',
      safeOutput: null,
    },
    {
      // The fix of the first install adds ca-certificates, so the second one has it.
      name: 'apt install, multi-line, two findings',
      code: dockerfile`
        FROM debian:bookworm
        RUN apt update \
         && apt install -y curl \
         && apt-get -y install \
              git
      `,
      errors: [
        { line: 3, column: 5, endColumn: 16, message: '"apt install"' },
        { line: 4, column: 5, endColumn: 23 },
      ],
      output: dockerfile`
        FROM debian:bookworm
        RUN apt update \
         && apt install --no-install-recommends -y ca-certificates curl \
         && apt-get -y install --no-install-recommends \
              git
      `,
    },
    {
      name: 'exec form gets a JSON argument',
      code: dockerfile`
        FROM debian:bookworm
        RUN ["apt-get", "install", "-y", "curl"]
      `,
      errors: [{ line: 2, column: 6, endColumn: 26 }],
      output: dockerfile`
        FROM debian:bookworm
        RUN ["apt-get", "install", "--no-install-recommends", "-y", "ca-certificates", "curl"]
      `,
    },
    {
      name: 'variables and options with values',
      code: dockerfile`
        FROM debian:bookworm
        ARG PKGS="curl git"
        RUN apt-get -o Acquire::Retries=3 install -y $PKGS
      `,
      errors: [{ line: 3, column: 5, endColumn: 42 }],
      output: dockerfile`
        FROM debian:bookworm
        ARG PKGS="curl git"
        RUN apt-get -o Acquire::Retries=3 install --no-install-recommends -y $PKGS
      `,
    },
    {
      name: 'escape directive with backtick continuations',
      code: dockerfile`
        # escape=${'`'}
        FROM debian:bookworm
        RUN apt-get update && ${'`'}
            apt-get install -y curl
      `,
      errors: [{ line: 4, column: 5, endColumn: 20 }],
      output: dockerfile`
        # escape=${'`'}
        FROM debian:bookworm
        RUN apt-get update && ${'`'}
            apt-get install --no-install-recommends -y ca-certificates curl
      `,
    },
    {
      name: 'gcc only recommends libc6-dev: the fix adds it',
      code: dockerfile`
        FROM python:3.12-slim
        RUN apt-get update && apt-get install -y gcc && rm -rf /var/lib/apt/lists/*
      `,
      errors: [{ line: 2, column: 23, endColumn: 38 }],
      output: dockerfile`
        FROM python:3.12-slim
        RUN apt-get update && apt-get install --no-install-recommends -y libc6-dev gcc && rm -rf /var/lib/apt/lists/*
      `,
    },
    {
      name: 'versioned gcc with a pin, and curl, on a continuation, CRLF: both additions before the first package',
      code: dockerfile`
        FROM debian:bookworm-slim
        RUN apt-get install -y \
              gcc-12=12.2.0-14+deb12u1 \
              curl \
         && rm -rf /var/lib/apt/lists/*
      `.replace(/\n/g, '\r\n'),
      errors: [{ line: 2, column: 5, endColumn: 20 }],
      output: dockerfile`
        FROM debian:bookworm-slim
        RUN apt-get install --no-install-recommends -y \
              libc6-dev ca-certificates gcc-12=12.2.0-14+deb12u1 \
              curl \
         && rm -rf /var/lib/apt/lists/*
      `.replace(/\n/g, '\r\n'),
    },
    {
      name: 'exec form gets both as JSON arguments',
      code: dockerfile`
        FROM ubuntu:24.04
        RUN ["apt-get", "install", "-y", "gcc", "wget"]
      `,
      errors: [{ line: 2, column: 6, endColumn: 26 }],
      output: dockerfile`
        FROM ubuntu:24.04
        RUN ["apt-get", "install", "--no-install-recommends", "-y", "libc6-dev", "ca-certificates", "gcc", "wget"]
      `,
    },
    {
      name: 'nothing added when the command or an earlier install of the stage chain brings it',
      code: dockerfile`
        FROM debian:bookworm-slim AS base
        RUN apt-get install -y --no-install-recommends ca-certificates
        FROM base
        RUN apt-get install -y gcc libc6-dev curl
        RUN apt-get install -y gcc g++ git
        RUN apt-get install -y build-essential gcc-12
      `,
      errors: [{ line: 4 }, { line: 5 }, { line: 6 }],
      output: dockerfile`
        FROM debian:bookworm-slim AS base
        RUN apt-get install -y --no-install-recommends ca-certificates
        FROM base
        RUN apt-get install --no-install-recommends -y gcc libc6-dev curl
        RUN apt-get install --no-install-recommends -y gcc g++ git
        RUN apt-get install --no-install-recommends -y build-essential gcc-12
      `,
    },
    {
      name: 'nothing added when the image has them: full python image, through a stage alias',
      code: dockerfile`
        FROM python:3.12 AS full
        RUN apt-get install -y gcc
        FROM full
        RUN apt-get install -y wget
      `,
      errors: [{ line: 2 }, { line: 4 }],
      output: dockerfile`
        FROM python:3.12 AS full
        RUN apt-get install --no-install-recommends -y gcc
        FROM full
        RUN apt-get install --no-install-recommends -y wget
      `,
    },
    {
      name: 'nothing added when the image has them: golang',
      code: dockerfile`
        FROM golang:1.22
        RUN apt-get install -y gcc curl
      `,
      errors: [{ line: 2 }],
      output: dockerfile`
        FROM golang:1.22
        RUN apt-get install --no-install-recommends -y gcc curl
      `,
    },
    {
      name: 'ca-certificates purged before: added',
      code: dockerfile`
        FROM debian:bookworm-slim
        RUN apt-get install -y --no-install-recommends ca-certificates && apt-get purge -y ca-certificates
        RUN apt-get install -y git
      `,
      errors: [{ line: 3 }],
      output: dockerfile`
        FROM debian:bookworm-slim
        RUN apt-get install -y --no-install-recommends ca-certificates && apt-get purge -y ca-certificates
        RUN apt-get install --no-install-recommends -y ca-certificates git
      `,
    },
  ],
});

describe('apt-recommends-installed fix titles', () => {
  before(() => engineReady);
  const titles = (code: string): string[] => lint(code, undefined, [rule]).flatMap((f) => f.fixes.map((x) => x.title));

  it('names what is added and why', () => {
    assert.deepEqual(
      titles(dockerfile`
        FROM debian:bookworm-slim
        RUN apt-get install -y gcc
        RUN apt-get install -y gcc-12 wget
        RUN apt-get install -y git
        RUN apt-get install -y vim
      `),
      [
        // The first fix adds libc6-dev, so gcc-12 has it; the second adds ca-certificates, so git has it.
        'Add --no-install-recommends (and libc6-dev, which gcc only recommends; ≈ −52 MB est.)',
        'Add --no-install-recommends (and ca-certificates, which wget only recommends; ≈ −241 kB est.)',
        'Add --no-install-recommends (≈ −6.7 MB est.)',
        'Add --no-install-recommends (≈ −48 kB est.)',
      ],
    );
  });
});

describe('apt-recommends-installed: load-bearing recommends and estimates from Debian data', () => {
  before(() => engineReady);

  it('cmake recommends gcc and make: the fix keeps both (a CMake build needs a compiler and make)', () => {
    const [f] = lint(dockerfile`
      FROM debian:bookworm-slim
      RUN apt-get update && apt-get install -y cmake
    `, undefined, [rule]);
    assert.equal(f!.fixes[0]!.title, 'Add --no-install-recommends (and gcc, which cmake only recommends, and make, which cmake only recommends, and ca-certificates, which cmake only recommends; ≈ −72 MB est.)');
    assert.equal(f!.fixes[0]!.edits.map((e) => e.newText).join('|'), ' --no-install-recommends|gcc make ca-certificates ');
  });

  it('the estimate is the closure with recommends minus without, on the image\'s package set, with a basis and an id', () => {
    const [f] = lint(dockerfile`
      FROM debian:bookworm-slim
      RUN apt-get install -y curl
    `, undefined, [rule]);
    // curl on bookworm-slim: ca-certificates (and openssl) are kept, so the saving is the rest of the recommends:
    // 646 KiB of Installed-Size, less their docs the -slim image leaves out.
    assert.equal(f!.estimate!.bytes, 646 * 1024);
    assert.match(f!.estimate!.basis, /^estimate: Debian Installed-Size of the packages apt adds on debian:bookworm-slim .*Debian bookworm 12\.15/);
    assert.equal(f!.estimate!.id, 'apt-recommends@30');
    assert.match(f!.message, /\(≈ 662 kB\)$/);
  });

  it('no estimate when a package is not in the data, or the image has no package data', () => {
    const ests = (code: string) => lint(code, undefined, [rule]).map((f) => f.estimate?.bytes ?? null);
    assert.deepEqual(ests(dockerfile`
      FROM debian:bookworm-slim
      RUN apt-get install -y curl not-a-debian-package
      RUN apt-get install -y $PKGS
    `), [null, null]);
    assert.deepEqual(ests(dockerfile`
      FROM debian:bullseye-slim
      RUN apt-get install -y curl
    `), [null]);
    assert.deepEqual(ests(dockerfile`
      FROM someone/unknown:1
      RUN apt-get install -y curl
    `), [null]);
  });

  it('Ubuntu: the basis names the Debian release it stands in for', () => {
    const [f] = lint(dockerfile`
      FROM ubuntu:24.04
      RUN apt-get install -y git
    `, undefined, [rule]);
    assert.match(f!.estimate!.basis, /Ubuntu 24\.04, estimated from Debian trixie's package data/);
  });
});
