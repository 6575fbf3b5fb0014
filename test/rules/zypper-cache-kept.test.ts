import rule from '../../server/src/engine/rules/zypper-cache-kept.js';
import { dockerfile, testRule } from '../support/ruleTester.js';

testRule(rule, {
  valid: [
    {
      name: 'zypper clean --all in the same RUN',
      code: dockerfile`
        FROM opensuse/leap:15.6
        RUN zypper --non-interactive in curl && zypper clean --all
      `,
    },
    {
      name: 'zypper cc -a',
      code: dockerfile`
        FROM opensuse/leap:15.6
        RUN zypper -n install curl \
         && zypper -n cc -a
      `,
    },
    {
      name: 'metadata and raw metadata cleaned',
      code: dockerfile`
        FROM opensuse/leap:15.6
        RUN zypper -n in curl; zypper clean -m -M
      `,
    },
    {
      name: 'cache directory removed',
      code: dockerfile`
        FROM opensuse/leap:15.6
        RUN zypper -n in curl && rm -rf /var/cache/zypp/*
      `,
    },
    {
      name: 'cache mount on /var/cache/zypp',
      code: dockerfile`
        FROM opensuse/leap:15.6
        RUN --mount=type=cache,target=/var/cache/zypp zypper -n in curl
      `,
    },
    {
      name: 'builder stage is not shipped',
      code: dockerfile`
        FROM opensuse/leap:15.6 AS build
        RUN zypper -n in gcc
        FROM opensuse/leap:15.6 AS runtime
        COPY --from=build /out /out
      `,
    },
    {
      name: 'subcommands that fetch nothing',
      code: dockerfile`
        FROM opensuse/leap:15.6
        RUN zypper -n rm curl && zypper lr && zypper addlock curl
      `,
    },
    {
      name: 'non-POSIX SHELL is not read',
      code: dockerfile`
        FROM mcr.microsoft.com/windows/servercore:ltsc2022
        SHELL ["powershell", "-Command"]
        RUN zypper -n in curl
      `,
    },
  ],
  invalid: [
    {
      name: 'the cache-mount alternative',
      code: dockerfile`
        FROM opensuse/leap:15.6
        RUN zypper -n install curl
      `,
      errors: [{ line: 2, column: 5 }],
      output: dockerfile`
        FROM opensuse/leap:15.6
        RUN zypper -n install curl && zypper clean --all
      `,
      mountOutput: dockerfile`
        FROM opensuse/leap:15.6
        RUN --mount=type=cache,target=/var/cache/zypp,sharing=locked zypper -n install curl
      `,
    },
    {
      name: 'one-line RUN, global option before the alias',
      code: dockerfile`
        FROM opensuse/leap:15.6
        RUN zypper --non-interactive in curl
      `,
      errors: [{ line: 2, column: 5, endLine: 2, endColumn: 32, message: "`zypper in` leaves zypper's repository metadata in /var/cache/zypp in this layer: run `zypper clean --all` in the same RUN." }],
      output: dockerfile`
        FROM opensuse/leap:15.6
        RUN zypper --non-interactive in curl && zypper clean --all
      `,
      fixSafety: 'safe',
      safeOutput: dockerfile`
        FROM opensuse/leap:15.6
        RUN zypper --non-interactive in curl && zypper clean --all
      `,
    },
    {
      name: 'plain zypper clean deletes only packages: --all is added to it',
      code: dockerfile`
        FROM opensuse/leap:15.6
        RUN zypper -n in curl && zypper -n clean
      `,
      errors: [{ line: 2, column: 26, endColumn: 41, message: '`zypper clean` without `--all` deletes only downloaded packages' }],
      output: dockerfile`
        FROM opensuse/leap:15.6
        RUN zypper -n in curl && zypper -n clean --all
      `,
    },
    {
      name: 'plain zypper cc',
      code: dockerfile`
        FROM opensuse/leap:15.6
        RUN zypper -n in curl; zypper cc
      `,
      errors: [{ line: 2, column: 24, endColumn: 33, message: '`zypper cc` without `--all`' }],
      output: dockerfile`
        FROM opensuse/leap:15.6
        RUN zypper -n in curl; zypper cc --all
      `,
    },
    {
      name: 'a repository named after clean: a full clean is appended instead',
      code: dockerfile`
        FROM opensuse/leap:15.6
        RUN zypper -n up && zypper clean all && rm -rf /var/cache/zypper
      `,
      errors: [{ line: 2, column: 21, endColumn: 33, message: '`zypper clean` without `--all`' }],
      output: dockerfile`
        FROM opensuse/leap:15.6
        RUN zypper -n up && zypper clean all && rm -rf /var/cache/zypper && zypper clean --all
      `,
    },
    {
      name: 'refresh alone fills the cache; leading && continuations',
      code: dockerfile`
        FROM opensuse/leap:15.6
        RUN zypper --gpg-auto-import-keys ref \
         && echo refreshed
      `,
      errors: [{ line: 2, column: 5, endColumn: 38, message: '`zypper ref`' }],
      output: dockerfile`
        FROM opensuse/leap:15.6
        RUN zypper --gpg-auto-import-keys ref \
         && echo refreshed \
         && zypper clean --all
      `,
    },
    {
      name: 'a clean before the install does not count; the root is passed on',
      code: dockerfile`
        FROM opensuse/leap:15.6
        RUN zypper clean -a && zypper --root /target -n in curl
      `,
      errors: [{ line: 2, column: 24, endColumn: 51 }],
      output: dockerfile`
        FROM opensuse/leap:15.6
        RUN zypper clean -a && zypper --root /target -n in curl && zypper --root /target clean --all
      `,
    },
    {
      name: 'exec form cannot be extended: only the cache mount',
      code: dockerfile`
        FROM opensuse/leap:15.6
        RUN ["zypper", "-n", "in", "curl"]
      `,
      errors: [{ line: 2, column: 6, endColumn: 26 }],
      output: dockerfile`
        FROM opensuse/leap:15.6
        RUN --mount=type=cache,target=/var/cache/zypp,sharing=locked ["zypper", "-n", "in", "curl"]
      `,
    },
    {
      name: 'heredoc script',
      code: dockerfile`
        FROM opensuse/leap:15.6
        RUN <<EOF
            zypper -n dup
        EOF
      `,
      errors: [{ line: 3, column: 5, endColumn: 18 }],
      output: dockerfile`
        FROM opensuse/leap:15.6
        RUN <<EOF
            zypper -n dup
            zypper clean --all
        EOF
      `,
    },
    {
      name: 'ONBUILD trigger, lower-case, ||',
      code: dockerfile`
        from opensuse/leap:15.6
        onbuild run zypper -n up || true
      `,
      errors: [{ line: 2, column: 13, endColumn: 25 }],
      output: dockerfile`
        from opensuse/leap:15.6
        onbuild run zypper -n up || true && zypper clean --all
      `,
    },
    {
      name: 'stage a shipped stage builds FROM, and two findings',
      code: dockerfile`
        FROM opensuse/leap:15.6 AS base
        RUN zypper -n in curl
        FROM base AS runtime
        RUN zypper -n install git && zypper clean
      `,
      errors: [{ line: 2, column: 5, endColumn: 17 }, { line: 4, column: 30, endColumn: 42 }],
      output: dockerfile`
        FROM opensuse/leap:15.6 AS base
        RUN zypper -n in curl && zypper clean --all
        FROM base AS runtime
        RUN zypper -n install git && zypper clean --all
      `,
    },
    {
      name: 'escape directive with backtick continuations',
      code: dockerfile`
        # escape=${'`'}
        FROM opensuse/leap:15.6
        RUN zypper -n in ${'`'}
            curl
      `,
      errors: [{ line: 3, column: 5, endColumn: 17 }],
      output: dockerfile`
        # escape=${'`'}
        FROM opensuse/leap:15.6
        RUN zypper -n in ${'`'}
            curl && ${'`'}
            zypper clean --all
      `,
    },
    {
      name: 'CRLF line endings are kept',
      code: dockerfile`
        FROM opensuse/leap:15.6
        RUN zypper -n in \
              curl
      `.replace(/\n/g, '\r\n'),
      errors: [{ line: 2, column: 5, endColumn: 17 }],
      output: dockerfile`
        FROM opensuse/leap:15.6
        RUN zypper -n in \
              curl && \
              zypper clean --all
      `.replace(/\n/g, '\r\n'),
    },
  ],
});
