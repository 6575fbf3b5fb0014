import rule from '../../server/src/engine/rules/apt-lists-left.js';
import { dockerfile, testRule } from '../support/ruleTester.js';

testRule(rule, {
  valid: [
    {
      name: 'apt-get update on an Alpine stage fails the build: no lists are left',
      code: dockerfile`
        FROM python:3.12-alpine
        RUN apt-get update && apt-get install -y --no-install-recommends curl
      `,
    },
    {
      name: 'an update with arguments (a missing && joins the lines) fails the build: no layer keeps lists',
      code: dockerfile`
        FROM ubuntu:24.04
        RUN apt update \\
            apt install -y openssh-server \\
            apt install -y git
      `,
    },
    {
      name: 'the list files deleted with find -delete',
      code: dockerfile`
        FROM debian:bookworm
        RUN apt-get update && apt-get install -y curl && find /var/cache/apt/archives /var/lib/apt/lists -not -name lock -type f -delete
      `,
    },
    {
      name: 'lists removed both before and after the update',
      code: dockerfile`
        FROM debian:bookworm
        RUN rm -rf /var/lib/apt/lists/* && apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*
      `,
    },
    {
      name: 'lists removed in the same RUN',
      code: dockerfile`
        FROM debian:bookworm
        RUN apt-get update && apt-get install -y curl \
         && rm -rf /var/lib/apt/lists/*
      `,
    },
    {
      name: 'apt-get dist-clean (Debian trixie and later)',
      code: dockerfile`
        FROM debian:trixie
        RUN set -eux; apt-get update; apt-get install -y curl; apt-get dist-clean
      `,
    },
    {
      name: 'cache mount on the lists',
      code: dockerfile`
        FROM debian:bookworm
        RUN --mount=type=cache,target=/var/lib/apt/lists apt-get update && apt-get install -y curl
      `,
    },
    {
      name: 'tmpfs mount on /var/lib/apt',
      code: dockerfile`
        FROM debian:bookworm
        RUN --mount=type=tmpfs,target=/var/lib/apt apt-get update && apt-get install -y curl
      `,
    },
    {
      name: 'builder stage is not shipped',
      code: dockerfile`
        FROM debian:bookworm AS build
        RUN apt-get update && apt-get install -y gcc
        FROM scratch
        COPY --from=build /out /out
      `,
    },
    {
      name: 'rm of the lists directory itself',
      code: dockerfile`
        FROM debian:bookworm
        RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists
      `,
    },
    {
      name: 'non-POSIX SHELL is not read',
      code: dockerfile`
        FROM mcr.microsoft.com/windows/servercore:ltsc2022
        SHELL ["powershell", "-Command"]
        RUN apt-get update
      `,
    },
  ],
  invalid: [
    {
      name: 'the cache-mount alternative: lists and archives in mounts, docker-clean removed first',
      code: dockerfile`
        FROM debian:bookworm-slim
        RUN apt-get update && apt-get install -y --no-install-recommends curl
      `,
      errors: [{ line: 2, column: 5, endColumn: 19 }],
      output: dockerfile`
        FROM debian:bookworm-slim
        RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
      `,
      mountOutput: dockerfile`
        FROM debian:bookworm-slim
        RUN --mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt/lists,sharing=locked rm -f /etc/apt/apt.conf.d/docker-clean && apt-get update && apt-get install -y --no-install-recommends curl
      `,
    },
    {
      name: 'the cache-mount alternative drops an apt-get clean that would empty the new mount, in the same fix',
      code: dockerfile`
        FROM debian:bookworm-slim
        RUN apt-get update \
            && apt-get install -y --no-install-recommends curl \
            && apt-get clean
      `,
      errors: [{ line: 2, column: 5, endColumn: 19 }],
      output: dockerfile`
        FROM debian:bookworm-slim
        RUN apt-get update \
            && apt-get install -y --no-install-recommends curl \
            && apt-get clean \
            && rm -rf /var/lib/apt/lists/*
      `,
      mountOutput: dockerfile`
        FROM debian:bookworm-slim
        RUN --mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt/lists,sharing=locked rm -f /etc/apt/apt.conf.d/docker-clean && apt-get update \
            && apt-get install -y --no-install-recommends curl
      `,
    },
    {
      name: 'no cache mount when a later RUN installs without one: removing docker-clean would keep its .debs',
      code: dockerfile`
        FROM debian:bookworm-slim
        RUN apt-get update && apt-get install -y --no-install-recommends curl
        RUN apt-get update && apt-get install -y --no-install-recommends git && rm -rf /var/lib/apt/lists/*
      `,
      errors: [{ line: 2, column: 5, endColumn: 19 }],
      output: dockerfile`
        FROM debian:bookworm-slim
        RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
        RUN apt-get update && apt-get install -y --no-install-recommends git && rm -rf /var/lib/apt/lists/*
      `,
      mountOutput: null,
    },
    {
      name: 'a later RUN that mounts the archives too: the cache mount is offered',
      code: dockerfile`
        FROM debian:bookworm-slim
        RUN apt-get update && apt-get install -y --no-install-recommends curl
        RUN --mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt/lists,sharing=locked \
            apt-get update && apt-get install -y --no-install-recommends git
      `,
      errors: [{ line: 2, column: 5, endColumn: 19 }],
      output: dockerfile`
        FROM debian:bookworm-slim
        RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
        RUN --mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt/lists,sharing=locked \
            apt-get update && apt-get install -y --no-install-recommends git
      `,
      mountOutput: dockerfile`
        FROM debian:bookworm-slim
        RUN --mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt/lists,sharing=locked rm -f /etc/apt/apt.conf.d/docker-clean && apt-get update && apt-get install -y --no-install-recommends curl
        RUN --mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt/lists,sharing=locked \
            apt-get update && apt-get install -y --no-install-recommends git
      `,
    },
    {
      name: 'lists removed before the update: the update downloads them again',
      code: dockerfile`
        FROM debian:bookworm
        RUN rm -rf /var/lib/apt/lists/* && apt-get update && apt-get install -y curl
      `,
      errors: [{ line: 2, column: 36, endColumn: 50, message: '/var/lib/apt/lists' }],
      output: dockerfile`
        FROM debian:bookworm
        RUN rm -rf /var/lib/apt/lists/* && apt-get update && apt-get install -y curl \
            && rm -rf /var/lib/apt/lists/*
      `,
      fixSafety: 'safe',
    },
    {
      name: 'a second update after the removal leaves the lists again',
      code: dockerfile`
        FROM debian:bookworm
        RUN apt-get update && apt-get install -y gnupg && rm -rf /var/lib/apt/lists/* \
         && apt-get update && apt-get install -y curl
      `,
      errors: [{ line: 3, column: 5, endColumn: 19 }],
      output: dockerfile`
        FROM debian:bookworm
        RUN apt-get update && apt-get install -y gnupg && rm -rf /var/lib/apt/lists/* \
         && apt-get update && apt-get install -y curl \
         && rm -rf /var/lib/apt/lists/*
      `,
    },
    {
      name: 'one-line RUN grows on the same line',
      code: dockerfile`
        FROM debian:bookworm
        RUN apt-get update && apt-get install -y curl
      `,
      errors: [{ line: 2, column: 5, endLine: 2, endColumn: 19, message: '/var/lib/apt/lists', estimate: 19_860_000 }],
      output: dockerfile`
        FROM debian:bookworm
        RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*
      `,
      fixSafety: 'safe',
    },
    {
      name: 'leading && continuation style is kept',
      code: dockerfile`
        FROM debian:bookworm
        RUN apt-get update \
         && apt-get install -y \
            curl
      `,
      errors: [{ line: 2, column: 5, endColumn: 19 }],
      output: dockerfile`
        FROM debian:bookworm
        RUN apt-get update \
         && apt-get install -y \
            curl \
         && rm -rf /var/lib/apt/lists/*
      `,
    },
    {
      name: 'trailing && continuation style is kept',
      code: dockerfile`
        FROM debian:bookworm
        RUN apt-get update && \
            apt-get install -y \
              curl git
      `,
      errors: [{ line: 2 }],
      output: dockerfile`
        FROM debian:bookworm
        RUN apt-get update && \
            apt-get install -y \
              curl git && \
            rm -rf /var/lib/apt/lists/*
      `,
    },
    {
      name: 'semicolon lists get a semicolon',
      code: dockerfile`
        FROM debian:bookworm
        RUN set -eux; \
            apt-get update; \
            apt-get install -y curl
      `,
      errors: [{ line: 3, column: 5, endColumn: 19 }],
      output: dockerfile`
        FROM debian:bookworm
        RUN set -eux; \
            apt-get update; \
            apt-get install -y curl; \
            rm -rf /var/lib/apt/lists/*
      `,
    },
    {
      name: 'a trailing shell comment stays last',
      code: dockerfile`
        FROM debian:bookworm
        RUN apt-get update && apt-get install -y curl # tools
      `,
      errors: [{ line: 2 }],
      output: dockerfile`
        FROM debian:bookworm
        RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/* # tools
      `,
    },
    {
      name: 'stage a shipped stage builds FROM, and two findings',
      code: dockerfile`
        FROM debian:bookworm AS base
        RUN apt-get update && apt-get install -y curl
        FROM base
        RUN apt-get -q update && apt-get install -y git
      `,
      errors: [{ line: 2 }, { line: 4, column: 5, endColumn: 22 }],
      output: dockerfile`
        FROM debian:bookworm AS base
        RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*
        FROM base
        RUN apt-get -q update && apt-get install -y git && rm -rf /var/lib/apt/lists/*
      `,
    },
    {
      name: 'update alone while a later RUN installs: no fix, advice instead',
      code: dockerfile`
        FROM debian:bookworm
        RUN apt-get update
        RUN apt-get install -y curl
      `,
      errors: [{ line: 2, message: '"apt-get update" in a RUN of its own leaves the apt lists in this layer. Move it into the RUN that installs (line 3) and remove the lists there. (≈ 20 MB)' }],
      output: null,
    },
    {
      name: 'ONBUILD trigger',
      code: dockerfile`
        FROM debian:bookworm
        ONBUILD RUN apt-get update && apt-get install -y curl
      `,
      errors: [{ line: 2, column: 13, endColumn: 27 }],
      output: dockerfile`
        FROM debian:bookworm
        ONBUILD RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*
      `,
    },
    {
      name: 'heredoc script gets a new line before the delimiter',
      code: dockerfile`
        FROM debian:bookworm
        RUN <<EOF
          set -e
          apt-get update
          apt-get install -y curl
        EOF
      `,
      errors: [{ line: 4, column: 3, endColumn: 17 }],
      output: dockerfile`
        FROM debian:bookworm
        RUN <<EOF
          set -e
          apt-get update
          apt-get install -y curl
          rm -rf /var/lib/apt/lists/*
        EOF
      `,
    },
    {
      name: 'sh -c exec form',
      code: dockerfile`
        FROM debian:bookworm
        RUN ["/bin/sh", "-c", "apt-get update && apt-get install -y curl"]
      `,
      errors: [{ line: 2, column: 24, endColumn: 38 }],
      output: dockerfile`
        FROM debian:bookworm
        RUN ["/bin/sh", "-c", "apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*"]
      `,
    },
    {
      name: 'lower-case instruction and sudo',
      code: dockerfile`
        from debian:bookworm
        run sudo apt-get update && sudo apt-get install -y curl
      `,
      errors: [{ line: 2, column: 10, endColumn: 24 }],
      output: dockerfile`
        from debian:bookworm
        run sudo apt-get update && sudo apt-get install -y curl && rm -rf /var/lib/apt/lists/*
      `,
    },
    {
      name: 'long one-line RUN moves the cleanup to a continuation line',
      code: dockerfile`
        FROM debian:bookworm
        RUN apt-get update && apt-get install -y curl ca-certificates git openssh-client procps unzip xz-utils
      `,
      errors: [{ line: 2 }],
      output: dockerfile`
        FROM debian:bookworm
        RUN apt-get update && apt-get install -y curl ca-certificates git openssh-client procps unzip xz-utils \
            && rm -rf /var/lib/apt/lists/*
      `,
    },
  ],
});
