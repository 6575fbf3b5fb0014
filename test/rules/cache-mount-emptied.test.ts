import rule from '../../server/src/engine/rules/cache-mount-emptied.js';
import { dockerfile, testRule } from '../support/ruleTester.js';

testRule(rule, {
  valid: [
    {
      name: 'Fedora 41 and later: a mount on /var/cache/dnf is not what dnf (dnf5) cleans',
      code: dockerfile`
        FROM registry.fedoraproject.org/fedora:41
        RUN --mount=type=cache,target=/var/cache/dnf dnf install -y curl && dnf clean all
      `,
    },
    {
      name: 'a cache mount left alone',
      code: dockerfile`
        FROM debian:bookworm-slim
        RUN --mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt/lists,sharing=locked \
            rm -f /etc/apt/apt.conf.d/docker-clean && apt-get update && apt-get install -y curl
      `,
    },
    {
      name: 'removing what is not mounted: the lists without a mount on them',
      code: dockerfile`
        FROM debian:bookworm-slim
        RUN --mount=type=cache,target=/var/cache/apt apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*
      `,
    },
    {
      name: 'tmpfs and bind mounts are not caches',
      code: dockerfile`
        FROM python:3.12-slim
        RUN --mount=type=tmpfs,target=/tmp rm -rf /tmp/*
        RUN --mount=type=bind,source=.,target=/src rm -rf /src/build
      `,
    },
    {
      name: 'another RUN without the mount',
      code: dockerfile`
        FROM node:22-slim
        RUN --mount=type=cache,target=/root/.npm npm ci
        RUN rm -rf /root/.npm
      `,
    },
    {
      name: 'a removal through a variable is not read',
      code: dockerfile`
        FROM node:22-slim
        ARG CACHE=/root/.npm
        RUN --mount=type=cache,target=/root/.npm npm ci && rm -rf "$CACHE_DIR"
      `,
    },
    {
      name: 'a glob that may or may not reach the mount is not read',
      code: dockerfile`
        FROM alpine:3.20
        RUN --mount=type=cache,target=/var/cache/apk apk add curl && rm -rf /var/cache/a*
      `,
    },
    {
      name: 'a non-POSIX SHELL is not read',
      code: dockerfile`
        FROM mcr.microsoft.com/windows/servercore:ltsc2022
        SHELL ["powershell", "-Command"]
        RUN --mount=type=cache,target=C:/cache rm -r C:/cache
      `,
    },
    {
      name: 'apt-get clean with only the lists mounted: the archives it empties are in the layer',
      code: dockerfile`
        FROM debian:bookworm-slim
        RUN --mount=type=cache,target=/var/lib/apt/lists apt-get update && apt-get install -y curl && apt-get clean
      `,
    },
    {
      name: 'a partial clean keeps the cache (apt-get autoclean drops only what can no longer be downloaded)',
      code: dockerfile`
        FROM debian:bookworm-slim
        RUN --mount=type=cache,target=/var/cache/apt apt-get update && apt-get install -y curl && apt-get autoclean
      `,
    },
    {
      name: 'yum clean all with one of the two caches yum may use mounted',
      code: dockerfile`
        FROM centos:7
        RUN --mount=type=cache,target=/var/cache/yum yum install -y curl && yum clean all
      `,
    },
    {
      name: 'an alias gives dnf another install root: dnf clean all on a later line of the heredoc cleans that root (a wrong finding on a real file)',
      code: dockerfile`
        FROM rockylinux:8 AS installer
        RUN --mount=type=cache,target=/var/cache/dnf <<EOF
        set -e
        alias dnf="dnf --installroot=/tgt --releasever=8 -y"
        dnf install bash coreutils
        dnf clean all
        EOF
        FROM scratch
        COPY --from=installer /tgt /
      `,
    },
    {
      name: 'apt-get clean with only the archives mounted after docker-clean is removed: it also deletes pkgcache.bin from the layer',
      code: dockerfile`
        FROM debian:bookworm-slim
        RUN rm -f /etc/apt/apt.conf.d/docker-clean
        RUN --mount=type=cache,target=/var/cache/apt/archives apt-get update && apt-get install -y curl && apt-get clean
      `,
    },
    {
      name: 'pip cache remove takes only some wheels; pip cache purge of a cache moved by PIP_CACHE_DIR or --cache-dir',
      code: dockerfile`
        FROM python:3.12-slim
        RUN --mount=type=cache,target=/root/.cache/pip pip install flask && pip cache remove flask
        RUN --mount=type=cache,target=/root/.cache/pip pip install flask && pip --cache-dir /tmp/pip cache purge
        ENV PIP_CACHE_DIR=/tmp/pip
        RUN --mount=type=cache,target=/root/.cache/pip pip install flask && pip cache purge
      `,
    },
    {
      name: "yarn cache clean as another user: its cache is ~/.cache/yarn, not root's /usr/local/share/.cache/yarn; yarn cache clean of one package",
      code: dockerfile`
        FROM node:22-slim
        RUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install && yarn cache clean lodash
        USER node
        RUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install && yarn cache clean
      `,
    },
    {
      name: 'npm cache clean when npm_config_cache points elsewhere',
      code: dockerfile`
        FROM node:22-slim
        ENV npm_config_cache=/tmp/npm
        RUN --mount=type=cache,target=/root/.npm npm ci && npm cache clean --force
      `,
    },
  ],
  invalid: [
    {
      name: 'pip cache purge run by python${VERSION} under a mounted pip cache',
      code: dockerfile`
        FROM python:3.12-slim
        ARG VERSION=3.12
        RUN --mount=type=cache,target=/root/.cache/pip python${'$'}{VERSION} -m pip install flask && python${'$'}{VERSION} -m pip cache purge
      `,
      errors: [{ line: 3, column: 89, endColumn: 124 }],
      output: dockerfile`
        FROM python:3.12-slim
        ARG VERSION=3.12
        RUN --mount=type=cache,target=/root/.cache/pip python${'$'}{VERSION} -m pip install flask
      `,
      fixSafety: 'safe',
    },
    {
      name: "a part inside the mount: the lists under a mount of /var/lib/apt, as Docker's example mounts it",
      code: dockerfile`
        FROM debian:bookworm-slim
        RUN --mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt,sharing=locked \
            apt-get update && apt-get install -y --no-install-recommends curl \
            && rm -rf /var/lib/apt/lists/*
      `,
      errors: [{ line: 4, column: 15, endColumn: 35, message: 'rm empties the cache mount /var/lib/apt on every build' }],
      output: dockerfile`
        FROM debian:bookworm-slim
        RUN --mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt,sharing=locked \
            apt-get update && apt-get install -y --no-install-recommends curl
      `,
    },
    {
      name: 'the apt lists mounted and removed',
      code: dockerfile`
        FROM debian:bookworm-slim
        RUN --mount=type=cache,target=/var/lib/apt/lists apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*
      `,
      errors: [{ line: 2, column: 102, endColumn: 122, message: 'rm empties the cache mount /var/lib/apt/lists on every build' }],
      output: dockerfile`
        FROM debian:bookworm-slim
        RUN --mount=type=cache,target=/var/lib/apt/lists apt-get update && apt-get install -y curl
      `,
      fixSafety: 'safe',
    },
    {
      name: 'a mounted cache named with ~ among other removals: only its word goes',
      code: dockerfile`
        FROM python:3.12-slim
        RUN --mount=type=cache,target=/root/.cache/pip pip install flask && rm -rf ~/.cache/pip /tmp/build
      `,
      errors: [{ line: 2, column: 76, endColumn: 88 }],
      output: dockerfile`
        FROM python:3.12-slim
        RUN --mount=type=cache,target=/root/.cache/pip pip install flask && rm -rf /tmp/build
      `,
    },
    {
      name: 'a parent of the mount: reported, no fix (the parent holds other files)',
      code: dockerfile`
        FROM alpine:3.20
        RUN --mount=type=cache,target=/var/cache/apk apk add curl && rm -rf /var/cache/*
      `,
      errors: [{ line: 2, column: 69, endColumn: 81, message: '/var/cache/apk' }],
      output: null,
    },
    {
      name: 'in a builder stage too: the cost is every build',
      code: dockerfile`
        FROM maven:3.9-eclipse-temurin-21 AS build
        RUN --mount=type=cache,target=/root/.m2 mvn -B package && rm -rf /root/.m2
        FROM eclipse-temurin:21-jre
        COPY --from=build /target/app.jar /app.jar
      `,
      errors: [{ line: 2, column: 66, endColumn: 75 }],
      output: dockerfile`
        FROM maven:3.9-eclipse-temurin-21 AS build
        RUN --mount=type=cache,target=/root/.m2 mvn -B package
        FROM eclipse-temurin:21-jre
        COPY --from=build /target/app.jar /app.jar
      `,
    },
    {
      name: 'two RUNs, each emptying its mount: reported twice; lower-case keyword, a comment line kept',
      code: dockerfile`
        FROM python:3.12-slim
        run --mount=type=cache,target=/root/.cache/pip \
        # the cache is emptied below
            pip install flask && rm -rf /root/.cache/pip/*
        RUN --mount=type=cache,target=/root/.npm npm ci; rm -rf /root/.npm/_cacache
      `,
      errors: [
        { line: 4, column: 33, endColumn: 51, message: '/root/.cache/pip' },
        { line: 5, column: 57, endColumn: 76, message: '/root/.npm' },
      ],
      output: dockerfile`
        FROM python:3.12-slim
        run --mount=type=cache,target=/root/.cache/pip \
        # the cache is emptied below
            pip install flask
        RUN --mount=type=cache,target=/root/.npm npm ci
      `,
    },
    {
      name: 'exec form: the command is the whole RUN, which goes',
      code: dockerfile`
        FROM alpine:3.20
        RUN --mount=type=cache,target=/var/cache/apk ["rm", "-rf", "/var/cache/apk"]
      `,
      errors: [{ line: 2, column: 60, endColumn: 76 }],
      output: dockerfile`
        FROM alpine:3.20
      `,
    },
    {
      name: 'heredoc script',
      code: dockerfile`
        FROM alpine:3.20
        RUN --mount=type=cache,target=/var/cache/apk <<EOF
        apk add curl
        rm -rf /var/cache/apk/*
        EOF
      `,
      errors: [{ line: 4, column: 8, endColumn: 24 }],
      output: dockerfile`
        FROM alpine:3.20
        RUN --mount=type=cache,target=/var/cache/apk <<EOF
        apk add curl
        EOF
      `,
    },
    {
      name: 'ONBUILD trigger',
      code: dockerfile`
        FROM alpine:3.20
        ONBUILD RUN --mount=type=cache,target=/var/cache/apk apk add curl && rm -rf /var/cache/apk
      `,
      errors: [{ line: 2, column: 77, endColumn: 91 }],
      output: dockerfile`
        FROM alpine:3.20
        ONBUILD RUN --mount=type=cache,target=/var/cache/apk apk add curl
      `,
    },
    {
      name: 'escape directive with backtick continuations',
      code: dockerfile`
        # escape=${'`'}
        FROM alpine:3.20
        RUN --mount=type=cache,target=/var/cache/apk apk add curl ${'`'}
            && rm -rf /var/cache/apk/*
      `,
      errors: [{ line: 4, column: 15, endColumn: 31 }],
      output: dockerfile`
        # escape=${'`'}
        FROM alpine:3.20
        RUN --mount=type=cache,target=/var/cache/apk apk add curl
      `,
    },
    {
      name: 'CRLF line endings are kept',
      code: 'FROM alpine:3.20\r\nRUN --mount=type=cache,target=/var/cache/apk apk add curl \\\r\n    && rm -rf /var/cache/apk\r\nCMD ["sh"]\r\n',
      errors: [{ line: 3, column: 15, endColumn: 29 }],
      output: 'FROM alpine:3.20\r\nRUN --mount=type=cache,target=/var/cache/apk apk add curl\r\nCMD ["sh"]\r\n',
    },
    {
      name: "the package manager's own clean of a mounted cache: apt-get clean and dnf clean all",
      code: dockerfile`
        FROM debian:bookworm-slim
        RUN --mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt/lists,sharing=locked \
            apt-get update && apt-get install -y curl && apt-get clean
        FROM fedora:40
        RUN --mount=type=cache,target=/var/cache/dnf dnf install -y curl && dnf clean all
      `,
      errors: [
        { line: 3, column: 50, endColumn: 63, message: '`apt-get clean` empties the cache mount /var/cache/apt on every build' },
        { line: 5, column: 69, endColumn: 82, message: '`dnf clean all` empties the cache mount /var/cache/dnf' },
      ],
      output: dockerfile`
        FROM debian:bookworm-slim
        RUN --mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt/lists,sharing=locked \
            apt-get update && apt-get install -y curl
        FROM fedora:40
        RUN --mount=type=cache,target=/var/cache/dnf dnf install -y curl
      `,
    },
    {
      name: 'Fedora 41 and later: dnf is dnf5, whose cache is /var/cache/libdnf5',
      code: dockerfile`
        FROM fedora:44
        RUN --mount=type=cache,target=/var/cache/libdnf5 dnf install -y curl && dnf clean all
      `,
      errors: [{ line: 2, column: 73, endColumn: 86, message: '`dnf clean all` empties the cache mount /var/cache/libdnf5' }],
      output: dockerfile`
        FROM fedora:44
        RUN --mount=type=cache,target=/var/cache/libdnf5 dnf install -y curl
      `,
    },
    {
      name: 'an alias the shell does not expand: on the same line, in a shell-form RUN, under bash (#!/bin/bash), after unalias: reported four times',
      code: dockerfile`
        FROM rockylinux:8
        RUN --mount=type=cache,target=/var/cache/dnf <<EOF
        alias dnf="dnf --installroot=/tgt -y"; dnf clean all
        EOF
        RUN --mount=type=cache,target=/var/cache/dnf alias dnf="dnf --installroot=/tgt -y" && dnf clean all
        RUN --mount=type=cache,target=/var/cache/dnf <<EOF
        #!/bin/bash
        alias dnf="dnf --installroot=/tgt -y"
        dnf clean all
        EOF
        RUN --mount=type=cache,target=/var/cache/dnf <<EOF
        alias dnf="dnf --installroot=/tgt -y"
        unalias dnf
        dnf clean all
        EOF
      `,
      errors: [
        { line: 3, column: 40, endColumn: 53 },
        { line: 5, column: 87, endColumn: 100 },
        { line: 9, column: 1, endColumn: 14 },
        { line: 14, column: 1, endColumn: 14 },
      ],
      output: dockerfile`
        FROM rockylinux:8
        RUN --mount=type=cache,target=/var/cache/dnf <<EOF
        alias dnf="dnf --installroot=/tgt -y"
        EOF
        RUN --mount=type=cache,target=/var/cache/dnf alias dnf="dnf --installroot=/tgt -y"
        RUN --mount=type=cache,target=/var/cache/dnf <<EOF
        #!/bin/bash
        alias dnf="dnf --installroot=/tgt -y"
        EOF
        RUN --mount=type=cache,target=/var/cache/dnf <<EOF
        alias dnf="dnf --installroot=/tgt -y"
        unalias dnf
        EOF
      `,
    },
    {
      name: "the other managers' own cleans of a mounted cache: pip cache purge, yarn cache clean, apk cache clean, and apt-get clean under docker-clean with only the archives mounted (reports four times)",
      code: dockerfile`
        FROM python:3.12-slim
        RUN --mount=type=cache,target=/root/.cache/pip pip install flask && python -m pip cache purge
        FROM node:22-slim
        RUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install && yarn cache clean
        FROM alpine:3.20
        RUN --mount=type=cache,target=/var/cache/apk apk add curl && apk cache clean
        FROM golang:1.22
        RUN --mount=type=cache,target=/var/cache/apt/archives apt-get update && apt-get install -y vim && apt-get clean
      `,
      errors: [
        { line: 2, column: 69, endColumn: 94, message: '`python -m pip cache purge` empties the cache mount /root/.cache/pip' },
        { line: 4, column: 76, endColumn: 92, message: '`yarn cache clean` empties the cache mount /usr/local/share/.cache/yarn' },
        { line: 6, column: 62, endColumn: 77, message: '`apk cache clean` empties the cache mount /var/cache/apk' },
        { line: 8, column: 99, endColumn: 112, message: '`apt-get clean` empties the cache mount /var/cache/apt/archives' },
      ],
      output: dockerfile`
        FROM python:3.12-slim
        RUN --mount=type=cache,target=/root/.cache/pip pip install flask
        FROM node:22-slim
        RUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install
        FROM alpine:3.20
        RUN --mount=type=cache,target=/var/cache/apk apk add curl
        FROM golang:1.22
        RUN --mount=type=cache,target=/var/cache/apt/archives apt-get update && apt-get install -y vim
      `,
    },
    {
      name: 'npm cache clean --force under a mount of ~/.npm',
      code: dockerfile`
        FROM node:22-slim
        RUN --mount=type=cache,target=/root/.npm npm ci && npm cache clean --force
      `,
      errors: [{ line: 2, column: 52, endColumn: 75, message: '`npm cache clean --force` empties the cache mount /root/.npm' }],
      output: dockerfile`
        FROM node:22-slim
        RUN --mount=type=cache,target=/root/.npm npm ci
      `,
    },
  ],
});
