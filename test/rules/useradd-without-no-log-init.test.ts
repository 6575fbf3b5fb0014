import rule from '../../server/src/engine/rules/useradd-without-no-log-init.js';
import { dockerfile, testRule } from '../support/ruleTester.js';

const BT = '`';
const DOLLAR = '$';
/** (UID + 1) × (292 + 32) bytes. */
const bytes = (uid: number): number => (uid + 1) * 324;

testRule(rule, {
  valid: [
    {
      name: 'Debian bookworm: its useradd (shadow 4.13) does not grow the files',
      code: dockerfile`
        FROM debian:bookworm-slim
        RUN useradd --uid 100000 app
      `,
    },
    {
      name: 'an image without a release name is on the current Debian',
      code: dockerfile`
        FROM node:22
        RUN useradd -u 123456789 app
      `,
    },
    {
      name: 'Ubuntu 24.04, Fedora 40, RHEL 10 rebuilds, Alpine and trixie-based images',
      code: dockerfile`
        FROM ubuntu:24.04 AS a
        RUN useradd -u 100000 app
        FROM fedora:40 AS b
        RUN useradd -u 100000 app
        FROM almalinux:10 AS c
        RUN useradd -u 100000 app
        FROM alpine:3.20 AS d
        RUN apk add --no-cache shadow && useradd -u 100000 app
        FROM python:3.13-slim-trixie
        RUN useradd -u 100000 app
      `,
    },
    {
      name: '-l, --no-log-init, its abbreviation and -l inside an option group',
      code: dockerfile`
        FROM debian:bullseye
        RUN useradd -l -u 100000 a \
         && useradd --no-log-init --uid=100001 b \
         && useradd --no-log -u 100002 c \
         && useradd -rlu 100003 d \
         && useradd -mlr e
      `,
    },
    {
      name: 'useradd -D only prints or sets the defaults',
      code: dockerfile`
        FROM debian:bullseye
        RUN useradd -D -s /bin/bash
      `,
    },
    {
      name: 'options hidden in a variable may hold -l',
      code: dockerfile`
        FROM debian:bullseye
        RUN useradd $USERADD_OPTS -u 100000 app
      `,
    },
    {
      name: 'both files removed later in the same RUN',
      code: dockerfile`
        FROM debian:bullseye
        RUN useradd -u 100000 app && rm -f /var/log/lastlog /var/log/faillog
      `,
    },
    {
      name: 'builder stage is not shipped',
      code: dockerfile`
        FROM debian:bullseye AS build
        RUN useradd -u 100000 builder
        FROM gcr.io/distroless/static-debian12
        COPY --from=build /etc/passwd /etc/passwd
      `,
    },
    {
      name: 'adduser and commented-out useradd are not this rule',
      code: dockerfile`
        FROM debian:bullseye
        RUN adduser --uid 100000 --disabled-password app # useradd -u 100000 app
      `,
    },
    {
      name: 'a PowerShell SHELL is not read',
      code: dockerfile`
        FROM debian:bullseye
        SHELL ["pwsh", "-Command"]
        RUN useradd -u 100000 app
      `,
    },
  ],
  invalid: [
    {
      name: 'large UID on Debian bullseye: warning with the size of both files',
      code: dockerfile`
        FROM debian:bullseye-slim
        RUN useradd --uid 100000 --create-home app
      `,
      errors: [
        {
          line: 2,
          column: 5,
          endColumn: 12,
          severity: 'warning',
          estimate: bytes(100000),
          message: '"useradd" without -l stores zero-filled log records up to UID 100000. The layer keeps /var/log/lastlog and /var/log/faillog with every zero before that UID. (≈ 32 MB)',
        },
      ],
      output: dockerfile`
        FROM debian:bullseye-slim
        RUN useradd -l --uid 100000 --create-home app
      `,
      safeOutput: dockerfile`
        FROM debian:bullseye-slim
        RUN useradd -l --uid 100000 --create-home app
      `,
      fixSafety: 'safe',
    },
    {
      name: 'small UID (node:22-bullseye, as the official image does): info',
      code: dockerfile`
        FROM buildpack-deps:bullseye
        RUN groupadd --gid 1000 node \
          && useradd --uid 1000 --gid node --shell /bin/bash --create-home node
      `,
      errors: [{ line: 3, column: 6, endColumn: 13, severity: 'info', estimate: bytes(1000), message: '(≈ 324 kB)' }],
      output: dockerfile`
        FROM buildpack-deps:bullseye
        RUN groupadd --gid 1000 node \
          && useradd -l --uid 1000 --gid node --shell /bin/bash --create-home node
      `,
    },
    {
      name: 'UID written as -u1000, --uid=70000 and -ru 999; two findings in one RUN',
      code: dockerfile`
        FROM ubuntu:22.04
        RUN useradd -u1000 a; useradd --uid=70000 b || true; useradd -ru 999 c
      `,
      errors: [
        { line: 2, column: 5, endColumn: 12, severity: 'info', estimate: bytes(1000) },
        { line: 2, column: 23, endColumn: 30, severity: 'warning', estimate: bytes(70000) },
        { line: 2, column: 54, endColumn: 61, severity: 'info', estimate: bytes(999) },
      ],
      output: dockerfile`
        FROM ubuntu:22.04
        RUN useradd -l -u1000 a; useradd -l --uid=70000 b || true; useradd -l -ru 999 c
      `,
    },
    {
      name: 'no UID: the next free one, info without an estimate',
      code: dockerfile`
        FROM centos:7
        RUN useradd -m app
      `,
      errors: [{ line: 2, severity: 'info', message: '"useradd" without -l stores zero-filled log records up to the new UID. The layer keeps /var/log/lastlog and /var/log/faillog with every zero before it.' }],
      output: dockerfile`
        FROM centos:7
        RUN useradd -l -m app
      `,
    },
    {
      name: 'UID from a build argument: a warning, no estimate (devcontainer style)',
      code: dockerfile`
        FROM mcr.example.com/devcontainers/base:1
        ARG USER_UID=1000
        RUN useradd --uid "${DOLLAR}{USER_UID}" -m vscode
      `,
      errors: [
        {
          line: 3,
          severity: 'warning',
          message: `sizes its log files by the UID ("${DOLLAR}{USER_UID}"). A large UID`,
        },
      ],
      output: dockerfile`
        FROM mcr.example.com/devcontainers/base:1
        ARG USER_UID=1000
        RUN useradd -l --uid "${DOLLAR}{USER_UID}" -m vscode
      `,
    },
    {
      name: 'UID from an ENV value of the stage',
      code: dockerfile`
        FROM rockylinux:9
        ENV APP_UID=5000
        RUN useradd -u $APP_UID app
      `,
      errors: [{ line: 3, severity: 'info', estimate: bytes(5000) }],
      output: dockerfile`
        FROM rockylinux:9
        ENV APP_UID=5000
        RUN useradd -l -u $APP_UID app
      `,
    },
    {
      name: 'sudo, exec form and an ONBUILD trigger',
      code: dockerfile`
        FROM debian:buster
        RUN sudo useradd -u 200000 a
        RUN ["useradd", "-u", "200001", "b"]
        ONBUILD RUN useradd -u 200002 c
      `,
      errors: [
        { line: 2, column: 10, endColumn: 17 },
        { line: 3, column: 6, endColumn: 15 },
        { line: 4, column: 13, endColumn: 20 },
      ],
      output: dockerfile`
        FROM debian:buster
        RUN sudo useradd -l -u 200000 a
        RUN ["useradd", "-l", "-u", "200001", "b"]
        ONBUILD RUN useradd -l -u 200002 c
      `,
    },
    {
      name: 'a stage built FROM an old alias ships; the base decides',
      code: dockerfile`
        FROM ubuntu:jammy AS base
        FROM base
        RUN useradd -u 100000 app
      `,
      errors: [{ line: 3, severity: 'warning' }],
      output: dockerfile`
        FROM ubuntu:jammy AS base
        FROM base
        RUN useradd -l -u 100000 app
      `,
    },
    {
      name: 'only lastlog removed: faillog still grows',
      code: dockerfile`
        FROM debian:11
        RUN useradd -u 100000 app && rm /var/log/lastlog
      `,
      errors: [{ line: 2 }],
      output: dockerfile`
        FROM debian:11
        RUN useradd -l -u 100000 app && rm /var/log/lastlog
      `,
    },
    {
      name: 'escape directive, lower-case instruction, comment inside the continuation, cache mount',
      code: dockerfile`
        # escape=${BT}
        from ubuntu:20.04
        run --mount=type=cache,target=/var/cache/apt groupadd -g 100000 app && ${BT}
        # the user
            useradd ${BT}
              -g app -u 100000 app
      `,
      errors: [{ line: 5, column: 5, endColumn: 12 }],
      output: dockerfile`
        # escape=${BT}
        from ubuntu:20.04
        run --mount=type=cache,target=/var/cache/apt groupadd -g 100000 app && ${BT}
        # the user
            useradd -l ${BT}
              -g app -u 100000 app
      `,
    },
    {
      name: 'heredoc and custom POSIX SHELL',
      code: dockerfile`
        # syntax=docker/dockerfile:1
        FROM debian:bullseye
        SHELL ["/bin/bash", "-eo", "pipefail", "-c"]
        RUN <<EOF
        groupadd app
        useradd -g app -u 100000 app
        EOF
      `,
      errors: [{ line: 6, column: 1, endColumn: 8 }],
      output: dockerfile`
        # syntax=docker/dockerfile:1
        FROM debian:bullseye
        SHELL ["/bin/bash", "-eo", "pipefail", "-c"]
        RUN <<EOF
        groupadd app
        useradd -l -g app -u 100000 app
        EOF
      `,
    },
    {
      name: 'an image the catalog does not know is treated as old',
      code: dockerfile`
        FROM registry.example.com/team/base:2
        RUN useradd -u 100000 app
      `,
      errors: [{ line: 2, severity: 'warning' }],
      output: dockerfile`
        FROM registry.example.com/team/base:2
        RUN useradd -l -u 100000 app
      `,
    },
    {
      name: 'CRLF line endings are kept',
      code: dockerfile`
        FROM debian:bullseye
        RUN groupadd app \
         && useradd -u 100000 -g app app
      `.replace(/\n/g, '\r\n'),
      errors: [{ line: 3, column: 5, endColumn: 12 }],
      output: dockerfile`
        FROM debian:bullseye
        RUN groupadd app \
         && useradd -l -u 100000 -g app app
      `.replace(/\n/g, '\r\n'),
    },
  ],
});
