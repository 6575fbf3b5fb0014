import rule from '../../server/src/engine/rules/yum-cache-kept.js';
import { dockerfile, testRule } from '../support/ruleTester.js';

testRule(rule, {
  valid: [
    {
      name: 'yum clean all in the same RUN',
      code: dockerfile`
        FROM rockylinux:9
        RUN yum install -y curl && yum clean all
      `,
    },
    {
      name: 'cache directory removed',
      code: dockerfile`
        FROM centos:7
        RUN yum -y install curl \
         && rm -rf /var/cache/yum
      `,
    },
    {
      name: 'dnf clean all cleans what yum 4 cached',
      code: dockerfile`
        FROM rockylinux:9
        RUN yum install -y curl && dnf clean all
      `,
    },
    {
      name: 'cache mount on /var/cache/yum',
      code: dockerfile`
        FROM centos:7
        RUN --mount=type=cache,target=/var/cache/yum yum install -y curl
      `,
    },
    {
      name: 'tmpfs mount on /var/cache',
      code: dockerfile`
        FROM rockylinux:9
        RUN --mount=type=tmpfs,target=/var/cache yum install -y curl
      `,
    },
    {
      name: 'sh -c exec form that cleans',
      code: dockerfile`
        FROM rockylinux:9
        RUN ["/bin/sh", "-c", "yum install -y curl && yum clean all"]
      `,
    },
    {
      name: 'builder stage is not shipped',
      code: dockerfile`
        FROM rockylinux:9 AS build
        RUN yum install -y gcc
        FROM rockylinux:9 AS runtime
        COPY --from=build /out /out
      `,
    },
    {
      name: 'subcommands that fetch nothing, and options hiding the subcommand',
      code: dockerfile`
        FROM rockylinux:9
        RUN yum remove -y curl && yum history && yum $YUM_OPTS install -y curl
      `,
    },
    {
      name: 'non-POSIX SHELL is not read',
      code: dockerfile`
        FROM mcr.microsoft.com/windows/servercore:ltsc2022
        SHELL ["powershell", "-Command"]
        RUN yum install -y curl
      `,
    },
  ],
  invalid: [
    {
      name: 'the cache-mount alternative',
      code: dockerfile`
        FROM centos:7
        RUN yum install -y curl
      `,
      errors: [{ line: 2, column: 5 }],
      output: dockerfile`
        FROM centos:7
        RUN yum install -y curl && yum clean all
      `,
      mountOutput: dockerfile`
        FROM centos:7
        RUN --mount=type=cache,target=/var/cache/yum,sharing=locked --mount=type=cache,target=/var/cache/dnf,sharing=locked yum install -y curl
      `,
    },
    {
      name: 'one-line RUN',
      code: dockerfile`
        FROM rockylinux:9
        RUN yum install -y curl
      `,
      errors: [{ line: 2, column: 5, endLine: 2, endColumn: 16, message: "`yum install` leaves yum's cache of repository metadata in this layer: run `yum clean all` in the same RUN." }],
      output: dockerfile`
        FROM rockylinux:9
        RUN yum install -y curl && yum clean all
      `,
      fixSafety: 'safe',
      safeOutput: dockerfile`
        FROM rockylinux:9
        RUN yum install -y curl && yum clean all
      `,
    },
    {
      name: 'update and install with leading && continuations: the first fill is reported',
      code: dockerfile`
        FROM centos:7
        RUN yum -y update \
         && yum -y install \
              curl
      `,
      errors: [{ line: 2, column: 5, endColumn: 18, message: '`yum update`' }],
      output: dockerfile`
        FROM centos:7
        RUN yum -y update \
         && yum -y install \
              curl \
         && yum clean all
      `,
    },
    {
      name: 'a clean before the install does not count',
      code: dockerfile`
        FROM rockylinux:9
        RUN yum clean all && yum install -y curl
      `,
      errors: [{ line: 2, column: 22, endColumn: 33 }],
      output: dockerfile`
        FROM rockylinux:9
        RUN yum clean all && yum install -y curl && yum clean all
      `,
    },
    {
      name: 'a clean in a later RUN does not count',
      code: dockerfile`
        FROM rockylinux:9
        RUN yum install -y curl
        RUN yum clean all
      `,
      errors: [{ line: 2 }],
      output: dockerfile`
        FROM rockylinux:9
        RUN yum install -y curl && yum clean all
        RUN yum clean all
      `,
    },
    {
      name: 'yum clean packages keeps the metadata',
      code: dockerfile`
        FROM rockylinux:9
        RUN yum install -y curl && yum clean packages
      `,
      errors: [{ line: 2 }],
      output: dockerfile`
        FROM rockylinux:9
        RUN yum install -y curl && yum clean packages && yum clean all
      `,
    },
    {
      name: 'sudo is kept, lower-case instruction, semicolon list',
      code: dockerfile`
        from rockylinux:9
        run set -eux; sudo yum groupinstall -y 'Development Tools'
      `,
      errors: [{ line: 2, column: 20, endColumn: 36, message: '`yum groupinstall`' }],
      output: dockerfile`
        from rockylinux:9
        run set -eux; sudo yum groupinstall -y 'Development Tools'; sudo yum clean all
      `,
    },
    {
      name: 'the install root is passed on (a long line moves to a continuation line)',
      code: dockerfile`
        FROM rockylinux:9
        RUN yum install -y --installroot /target --releasever 9 curl || true
      `,
      errors: [{ line: 2, column: 5, endColumn: 16 }],
      output: dockerfile`
        FROM rockylinux:9
        RUN yum install -y --installroot /target --releasever 9 curl || true \
            && yum --installroot /target clean all
      `,
    },
    {
      name: 'variable install root: no fix',
      code: dockerfile`
        FROM rockylinux:9
        RUN yum install -y --installroot "$ROOT" curl
      `,
      errors: [{ line: 2 }],
      output: null,
    },
    {
      name: 'exec form cannot be extended: only the cache mount, on both caches yum may use',
      code: dockerfile`
        FROM rockylinux:9
        RUN ["yum", "install", "-y", "curl"]
      `,
      errors: [{ line: 2, column: 6, endColumn: 22 }],
      output: dockerfile`
        FROM rockylinux:9
        RUN --mount=type=cache,target=/var/cache/yum,sharing=locked --mount=type=cache,target=/var/cache/dnf,sharing=locked ["yum", "install", "-y", "curl"]
      `,
    },
    {
      name: 'heredoc script',
      code: dockerfile`
        FROM rockylinux:9
        RUN <<EOF
          set -e
          yum install -y curl
        EOF
      `,
      errors: [{ line: 4, column: 3, endColumn: 14 }],
      output: dockerfile`
        FROM rockylinux:9
        RUN <<EOF
          set -e
          yum install -y curl
          yum clean all
        EOF
      `,
    },
    {
      name: 'ONBUILD trigger',
      code: dockerfile`
        FROM rockylinux:9
        ONBUILD RUN yum install -y curl
      `,
      errors: [{ line: 2, column: 13, endColumn: 24 }],
      output: dockerfile`
        FROM rockylinux:9
        ONBUILD RUN yum install -y curl && yum clean all
      `,
    },
    {
      name: 'stage a shipped stage builds FROM, and two findings',
      code: dockerfile`
        FROM rockylinux:9 AS base
        RUN yum install -y curl
        FROM base AS runtime
        RUN yum -q install -y git
      `,
      errors: [{ line: 2 }, { line: 4, column: 5, endColumn: 19 }],
      output: dockerfile`
        FROM rockylinux:9 AS base
        RUN yum install -y curl && yum clean all
        FROM base AS runtime
        RUN yum -q install -y git && yum clean all
      `,
    },
    {
      name: 'escape directive with backtick continuations and a comment line',
      code: dockerfile`
        # escape=${'`'}
        FROM rockylinux:9
        RUN yum install -y ${'`'}
            # tools
            curl
      `,
      errors: [{ line: 3, column: 5, endColumn: 16 }],
      output: dockerfile`
        # escape=${'`'}
        FROM rockylinux:9
        RUN yum install -y ${'`'}
            # tools
            curl && ${'`'}
            yum clean all
      `,
    },
    {
      name: 'CRLF line endings are kept',
      code: dockerfile`
        FROM rockylinux:9
        RUN yum install -y \
              curl
      `.replace(/\n/g, '\r\n'),
      errors: [{ line: 2, column: 5, endColumn: 16 }],
      output: dockerfile`
        FROM rockylinux:9
        RUN yum install -y \
              curl && \
              yum clean all
      `.replace(/\n/g, '\r\n'),
    },
  ],
});
