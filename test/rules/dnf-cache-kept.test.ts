import rule from '../../server/src/engine/rules/dnf-cache-kept.js';
import { dockerfile, testRule } from '../support/ruleTester.js';

testRule(rule, {
  valid: [
    {
      name: 'dnf clean all in the same RUN',
      code: dockerfile`
        FROM fedora:40
        RUN dnf install -y curl && dnf clean all
      `,
    },
    {
      name: 'microdnf clean all in the same RUN',
      code: dockerfile`
        FROM registry.access.redhat.com/ubi9/ubi-minimal
        RUN microdnf install -y curl \
         && microdnf clean all
      `,
    },
    {
      name: 'cache directory contents removed',
      code: dockerfile`
        FROM fedora:40
        RUN dnf -y install curl; rm -rf /var/cache/dnf/*
      `,
    },
    {
      name: 'dnf5 cache removed',
      code: dockerfile`
        FROM fedora:41
        RUN dnf5 install -y curl && rm -rf /var/cache/libdnf5
      `,
    },
    {
      name: 'yum clean all cleans the same cache',
      code: dockerfile`
        FROM rockylinux:9
        RUN dnf install -y curl && yum clean all
      `,
    },
    {
      name: 'install root cleaned with its own options',
      code: dockerfile`
        FROM mcr.microsoft.com/azurelinux/base/core:4.0
        RUN mkdir /staging \
            && dnf install -y --use-host-config --installroot /staging \
                glibc \
            && dnf clean all --use-host-config --installroot /staging
      `,
    },
    {
      name: 'cache mount on /var/cache/dnf',
      code: dockerfile`
        FROM fedora:40
        RUN --mount=type=cache,target=/var/cache/dnf dnf install -y curl
      `,
    },
    {
      name: 'cache mount on a cache directory chosen with --setopt=cachedir',
      code: dockerfile`
        FROM registry.access.redhat.com/ubi8/ubi-minimal:8.8
        RUN --mount=type=cache,target=/root/.cache/microdnf \
            microdnf --setopt=cachedir=/root/.cache/microdnf --nodocs install maven
      `,
    },
    {
      name: 'builder stage is not shipped',
      code: dockerfile`
        FROM fedora:40 AS build
        RUN dnf install -y gcc
        FROM fedora:40 AS runtime
        COPY --from=build /out /out
      `,
    },
    {
      name: 'subcommands that fetch nothing',
      code: dockerfile`
        FROM fedora:40
        RUN dnf remove -y curl && dnf config-manager --set-enabled crb && dnf history
      `,
    },
    {
      name: 'non-POSIX SHELL is not read',
      code: dockerfile`
        FROM mcr.microsoft.com/windows/servercore:ltsc2022
        SHELL ["powershell", "-Command"]
        RUN dnf install -y curl
      `,
    },
  ],
  invalid: [
    {
      name: 'the cache-mount alternative: dnf5 and microdnf keep their caches elsewhere',
      code: dockerfile`
        FROM fedora:41
        RUN dnf5 install -y curl
        RUN microdnf install -y jq
      `,
      errors: [{ line: 2, column: 5 }, { line: 3, column: 5 }],
      output: dockerfile`
        FROM fedora:41
        RUN dnf5 install -y curl && dnf5 clean all
        RUN microdnf install -y jq && microdnf clean all
      `,
      mountOutput: dockerfile`
        FROM fedora:41
        RUN --mount=type=cache,target=/var/cache/libdnf5,sharing=locked dnf5 install -y curl
        RUN --mount=type=cache,target=/var/cache/yum,sharing=locked microdnf install -y jq
      `,
    },
    {
      name: 'one-line RUN',
      code: dockerfile`
        FROM fedora:40
        RUN dnf install -y curl
      `,
      errors: [{ line: 2, column: 5, endLine: 2, endColumn: 16, message: "`dnf install` leaves dnf's cache of repository metadata in this layer: run `dnf clean all` in the same RUN." }],
      output: dockerfile`
        FROM fedora:40
        RUN dnf install -y curl && dnf clean all
      `,
      fixSafety: 'safe',
      safeOutput: dockerfile`
        FROM fedora:40
        RUN dnf install -y curl && dnf clean all
      `,
    },
    {
      name: 'microdnf gets microdnf clean all',
      code: dockerfile`
        FROM registry.access.redhat.com/ubi9/ubi-minimal
        RUN microdnf install -y curl
      `,
      errors: [{ line: 2, column: 5, endColumn: 21, message: 'run `microdnf clean all`' }],
      output: dockerfile`
        FROM registry.access.redhat.com/ubi9/ubi-minimal
        RUN microdnf install -y curl && microdnf clean all
      `,
    },
    {
      name: 'options before the subcommand, trailing && continuations',
      code: dockerfile`
        FROM fedora:40
        RUN dnf --nodocs --setopt install_weak_deps=False install -y \
              curl && \
            echo done
      `,
      errors: [{ line: 2, column: 5, endColumn: 58 }],
      output: dockerfile`
        FROM fedora:40
        RUN dnf --nodocs --setopt install_weak_deps=False install -y \
              curl && \
            echo done && \
            dnf clean all
      `,
    },
    {
      name: 'group install and dnf5',
      code: dockerfile`
        FROM fedora:41
        RUN dnf5 group install -y development-tools || true
      `,
      errors: [{ line: 2, column: 5, endColumn: 23, message: '`dnf5 group install`' }],
      output: dockerfile`
        FROM fedora:41
        RUN dnf5 group install -y development-tools || true && dnf5 clean all
      `,
    },
    {
      name: 'makecache alone fills the cache',
      code: dockerfile`
        FROM fedora:40
        RUN dnf makecache
      `,
      errors: [{ line: 2, column: 5, endColumn: 18 }],
      output: dockerfile`
        FROM fedora:40
        RUN dnf makecache && dnf clean all
      `,
    },
    {
      name: 'a clean before the install does not count; sudo is kept',
      code: dockerfile`
        FROM fedora:40
        RUN sudo dnf clean all && sudo dnf install -y curl
      `,
      errors: [{ line: 2, column: 32, endColumn: 43 }],
      output: dockerfile`
        FROM fedora:40
        RUN sudo dnf clean all && sudo dnf install -y curl && sudo dnf clean all
      `,
    },
    {
      name: 'sh -c exec form',
      code: dockerfile`
        FROM fedora:40
        RUN ["/bin/sh", "-c", "dnf install -y curl"]
      `,
      errors: [{ line: 2, column: 24, endColumn: 35 }],
      output: dockerfile`
        FROM fedora:40
        RUN ["/bin/sh", "-c", "dnf install -y curl && dnf clean all"]
      `,
    },
    {
      name: 'heredoc script',
      code: dockerfile`
        FROM fedora:40
        RUN <<EOF
        dnf install -y curl
        EOF
      `,
      errors: [{ line: 3, column: 1, endColumn: 12 }],
      output: dockerfile`
        FROM fedora:40
        RUN <<EOF
        dnf install -y curl
        dnf clean all
        EOF
      `,
    },
    {
      name: 'ONBUILD trigger, lower-case instruction',
      code: dockerfile`
        from fedora:40
        onbuild run dnf install -y curl
      `,
      errors: [{ line: 2, column: 13, endColumn: 24 }],
      output: dockerfile`
        from fedora:40
        onbuild run dnf install -y curl && dnf clean all
      `,
    },
    {
      name: 'stage a shipped stage builds FROM, and two findings',
      code: dockerfile`
        FROM fedora:40 AS base
        RUN dnf install -y curl
        FROM base AS runtime
        RUN dnf upgrade -y
      `,
      errors: [{ line: 2 }, { line: 4, column: 5, endColumn: 16, message: '`dnf upgrade`' }],
      output: dockerfile`
        FROM fedora:40 AS base
        RUN dnf install -y curl && dnf clean all
        FROM base AS runtime
        RUN dnf upgrade -y && dnf clean all
      `,
    },
    {
      name: 'variables, escape directive and a comment line in the continuation',
      code: dockerfile`
        # escape=${'`'}
        FROM fedora:40
        ARG PKGS="curl git"
        RUN dnf install -y ${'`'}
            # packages
            $PKGS
      `,
      errors: [{ line: 4, column: 5, endColumn: 16 }],
      output: dockerfile`
        # escape=${'`'}
        FROM fedora:40
        ARG PKGS="curl git"
        RUN dnf install -y ${'`'}
            # packages
            $PKGS && ${'`'}
            dnf clean all
      `,
    },
    {
      name: 'CRLF line endings are kept',
      code: dockerfile`
        FROM fedora:40
        RUN dnf install -y curl \
         && echo done
      `.replace(/\n/g, '\r\n'),
      errors: [{ line: 2, column: 5, endColumn: 16 }],
      output: dockerfile`
        FROM fedora:40
        RUN dnf install -y curl \
         && echo done \
         && dnf clean all
      `.replace(/\n/g, '\r\n'),
    },
  ],
});
