import rule from '../../server/src/engine/rules/consecutive-run.js';
import { dockerfile, testRule } from '../support/ruleTester.js';

const BT = '`';

testRule(rule, {
  valid: [
    {
      name: 'a blank line and a comment heading between RUNs: sections split on purpose',
      code: dockerfile`
        FROM alpine:3.20
        RUN apk add --no-cache curl

        # ensure www-data user exists
        RUN set -eux; adduser -u 82 -D -S -G www-data www-data
      `,
    },
    {
      name: 'another instruction between the RUNs',
      code: dockerfile`
        FROM debian:bookworm
        RUN apt-get update
        WORKDIR /src
        RUN apt-get install -y curl
      `,
    },
    {
      name: 'different --mount flags',
      code: dockerfile`
        FROM debian:bookworm
        RUN --mount=type=cache,target=/var/cache/apt apt-get update
        RUN apt-get install -y curl
      `,
    },
    {
      name: 'a RUN of more than two commands is a deliberate step',
      code: dockerfile`
        FROM debian:bookworm
        RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*
        RUN useradd app
      `,
    },
    {
      name: 'heredoc RUN',
      code: dockerfile`
        FROM debian:bookworm
        RUN <<EOF
        apt-get update
        EOF
        RUN apt-get install -y curl
      `,
    },
    {
      name: 'builder stage is not shipped',
      code: dockerfile`
        FROM golang:1.25 AS build
        RUN go mod download
        RUN go build -o /app .
        FROM scratch
        COPY --from=build /app /app
      `,
    },
    {
      name: 'an ignore comment between the RUNs keeps them apart',
      code: dockerfile`
        FROM debian:bookworm
        RUN apt-get update
        # hadolint ignore=DL3008
        RUN apt-get install -y curl
      `,
    },
    {
      name: 'non-POSIX SHELL',
      code: dockerfile`
        FROM mcr.microsoft.com/windows/servercore:ltsc2022
        SHELL ["powershell", "-Command"]
        RUN Write-Host one
        RUN Write-Host two
      `,
    },
    {
      name: 'a RUN that does not parse',
      code: dockerfile`
        FROM debian:bookworm
        RUN echo one &&
        RUN echo two
      `,
    },
    {
      name: 'exec form in an image without a shell',
      code: dockerfile`
        FROM scratch
        RUN ["/busybox", "mkdir", "/data"]
        RUN ["/busybox", "touch", "/data/x"]
      `,
    },
    {
      name: 'ONBUILD trigger next to an ordinary RUN',
      code: dockerfile`
        FROM debian:bookworm
        ONBUILD RUN make
        RUN useradd app
      `,
    },
  ],
  invalid: [
    {
      name: 'two one-line RUNs become one line (lower-case keyword kept)',
      code: dockerfile`
        FROM debian:bookworm
        run apt-get update
        RUN apt-get install -y curl
      `,
      errors: [{ line: 3, column: 1, endLine: 3, endColumn: 4, message: '2 consecutive RUN instructions make 2 layers where one would do. They are on lines 2 and 3.' }],
      output: dockerfile`
        FROM debian:bookworm
        run apt-get update && apt-get install -y curl
      `,
      fixSafety: 'safe',
    },
    {
      name: 'three RUNs with a comment, a blank line, a shell comment and a trailing semicolon',
      code: dockerfile`
        FROM debian:bookworm
        RUN apt-get update # refresh
        # then install

        RUN apt-get install -y \
              curl \
              git
        RUN rm -rf /var/lib/apt/lists/*;
      `,
      errors: [{ line: 5, column: 1, endLine: 8, endColumn: 4, message: '3 consecutive RUN instructions make 3 layers where one would do. They are on lines 2, 5 and 8.' }],
      output: dockerfile`
        FROM debian:bookworm
        RUN apt-get update \
        # refresh
        # then install
            && apt-get install -y \
              curl \
              git \
            && rm -rf /var/lib/apt/lists/*;
      `,
      fixSafety: 'safe',
    },
    {
      name: 'leading && style is kept and a comment line stays inside the continuation',
      code: dockerfile`
        FROM debian:bookworm
        RUN apt-get update \
         && apt-get install -y curl
        # clean up
        RUN rm -rf /var/lib/apt/lists/*
      `,
      errors: [{ line: 5 }],
      output: dockerfile`
        FROM debian:bookworm
        RUN apt-get update \
         && apt-get install -y curl \
        # clean up
         && rm -rf /var/lib/apt/lists/*
      `,
    },
    {
      name: 'semicolon lists: the second script is grouped so a failure still stops it',
      code: dockerfile`
        FROM debian:bookworm
        RUN useradd app; mkdir /data;
        RUN touch /data/a; chown app /data/a
      `,
      errors: [{ line: 3 }],
      output: dockerfile`
        FROM debian:bookworm
        RUN useradd app; mkdir /data && { touch /data/a; chown app /data/a; }
      `,
      fixSafety: 'safe',
    },
    {
      name: 'cd changes the directory the next RUN would see: unsafe, and || is grouped',
      code: dockerfile`
        FROM debian:bookworm
        RUN cd /app
        RUN make || echo failed
      `,
      errors: [{ line: 3 }],
      output: dockerfile`
        FROM debian:bookworm
        RUN cd /app && { make || echo failed; }
      `,
      safeOutput: null,
      fixSafety: 'unsafe',
    },
    {
      name: 'export is seen by the next RUN: unsafe',
      code: dockerfile`
        FROM debian:bookworm
        RUN export PATH=/opt/bin:$PATH
        RUN tool --version
      `,
      errors: [{ line: 3 }],
      output: dockerfile`
        FROM debian:bookworm
        RUN export PATH=/opt/bin:$PATH && tool --version
      `,
      safeOutput: null,
      fixSafety: 'unsafe',
    },
    {
      name: 'a background job: unsafe, joined without &&',
      code: dockerfile`
        FROM debian:bookworm
        RUN dockerd &
        RUN sleep 5 || true
      `,
      errors: [{ line: 3 }],
      output: dockerfile`
        FROM debian:bookworm
        RUN dockerd & sleep 5 || true
      `,
      fixSafety: 'unsafe',
    },
    {
      name: 'the same tool runs twice and may have replaced itself: unsafe',
      code: dockerfile`
        FROM python:3.12-slim
        RUN pip install --upgrade pip
        RUN pip install flask
      `,
      errors: [{ line: 3 }],
      output: dockerfile`
        FROM python:3.12-slim
        RUN pip install --upgrade pip && pip install flask
      `,
      safeOutput: null,
      fixSafety: 'unsafe',
    },
    {
      name: 'exit in the first RUN: no fix',
      code: dockerfile`
        FROM debian:bookworm
        RUN if [ -f /done ]; then exit 0; fi
        RUN make
      `,
      errors: [{ line: 3, message: 'No automatic fix: "exit" in the RUN on line 2 would keep the commands after it from running.' }],
      output: null,
      remaining: 1,
    },
    {
      name: 'exec form: no fix',
      code: dockerfile`
        FROM debian:bookworm
        RUN ["mkdir", "/data"]
        RUN touch /data/a
      `,
      errors: [{ line: 3, message: 'No automatic fix: exec-form RUNs cannot be chained in a shell.' }],
      output: null,
      remaining: 1,
    },
    {
      name: 'exec form in a scratch image that a COPY gives a /bin/sh: the stage has a shell (no fix for exec form)',
      code: dockerfile`
        FROM scratch
        COPY --from=busybox:1.36 /bin/busybox /bin/sh
        RUN ["/bin/sh", "-c", "mkdir /data"]
        RUN ["/bin/sh", "-c", "touch /data/x"]
      `,
      errors: [{ line: 4, column: 1, endLine: 4, endColumn: 4, message: '2 consecutive RUN instructions make 2 layers where one would do. They are on lines 3 and 4. No automatic fix: exec-form RUNs cannot be chained in a shell.' }],
      output: null,
      remaining: 1,
    },
    {
      name: 'same cache mounts: merged, the flags kept once',
      code: dockerfile`
        FROM debian:bookworm
        RUN --mount=type=cache,target=/var/cache/apt apt-get update
        RUN --mount=type=cache,target=/var/cache/apt apt-get install -y curl
      `,
      errors: [{ line: 3 }],
      output: dockerfile`
        FROM debian:bookworm
        RUN --mount=type=cache,target=/var/cache/apt apt-get update && apt-get install -y curl
      `,
      fixSafety: 'safe',
    },
    {
      name: 'escape directive: backtick continuations, trailing && style',
      code: dockerfile`
        # escape=${BT}
        FROM debian:bookworm
        RUN echo a && ${BT}
            echo b
        RUN echo c
      `,
      errors: [{ line: 5 }],
      output: dockerfile`
        # escape=${BT}
        FROM debian:bookworm
        RUN echo a && ${BT}
            echo b && ${BT}
            echo c
      `,
    },
    {
      name: 'ONBUILD triggers',
      code: dockerfile`
        FROM debian:bookworm
        ONBUILD RUN mkdir /data
        ONBUILD RUN touch /data/a
      `,
      errors: [{ line: 3, column: 9, endColumn: 12 }],
      output: dockerfile`
        FROM debian:bookworm
        ONBUILD RUN mkdir /data && touch /data/a
      `,
    },
    {
      name: 'CRLF line endings are kept',
      code: dockerfile`
        FROM debian:bookworm
        RUN apt-get update

        RUN apt-get install -y curl
      `.replace(/\n/g, '\r\n'),
      errors: [{ line: 4 }],
      output: dockerfile`
        FROM debian:bookworm
        RUN apt-get update \
            && apt-get install -y curl
      `.replace(/\n/g, '\r\n'),
    },
    {
      name: 'two groups in a stage a shipped stage builds FROM',
      code: dockerfile`
        FROM debian:bookworm AS base
        RUN useradd app
        RUN mkdir /data
        WORKDIR /data
        RUN touch a
        RUN touch b
        FROM base
        CMD ["bash"]
      `,
      errors: [
        { line: 3, column: 1, endColumn: 4 },
        { line: 6, column: 1, endColumn: 4 },
      ],
      output: dockerfile`
        FROM debian:bookworm AS base
        RUN useradd app && mkdir /data
        WORKDIR /data
        RUN touch a && touch b
        FROM base
        CMD ["bash"]
      `,
    },
    {
      name: 'SHELL with -e: an if on the left of && would not stop on failure, unsafe',
      code: dockerfile`
        FROM debian:bookworm
        SHELL ["/bin/bash", "-eo", "pipefail", "-c"]
        RUN if [ ! -e /a ]; then touch /a; fi
        RUN ls /a
      `,
      errors: [{ line: 4 }],
      output: dockerfile`
        FROM debian:bookworm
        SHELL ["/bin/bash", "-eo", "pipefail", "-c"]
        RUN if [ ! -e /a ]; then touch /a; fi && ls /a
      `,
      safeOutput: null,
      fixSafety: 'unsafe',
    },
    {
      name: 'the same if without -e is safe',
      code: dockerfile`
        FROM debian:bookworm
        RUN if [ ! -e /a ]; then touch /a; fi
        RUN ls /a
      `,
      errors: [{ line: 3 }],
      output: dockerfile`
        FROM debian:bookworm
        RUN if [ ! -e /a ]; then touch /a; fi && ls /a
      `,
      fixSafety: 'safe',
    },
    {
      name: 'a for loop leaves its variable set: unsafe',
      code: dockerfile`
        FROM debian:bookworm
        RUN for f in a b; do touch "/$f"; done
        RUN ls /a /b
      `,
      errors: [{ line: 3 }],
      output: dockerfile`
        FROM debian:bookworm
        RUN for f in a b; do touch "/$f"; done && ls /a /b
      `,
      fixSafety: 'unsafe',
    },
    {
      name: 'variables pass through unchanged',
      code: dockerfile`
        FROM debian:bookworm
        ARG VERSION=1.0
        RUN echo "$VERSION" > /version
        RUN cat /version
      `,
      errors: [{ line: 4 }],
      output: dockerfile`
        FROM debian:bookworm
        ARG VERSION=1.0
        RUN echo "$VERSION" > /version && cat /version
      `,
      fixSafety: 'safe',
    },
  ],
});
