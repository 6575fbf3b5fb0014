import rule from '../../server/src/engine/rules/apk-cache-kept.js';
import { dockerfile, testRule } from '../support/ruleTester.js';

testRule(rule, {
  valid: [
    {
      name: '--no-cache after add',
      code: dockerfile`
        FROM alpine:3.20
        RUN apk add --no-cache curl
      `,
    },
    {
      name: '--no-cache before the subcommand',
      code: dockerfile`
        FROM alpine:3.20
        RUN apk --no-cache add curl
      `,
    },
    {
      name: 'cache removed later in the same RUN',
      code: dockerfile`
        FROM alpine:3.20
        RUN apk update && apk add curl \
         && rm -rf /var/cache/apk/*
      `,
    },
    {
      name: 'parent directory emptied',
      code: dockerfile`
        FROM alpine:3.20
        RUN apk add curl; rm -rf /var/cache/*
      `,
    },
    {
      name: 'apk cache clean with a cache directory',
      code: dockerfile`
        FROM alpine:3.20
        RUN apk add --cache-dir /var/cache/apk curl && apk cache clean
      `,
    },
    {
      name: 'cache mount on /var/cache/apk',
      code: dockerfile`
        FROM alpine:3.20
        RUN --mount=type=cache,target=/var/cache/apk apk add curl
      `,
    },
    {
      name: 'cache mount on /etc/apk/cache',
      code: dockerfile`
        FROM alpine:3.20
        RUN --mount=type=cache,target=/etc/apk/cache apk update && apk add curl
      `,
    },
    {
      name: '--no-network install of local packages',
      code: dockerfile`
        FROM alpine:3.20
        COPY packages/ /tmp/packages/
        RUN apk add --no-network --allow-untrusted /tmp/packages/*.apk
      `,
    },
    {
      name: 'own cache directory removed afterwards',
      code: dockerfile`
        FROM alpine:3.20
        RUN apk add --cache-dir /tmp/apk curl && rm -rf /tmp/apk
      `,
    },
    {
      name: 'builder stage is not shipped',
      code: dockerfile`
        FROM alpine:3.20 AS build
        RUN apk add build-base
        FROM alpine:3.20 AS runtime
        COPY --from=build /out /out
      `,
    },
    {
      name: 'other subcommands, and options hiding the subcommand',
      code: dockerfile`
        FROM alpine:3.20
        RUN apk del curl && apk info -v && echo "$(apk --print-arch)" && apk $APK_OPTS add curl
      `,
    },
    {
      name: 'non-POSIX SHELL is not read',
      code: dockerfile`
        FROM mcr.microsoft.com/windows/servercore:ltsc2022
        SHELL ["powershell", "-Command"]
        RUN apk add curl
      `,
    },
  ],
  invalid: [
    {
      name: 'an apk add in a later layer reuses the index an earlier layer\'s apk update left: only that earlier layer is reported',
      code: dockerfile`
        FROM alpine:3.19
        RUN apk update && apk add --virtual .tools make
        RUN apk add --no-cache bash
        RUN apk add git && git --version
      `,
      errors: [{ line: 2, column: 19, endColumn: 26 }],
      output: dockerfile`
        FROM alpine:3.19
        RUN apk update && apk add --no-cache --virtual .tools make
        RUN apk add --no-cache bash
        RUN apk add git && git --version
      `,
    },
    {
      name: 'the earlier layer removed its index: the later apk add fetches one again',
      code: dockerfile`
        FROM alpine:3.19
        RUN apk update && apk add make && rm -rf /var/cache/apk/*
        RUN apk add git
      `,
      errors: [{ line: 3, column: 5, endColumn: 12 }],
      output: dockerfile`
        FROM alpine:3.19
        RUN apk update && apk add make && rm -rf /var/cache/apk/*
        RUN apk add --no-cache git
      `,
    },
    {
      name: 'the earlier layer used --no-cache: no index was left, so the later apk add stores one',
      code: dockerfile`
        FROM alpine:3.19
        RUN apk add --no-cache make
        RUN apk add git
      `,
      errors: [{ line: 3, column: 5, endColumn: 12 }],
      output: dockerfile`
        FROM alpine:3.19
        RUN apk add --no-cache make
        RUN apk add --no-cache git
      `,
    },
    {
      name: 'an index left by a stage this one builds FROM, refreshed with -U: stored again',
      code: dockerfile`
        FROM alpine:3.19 AS base
        RUN apk update
        FROM base
        RUN apk add -U git
      `,
      errors: [{ line: 4, column: 5, endColumn: 12 }],
      output: dockerfile`
        FROM alpine:3.19 AS base
        RUN apk update
        FROM base
        RUN apk add --no-cache -U git
      `,
    },
    {
      name: 'two apk add in one RUN: the layer gets one index, reported at the first; the fix covers both',
      code: dockerfile`
        FROM alpine:3.20
        RUN apk add make gcc \\
          && make -C /src \\
          && apk add /src/out/tool.apk
      `,
      errors: [{ line: 2, column: 5, endColumn: 12, message: 'leaves the package index in this layer. It stays in /var/cache/apk.' }],
      output: dockerfile`
        FROM alpine:3.20
        RUN apk add --no-cache make gcc \\
          && make -C /src \\
          && apk add --no-cache /src/out/tool.apk
      `,
    },
    {
      name: 'a later apk add that refreshes the index (-U) stores it again',
      code: dockerfile`
        FROM alpine:3.20
        RUN apk add curl && apk add -U jq
      `,
      errors: [
        { line: 2, column: 5, endColumn: 12 },
        { line: 2, column: 21, endColumn: 28 },
      ],
      output: dockerfile`
        FROM alpine:3.20
        RUN apk add --no-cache curl && apk add --no-cache -U jq
      `,
    },
    {
      name: 'the cache-mount alternative',
      code: dockerfile`
        FROM alpine:3.20
        RUN apk add curl
      `,
      errors: [{ line: 2, column: 5, endColumn: 12 }],
      output: dockerfile`
        FROM alpine:3.20
        RUN apk add --no-cache curl
      `,
      mountOutput: dockerfile`
        FROM alpine:3.20
        RUN --mount=type=cache,target=/var/cache/apk,sharing=locked apk add curl
      `,
    },
    {
      name: 'one-line RUN',
      code: dockerfile`
        FROM alpine:3.20
        RUN apk add curl
      `,
      errors: [{ line: 2, column: 5, endLine: 2, endColumn: 12, message: '"apk add" without --no-cache leaves the package index in this layer. It stays in /var/cache/apk.' }],
      output: dockerfile`
        FROM alpine:3.20
        RUN apk add --no-cache curl
      `,
      fixSafety: 'safe',
      safeOutput: dockerfile`
        FROM alpine:3.20
        RUN apk add --no-cache curl
      `,
    },
    {
      name: 'apk update in the same RUN is named but kept',
      code: dockerfile`
        FROM alpine:3.20
        RUN apk update && apk add curl
      `,
      errors: [{ line: 2, column: 19, endColumn: 26, message: 'the "apk update" on line 2 is no longer needed' }],
      output: dockerfile`
        FROM alpine:3.20
        RUN apk update && apk add --no-cache curl
      `,
    },
    {
      name: 'removal before the install does not count',
      code: dockerfile`
        FROM alpine:3.20
        RUN rm -rf /var/cache/apk/* && apk add curl
      `,
      errors: [{ line: 2, column: 32, endColumn: 39 }],
      output: dockerfile`
        FROM alpine:3.20
        RUN rm -rf /var/cache/apk/* && apk add --no-cache curl
      `,
    },
    {
      name: 'removal in a later RUN does not count',
      code: dockerfile`
        FROM alpine:3.20
        RUN apk add curl
        RUN rm -rf /var/cache/apk/*
      `,
      errors: [{ line: 2 }],
      output: dockerfile`
        FROM alpine:3.20
        RUN apk add --no-cache curl
        RUN rm -rf /var/cache/apk/*
      `,
    },
    {
      name: 'two installs, continuation with a comment line, two findings',
      code: dockerfile`
        FROM alpine:3.20
        RUN apk add --virtual .build-deps gcc musl-dev \
            # runtime packages
         && apk -U add \
              curl \
         && apk del .build-deps
      `,
      errors: [
        { line: 2, column: 5, endColumn: 12 },
        { line: 4, column: 5, endColumn: 15 },
      ],
      output: dockerfile`
        FROM alpine:3.20
        RUN apk add --no-cache --virtual .build-deps gcc musl-dev \
            # runtime packages
         && apk -U add --no-cache \
              curl \
         && apk del .build-deps
      `,
    },
    {
      name: 'exec form gets a JSON argument',
      code: dockerfile`
        FROM alpine:3.20
        RUN ["apk", "add", "curl"]
      `,
      errors: [{ line: 2, column: 6, endColumn: 18 }],
      output: dockerfile`
        FROM alpine:3.20
        RUN ["apk", "add", "--no-cache", "curl"]
      `,
    },
    {
      name: 'heredoc script',
      code: dockerfile`
        FROM alpine:3.20
        RUN <<EOF
        set -e
        apk add curl
        EOF
      `,
      errors: [{ line: 4, column: 1, endColumn: 8 }],
      output: dockerfile`
        FROM alpine:3.20
        RUN <<EOF
        set -e
        apk add --no-cache curl
        EOF
      `,
    },
    {
      name: 'ONBUILD trigger',
      code: dockerfile`
        FROM alpine:3.20
        ONBUILD RUN apk add curl
      `,
      errors: [{ line: 2, column: 13, endColumn: 20 }],
      output: dockerfile`
        FROM alpine:3.20
        ONBUILD RUN apk add --no-cache curl
      `,
    },
    {
      name: 'stage a shipped stage builds FROM',
      code: dockerfile`
        FROM alpine:3.20 AS base
        RUN apk add curl
        FROM base AS runtime
        COPY app /app
      `,
      errors: [{ line: 2 }],
      output: dockerfile`
        FROM alpine:3.20 AS base
        RUN apk add --no-cache curl
        FROM base AS runtime
        COPY app /app
      `,
    },
    {
      name: 'escape directive, lower-case instruction, variables',
      code: dockerfile`
        # escape=${'`'}
        from alpine:3.20
        arg PKGS="curl git"
        run apk update && ${'`'}
            apk add $PKGS
      `,
      errors: [{ line: 5, column: 5, endColumn: 12, message: 'on line 4' }],
      output: dockerfile`
        # escape=${'`'}
        from alpine:3.20
        arg PKGS="curl git"
        run apk update && ${'`'}
            apk add --no-cache $PKGS
      `,
    },
    {
      name: 'custom POSIX SHELL, || and ; lists',
      code: dockerfile`
        FROM alpine:3.20
        SHELL ["/bin/ash", "-eo", "pipefail", "-c"]
        RUN apk add curl || true; echo done
      `,
      errors: [{ line: 3, column: 5, endColumn: 12 }],
      output: dockerfile`
        FROM alpine:3.20
        SHELL ["/bin/ash", "-eo", "pipefail", "-c"]
        RUN apk add --no-cache curl || true; echo done
      `,
    },
    {
      name: 'CRLF line endings are kept',
      code: dockerfile`
        FROM alpine:3.20
        RUN apk add \
              curl
      `.replace(/\n/g, '\r\n'),
      errors: [{ line: 2, column: 5, endColumn: 12 }],
      output: dockerfile`
        FROM alpine:3.20
        RUN apk add --no-cache \
              curl
      `.replace(/\n/g, '\r\n'),
    },
  ],
});
