import rule from '../../server/src/engine/rules/apt-recommends-installed.js';
import { dockerfile, testRule } from '../support/ruleTester.js';

testRule(rule, {
  valid: [
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
      errors: [{ line: 2, column: 23, endColumn: 38, message: '`apt-get install` without `--no-install-recommends`' }],
      output: dockerfile`
        FROM debian:bookworm
        RUN apt-get update && apt-get install --no-install-recommends -y curl
      `,
      fixSafety: 'unsafe',
      safeOutput: null,
    },
    {
      name: 'apt install, multi-line, two findings',
      code: dockerfile`
        FROM debian:bookworm
        RUN apt update \
         && apt install -y curl \
         && apt-get -y install \
              git
      `,
      errors: [
        { line: 3, column: 5, endColumn: 16, message: '`apt install`' },
        { line: 4, column: 5, endColumn: 23 },
      ],
      output: dockerfile`
        FROM debian:bookworm
        RUN apt update \
         && apt install --no-install-recommends -y curl \
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
        RUN ["apt-get", "install", "--no-install-recommends", "-y", "curl"]
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
            apt-get install --no-install-recommends -y curl
      `,
    },
  ],
});
