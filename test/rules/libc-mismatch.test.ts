import rule from '../../server/src/engine/rules/libc-mismatch.js';
import { dockerfile, testRule } from '../support/ruleTester.js';

testRule(rule, {
  valid: [
    {
      name: 'CGO_ENABLED=0 on the command',
      code: dockerfile`
        FROM golang:1.25 AS build
        RUN CGO_ENABLED=0 go build -o /app .
        FROM alpine:3.20
        COPY --from=build /app /app
      `,
    },
    {
      name: 'ENV in the builder, and an ARG default',
      code: dockerfile`
        FROM golang:1.25 AS base
        ENV CGO_ENABLED=0
        FROM base AS build
        RUN go build -o /app .
        FROM golang:1.25 AS build2
        ARG CGO_ENABLED=0
        RUN go build -o /app2 .
        FROM scratch
        COPY --from=build /app /app
        COPY --from=build2 /app2 /app2
      `,
    },
    {
      name: 'export and go env -w earlier',
      code: dockerfile`
        FROM golang:1.25 AS build
        RUN go env -w CGO_ENABLED=0
        RUN go build -o /a . && export CGO_ENABLED=0 && go build -o /b ./b
        FROM scratch
        COPY --from=build /a /b /
      `,
    },
    {
      name: 'golang alpine from Go 1.20 on: no gcc, so cgo is off',
      code: dockerfile`
        FROM golang:1.20-alpine3.17 AS build
        RUN go build -o /app .
        FROM scratch
        COPY --from=build /app /app
      `,
    },
    {
      name: 'golang alpine before Go 1.20 into alpine: musl-linked, and alpine has musl',
      code: dockerfile`
        FROM golang:1.19-alpine3.16 AS build
        RUN go build -o /app .
        FROM alpine:3.16
        COPY --from=build /app /app
      `,
    },
    {
      name: 'golang alpine has no gcc: cgo is off; into alpine the libc matches anyway',
      code: dockerfile`
        FROM golang:1.25-alpine AS build
        RUN go build -o /app .
        FROM scratch
        COPY --from=build /app /app
        FROM alpine:3.20
        COPY --from=build /app /app
      `,
    },
    {
      name: 'glibc runtime image, gcompat on Alpine, whole-root copy',
      code: dockerfile`
        FROM golang:1.25 AS build
        RUN go build -o /app .
        FROM gcr.io/distroless/base-debian12 AS a
        COPY --from=build /app /app
        FROM alpine:3.20 AS b
        RUN apk add --no-cache gcompat
        COPY --from=build /app /app
        FROM scratch
        COPY --from=build / /
      `,
    },
    {
      name: 'static links: -static, extldflags, netgo+osusergo, a musl Rust target',
      code: dockerfile`
        FROM gcc:14 AS c
        RUN gcc -static -O2 -o /hello hello.c
        FROM golang:1.25 AS go
        RUN go build -ldflags '-linkmode external -extldflags "-static"' -o /a . \
         && go build -tags netgo,osusergo -o /b . \
         && CGO_ENABLED=1 go build -ldflags "-X main.v=$(git rev-parse HEAD) -extldflags -static" -o /c .
        FROM rust:1.80 AS rs
        WORKDIR /src
        RUN rustup target add x86_64-unknown-linux-musl && cargo build --release --target x86_64-unknown-linux-musl
        FROM scratch
        COPY --from=c /hello /hello
        COPY --from=go /a /b /c /
        COPY --from=rs /src/target/x86_64-unknown-linux-musl/release/tool /tool
      `,
    },
    {
      name: 'the copied files are not the program (certificates), cross-compiling, unknown builder',
      code: dockerfile`
        FROM golang:1.25 AS build
        RUN go build -o /app .
        RUN GOARCH=$TARGETARCH go build -o /app2 .
        FROM example.com/builder:1 AS other
        RUN gcc -o /x x.c
        FROM scratch
        COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
        COPY --from=build /app2 /app2
        COPY --from=other /x /x
      `,
    },
    {
      name: 'ONBUILD trigger',
      code: 'FROM golang:1.25 AS build\nRUN go build -o /app .\nFROM alpine:3.20\nONBUILD COPY --from=build /app /app\n',
    },
  ],
  invalid: [
    {
      name: 'golang alpine before Go 1.20: cgo on by default with a precompiled net, so musl-linked; scratch has no C library',
      code: dockerfile`
        FROM golang:1.19-alpine3.16 AS build
        WORKDIR /src
        COPY . .
        RUN go build -o /out/server .
        FROM scratch
        COPY --from=build /out/server /server
        ENTRYPOINT ["/server"]
      `,
      errors: [
        {
          line: 6,
          column: 19,
          endColumn: 30,
          severity: 'error',
          message: '"/out/server" needs musl, but "scratch" has no C library. It is built by "go build" in stage "build" (golang:1.19-alpine3.16) with cgo on, the default before Go 1.20, whose net package comes precompiled with cgo even without a C compiler. Go links it against musl when it uses the net, os/user or cgo packages. Build it with CGO_ENABLED=0.',
        },
      ],
      output: dockerfile`
        FROM golang:1.19-alpine3.16 AS build
        WORKDIR /src
        COPY . .
        RUN CGO_ENABLED=0 go build -o /out/server .
        FROM scratch
        COPY --from=build /out/server /server
        ENTRYPOINT ["/server"]
      `,
      fixSafety: 'unsafe',
      safeOutput: null,
    },
    {
      name: 'seed: Go built on golang copied into alpine without CGO_ENABLED=0',
      code: dockerfile`
        FROM golang:1.25 AS builder
        WORKDIR /go/src
        COPY httpserver.go .
        RUN go build -o myhttpserver ./httpserver.go
        FROM alpine:3.20
        WORKDIR /root/
        COPY --from=builder /go/src/myhttpserver .
        CMD ["./myhttpserver"]
      `,
      errors: [
        {
          line: 7,
          column: 21,
          endColumn: 41,
          severity: 'error',
          message: '"/go/src/myhttpserver" needs glibc, but "alpine:3.20" has musl. It is built by "go build" in stage "builder" (golang:1.25) with cgo on, the default where a C compiler is installed. Go links it against glibc when it uses the net, os/user or cgo packages. Build it with CGO_ENABLED=0.',
        },
      ],
      output: dockerfile`
        FROM golang:1.25 AS builder
        WORKDIR /go/src
        COPY httpserver.go .
        RUN CGO_ENABLED=0 go build -o myhttpserver ./httpserver.go
        FROM alpine:3.20
        WORKDIR /root/
        COPY --from=builder /go/src/myhttpserver .
        CMD ["./myhttpserver"]
      `,
      fixSafety: 'unsafe',
      safeOutput: null,
    },
    {
      name: 'seed: C program built in gcc copied into scratch without -static (relative source, default WORKDIR /)',
      code: dockerfile`
        FROM gcc AS mybuildstage
        COPY hello.c .
        RUN gcc -o hello hello.c
        FROM scratch
        COPY --from=mybuildstage hello .
        CMD ["./hello"]
      `,
      errors: [{ line: 5, column: 26, endColumn: 31, message: '"hello" needs glibc, but "scratch" has no C library. It is built by "gcc" in stage "mybuildstage" (gcc) without -static. Link it with -static.' }],
      output: dockerfile`
        FROM gcc AS mybuildstage
        COPY hello.c .
        RUN gcc -static -o hello hello.c
        FROM scratch
        COPY --from=mybuildstage hello .
        CMD ["./hello"]
      `,
    },
    {
      name: 'explicit CGO_ENABLED=1: no fix',
      code: dockerfile`
        FROM golang:1.25 AS build
        ENV CGO_ENABLED=1
        RUN go build -o /app .
        FROM gcr.io/distroless/static-debian12
        COPY --from=build /app /app
      `,
      errors: [{ line: 5, message: '"/app" needs glibc, but "gcr.io/distroless/static-debian12" has no C library. It is built by "go build" in stage "build" (golang:1.25) with CGO_ENABLED=1. Go links it against glibc when it uses the net, os/user or cgo packages. Run it on an image with the same C library, or link it statically.' }],
      output: null,
    },
    {
      name: 'exec-form RUN cannot take an assignment: no fix; go install output in /go/bin',
      code: dockerfile`
        FROM golang:1.25 AS build
        RUN ["go", "build", "-o", "/out/app", "."]
        RUN go install github.com/acme/tools/cmd/lint@v1.2.0
        FROM alpine:3.20
        COPY --from=build /out/ /usr/local/bin/
        COPY --from=build /go/bin/lint /usr/local/bin/
      `,
      errors: [{ line: 5, column: 19, endColumn: 24 }, { line: 6, column: 19, endColumn: 31, message: '"go install"' }],
      output: dockerfile`
        FROM golang:1.25 AS build
        RUN ["go", "build", "-o", "/out/app", "."]
        RUN CGO_ENABLED=0 go install github.com/acme/tools/cmd/lint@v1.2.0
        FROM alpine:3.20
        COPY --from=build /out/ /usr/local/bin/
        COPY --from=build /go/bin/lint /usr/local/bin/
      `,
      remaining: 1,
    },
    {
      name: 'sh -c exec form and a heredoc, with assignments and env before go',
      code: dockerfile`
        FROM golang:1.25 AS build
        RUN ["/bin/sh", "-c", "GOOS=linux go build -o /a ."]
        RUN <<EOF
        set -e
        env GOARCH=amd64 go build -o /b ./cmd/b
        EOF
        FROM scratch
        COPY --from=build /a /b /
      `,
      errors: [{ line: 8, column: 19, endColumn: 21 }, { line: 8, column: 22, endColumn: 24 }],
      output: dockerfile`
        FROM golang:1.25 AS build
        RUN ["/bin/sh", "-c", "GOOS=linux CGO_ENABLED=0 go build -o /a ."]
        RUN <<EOF
        set -e
        env GOARCH=amd64 CGO_ENABLED=0 go build -o /b ./cmd/b
        EOF
        FROM scratch
        COPY --from=build /a /b /
      `,
    },
    {
      name: 'default output name unknown (module name): reported without a fix',
      code: dockerfile`
        FROM golang:1.25 AS build
        WORKDIR /src
        RUN go build
        FROM alpine:3.20
        COPY --from=build /src/server /server
      `,
      errors: [{ line: 5, column: 19, endColumn: 30, message: '"/src/server" may need glibc, but "alpine:3.20" has musl. If it is the program "go build" builds in stage "build" (golang:1.25) with cgo on, the default where a C compiler is installed, it is linked against glibc. Go links it against glibc when it uses the net, os/user or cgo packages. Build it with CGO_ENABLED=0.' }],
      output: null,
    },
    {
      name: 'Rust for the host target: no fix',
      code: dockerfile`
        FROM rust:1.80 AS build
        WORKDIR /app
        RUN cargo build --release
        FROM alpine:3.20
        COPY --from=build /app/target/release/tool /usr/local/bin/
      `,
      errors: [{ line: 5, column: 19, endColumn: 43, message: '"/app/target/release/tool" needs glibc, but "alpine:3.20" has musl. It is built by "cargo build" in stage "build" (rust:1.80) for the host target (glibc), not a musl target. Build for a musl target (--target x86_64-unknown-linux-musl) or use a glibc runtime image.' }],
      output: null,
    },
    {
      name: 'musl build (Alpine with build-base) into scratch; lower case; continuation; CRLF',
      code: dockerfile`
        from alpine:3.20 as build
        run apk add --no-cache build-base \
         && cc -O2 \
              -o /usr/local/bin/tool tool.c
        from scratch
        copy --from=build /usr/local/bin/tool /tool
      `.replace(/\n/g, '\r\n'),
      errors: [{ line: 6, column: 19, endColumn: 38, message: '"/usr/local/bin/tool" needs musl, but "scratch" has no C library. It is built by "cc" in stage "build" (alpine:3.20) without -static. Link it with -static.' }],
      output: dockerfile`
        from alpine:3.20 as build
        run apk add --no-cache build-base \
         && cc -static -O2 \
              -o /usr/local/bin/tool tool.c
        from scratch
        copy --from=build /usr/local/bin/tool /tool
      `.replace(/\n/g, '\r\n'),
    },
    {
      name: 'cgo on golang alpine once gcc is installed',
      code: dockerfile`
        FROM golang:1.25-alpine AS build
        RUN apk add --no-cache gcc musl-dev
        RUN go build -o /app .
        FROM gcr.io/distroless/static-debian12:nonroot
        COPY --from=build /app /app
      `,
      errors: [{ line: 5, message: '"/app" needs musl, but "gcr.io/distroless/static-debian12:nonroot" has no C library. It is built by "go build" in stage "build" (golang:1.25-alpine) with cgo on, the default where a C compiler is installed. Go links it against musl when it uses the net, os/user or cgo packages. Build it with CGO_ENABLED=0.' }],
      output: dockerfile`
        FROM golang:1.25-alpine AS build
        RUN apk add --no-cache gcc musl-dev
        RUN CGO_ENABLED=0 go build -o /app .
        FROM gcr.io/distroless/static-debian12:nonroot
        COPY --from=build /app /app
      `,
    },
  ],
});
