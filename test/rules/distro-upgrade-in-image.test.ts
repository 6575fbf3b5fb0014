import rule from '../../server/src/engine/rules/distro-upgrade-in-image.js';
import { dockerfile, testRule } from '../support/ruleTester.js';

testRule(rule, {
  valid: [
    {
      name: 'named packages only',
      code: dockerfile`
        FROM debian:bookworm-slim
        RUN apt-get update && apt-get install -y --only-upgrade openssl && apt-get upgrade -y libssl3
      `,
    },
    {
      name: 'apk upgrade of named packages, apk add --upgrade',
      code: dockerfile`
        FROM alpine:3.20
        RUN apk upgrade --no-cache openssl && apk add --no-cache --upgrade busybox
      `,
    },
    {
      name: 'dnf update of a named package',
      code: dockerfile`
        FROM fedora:40
        RUN dnf -y update glibc && dnf clean all
      `,
    },
    {
      name: 'apt-get update only refreshes the lists',
      code: dockerfile`
        FROM debian:bookworm-slim
        RUN apt-get update && apt-get install -y curl
      `,
    },
    {
      name: 'builder stage is not shipped',
      code: dockerfile`
        FROM debian:bookworm AS build
        RUN apt-get update && apt-get dist-upgrade -y
        FROM debian:bookworm-slim
        COPY --from=build /out /out
      `,
    },
    {
      name: 'pip and npm upgrades are not distribution upgrades',
      code: dockerfile`
        FROM python:3.12-slim
        RUN pip install --no-cache-dir --upgrade pip && npm update
      `,
    },
  ],
  invalid: [
    {
      name: 'apt-get upgrade and dist-upgrade: two findings',
      code: dockerfile`
        FROM debian:bookworm-slim
        RUN apt-get update \
         && apt-get upgrade -y \
         && apt-get -y dist-upgrade \
         && rm -rf /var/lib/apt/lists/*
      `,
      errors: [
        { line: 3, column: 5, endColumn: 20, severity: 'info', message: '"apt-get upgrade" stores every upgraded package a second time. The old copies stay in the base image layers; prefer a newer base tag.' },
        { line: 4, column: 5, endColumn: 28, message: '"apt-get dist-upgrade"' },
      ],
      output: null,
      remaining: 2,
    },
    {
      name: 'apk upgrade with options',
      code: dockerfile`
        FROM alpine:3.20
        RUN apk -U upgrade --no-cache --available
      `,
      errors: [{ line: 2, column: 5, endColumn: 19, message: '"apk upgrade"' }],
      output: null,
      remaining: 1,
    },
    {
      name: 'yum update, dnf upgrade, microdnf update, zypper dup',
      code: dockerfile`
        FROM fedora:40
        RUN yum -y update; dnf --setopt=tsflags=nodocs upgrade -y; microdnf update
        RUN zypper --non-interactive dup
      `,
      errors: [
        { line: 2, column: 5, endColumn: 18, message: '"yum update"' },
        { line: 2, column: 20, endColumn: 55, message: '"dnf upgrade"' },
        { line: 2, column: 60, endColumn: 75, message: '"microdnf update"' },
        { line: 3, column: 5, endColumn: 33, message: '"zypper dup"' },
      ],
      output: null,
      remaining: 4,
    },
    {
      name: 'heredoc, ONBUILD, lower case',
      code: dockerfile`
        from debian:bookworm-slim
        run <<EOF
        apt-get update
        apt full-upgrade -y
        EOF
        onbuild run apt-get upgrade -y
      `,
      errors: [
        { line: 4, column: 1, endColumn: 17, message: '"apt full-upgrade"' },
        { line: 6, column: 13, endColumn: 28 },
      ],
      output: null,
      remaining: 2,
    },
  ],
});
