import rule from '../../server/src/engine/rules/stage-referenced-by-index.js';
import { dockerfile, testRule } from '../support/ruleTester.js';

testRule(rule, {
  valid: [
    {
      name: 'stage referenced by name',
      code: dockerfile`
        FROM golang:1.25 AS build
        RUN go build -o /app .
        FROM scratch
        COPY --from=build /app /app
      `,
    },
    {
      name: 'external image in --from',
      code: 'FROM alpine:3.20\nCOPY --from=busybox:1.36 /bin/busybox /bin/busybox\n',
    },
    {
      name: 'ONBUILD trigger: the number belongs to the downstream build',
      code: 'FROM golang:1.25 AS build\nFROM alpine:3.20\nONBUILD COPY --from=0 /app /app\n',
    },
    {
      name: 'a number that is not an earlier stage is left to the builder to reject',
      code: 'FROM alpine:3.20\nCOPY --from=3 /app /app\n',
    },
    {
      name: 'variable in --from',
      code: 'ARG SRC=0\nFROM golang:1.25\nFROM alpine:3.20\nCOPY --from=$SRC /app /app\n',
    },
  ],
  invalid: [
    {
      name: 'seed: gcc stage copied by number into ubuntu',
      code: dockerfile`
        FROM gcc
        COPY hello.c .
        RUN gcc -o hello hello.c
        FROM ubuntu:24.04
        COPY --from=0 hello .
        CMD ["./hello"]
      `,
      errors: [{ line: 5, column: 13, endColumn: 14, severity: 'warning', message: '"--from=0" refers to stage 0 (gcc) by position. The number changes when stages are added or removed: refer to it by name.' }],
      output: dockerfile`
        FROM gcc AS build
        COPY hello.c .
        RUN gcc -o hello hello.c
        FROM ubuntu:24.04
        COPY --from=build hello .
        CMD ["./hello"]
      `,
      fixSafety: 'safe',
    },
    {
      name: 'every reference to the stage, COPY and RUN --mount, in one fix; lower-case keeps its case',
      code: dockerfile`
        from golang:1.25
        run go build -o /out/app .
        from alpine:3.20
        run --mount=type=bind,from=0,source=/out,target=/mnt cp /mnt/app /usr/local/bin/
        copy --from=0 /out/app /app2
      `,
      errors: [
        { line: 4, column: 28, endColumn: 29, message: '"--mount=…,from=0"' },
        { line: 5, column: 13, endColumn: 14 },
      ],
      output: dockerfile`
        from golang:1.25 as build
        run go build -o /out/app .
        from alpine:3.20
        run --mount=type=bind,from=build,source=/out,target=/mnt cp /mnt/app /usr/local/bin/
        copy --from=build /out/app /app2
      `,
    },
    {
      name: 'stage that already has a name: only the number changes; exec-form COPY',
      code: dockerfile`
        FROM node:22 AS Assets
        RUN npm ci && npm run build
        FROM nginx:1.27-alpine
        COPY --from=0 ["/app/dist", "/usr/share/nginx/html"]
      `,
      errors: [{ line: 4, column: 13, endColumn: 14 }],
      output: dockerfile`
        FROM node:22 AS Assets
        RUN npm ci && npm run build
        FROM nginx:1.27-alpine
        COPY --from=assets ["/app/dist", "/usr/share/nginx/html"]
      `,
    },
    {
      name: 'names avoid images used elsewhere and each other; platform flag; CRLF',
      code: dockerfile`
        FROM --platform=$BUILDPLATFORM golang:1.25
        RUN go build -o /app .
        FROM rust:1.80
        RUN cargo build --release
        FROM alpine:3.20
        RUN apk add --no-cache ca-certificates
        FROM alpine
        COPY --from=0 /app /app
        COPY --from=1 /target/release/tool /tool
        COPY --from=2 /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
        COPY --from=build-tools /bin/x /bin/x
      `.replace(/\n/g, '\r\n'),
      errors: [
        { line: 8, column: 13, endColumn: 14 },
        { line: 9, column: 13, endColumn: 14 },
        { line: 10, column: 13, endColumn: 14 },
      ],
      output: dockerfile`
        FROM --platform=$BUILDPLATFORM golang:1.25 AS build
        RUN go build -o /app .
        FROM rust:1.80 AS build-2
        RUN cargo build --release
        FROM alpine:3.20 AS alpine-2
        RUN apk add --no-cache ca-certificates
        FROM alpine
        COPY --from=build /app /app
        COPY --from=build-2 /target/release/tool /tool
        COPY --from=alpine-2 /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
        COPY --from=build-tools /bin/x /bin/x
      `.replace(/\n/g, '\r\n'),
    },
    {
      name: 'escape directive and continuation lines',
      code: '# escape=`\nFROM debian:bookworm-slim\nFROM debian:bookworm-slim\nCOPY `\n  --from=0 `\n  /etc/os-release /tmp/\n',
      errors: [{ line: 5, column: 10, endColumn: 11 }],
      output: '# escape=`\nFROM debian:bookworm-slim AS debian\nFROM debian:bookworm-slim\nCOPY `\n  --from=debian `\n  /etc/os-release /tmp/\n',
    },
  ],
});
