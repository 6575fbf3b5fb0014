import rule from '../../server/src/engine/rules/tls-roots-missing.js';
import { dockerfile, testRule } from '../support/ruleTester.js';

testRule(rule, {
  valid: [
    {
      name: 'CA bundle copied',
      code: dockerfile`
        FROM golang:1.25 AS build
        RUN CGO_ENABLED=0 go build -o /app .
        FROM scratch
        COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
        COPY --from=build /app /app
        ENTRYPOINT ["/app"]
      `,
    },
    {
      name: 'certs directory, or a bundle of your own, or SSL_CERT_FILE',
      code: dockerfile`
        FROM golang:1.25 AS build
        RUN CGO_ENABLED=0 go build -o /app .
        FROM scratch AS a
        COPY --from=build /etc/ssl/certs /etc/ssl/certs
        COPY --from=build /app /app
        FROM scratch AS b
        COPY roots.pem /roots.pem
        FROM scratch
        ENV SSL_CERT_FILE=/roots.pem
        COPY --from=build /app /app
      `,
    },
    {
      name: 'final stage with certificates (distroless static, alpine)',
      code: dockerfile`
        FROM golang:1.25 AS build
        RUN CGO_ENABLED=0 go build -o /app .
        FROM alpine:3.20 AS a
        COPY --from=build /app /app
        FROM gcr.io/distroless/static-debian12
        COPY --from=build /app /app
      `,
    },
    {
      name: 'not a Go or Rust program (C), data only, whole root',
      code: dockerfile`
        FROM gcc:14 AS c
        RUN gcc -static -o /hello hello.c
        FROM golang:1.25 AS go
        RUN CGO_ENABLED=0 go build -o /app .
        FROM scratch AS one
        COPY --from=c /hello /hello
        COPY --from=go /etc/passwd /etc/passwd
        FROM scratch
        COPY --from=go / /
      `,
    },
    {
      name: 'builder stage on scratch is not the final stage',
      code: 'FROM golang:1.25 AS build\nRUN CGO_ENABLED=0 go build -o /app .\nFROM scratch AS tmp\nCOPY --from=build /app /app\nFROM alpine:3.20\nCOPY --from=tmp /app /app\n',
    },
  ],
  invalid: [
    {
      name: 'seed: Go program on scratch, golang builder has the bundle',
      code: dockerfile`
        FROM golang:1.25 AS build
        WORKDIR /src
        COPY . .
        RUN CGO_ENABLED=0 go build -o /out/app .
        FROM scratch
        COPY --from=build /out/app /app
        ENTRYPOINT ["/app"]
      `,
      errors: [
        {
          line: 6,
          column: 19,
          endColumn: 27,
          severity: 'info',
          message: '"/out/app" runs on scratch, which has no CA certificates. It is a Go program from stage "build": if it makes TLS connections, they cannot verify servers; copy /etc/ssl/certs/ca-certificates.crt into the image.',
        },
      ],
      output: dockerfile`
        FROM golang:1.25 AS build
        WORKDIR /src
        COPY . .
        RUN CGO_ENABLED=0 go build -o /out/app .
        FROM scratch
        COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
        COPY --from=build /out/app /app
        ENTRYPOINT ["/app"]
      `,
      fixSafety: 'unsafe',
      safeOutput: null,
    },
    {
      name: 'Go program on scratch whose configuration names an https:// address: a warning',
      code: dockerfile`
        FROM golang:1.25 AS build
        RUN CGO_ENABLED=0 go build -o /out/app .
        FROM scratch
        COPY --from=build /out/app /app
        ENV API_URL="https://api.example.com/v1"
        ENTRYPOINT ["/app"]
      `,
      errors: [
        {
          line: 4,
          column: 19,
          endColumn: 27,
          severity: 'warning',
          message: '"/out/app" cannot verify TLS servers: scratch has no CA certificates. It is a Go program from stage "build" (line 5 configures "https://api.example.com/v1"). Copy /etc/ssl/certs/ca-certificates.crt into the image.',
        },
      ],
      output: dockerfile`
        FROM golang:1.25 AS build
        RUN CGO_ENABLED=0 go build -o /out/app .
        FROM scratch
        COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
        COPY --from=build /out/app /app
        ENV API_URL="https://api.example.com/v1"
        ENTRYPOINT ["/app"]
      `,
    },
    {
      name: 'Go program on scratch started with a port-443 address',
      code: dockerfile`
        FROM golang:1.25 AS build
        RUN CGO_ENABLED=0 go build -o /out/app .
        FROM scratch
        COPY --from=build /out/app /app
        CMD ["/app", "--upstream", "db.example.com:443"]
      `,
      errors: [{ line: 4, severity: 'warning', message: '(line 5 configures "db.example.com:443")' }],
      output: dockerfile`
        FROM golang:1.25 AS build
        RUN CGO_ENABLED=0 go build -o /out/app .
        FROM scratch
        COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
        COPY --from=build /out/app /app
        CMD ["/app", "--upstream", "db.example.com:443"]
      `,
    },
    {
      name: 'plain alpine builder without ca-certificates: no fix',
      code: dockerfile`
        FROM alpine:3.20 AS build
        RUN apk add --no-cache go && CGO_ENABLED=0 go build -o /app .
        FROM scratch
        COPY --from=build /app /app
      `,
      errors: [{ line: 4, column: 19, endColumn: 23 }],
      output: null,
    },
    {
      name: 'alpine builder that installs ca-certificates; unnamed stage; lower case; CRLF',
      code: 'from alpine:3.20\r\nrun apk add --no-cache ca-certificates go && CGO_ENABLED=0 go build -o /app .\r\nfrom scratch\r\ncopy --from=0 /app /app\r\n',
      errors: [{ line: 4, column: 15, endColumn: 19 }],
      output: 'from alpine:3.20\r\nrun apk add --no-cache ca-certificates go && CGO_ENABLED=0 go build -o /app .\r\nfrom scratch\r\ncopy --from=0 /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/\r\ncopy --from=0 /app /app\r\n',
    },
    {
      name: 'Rust program through a scratch alias stage; only the first program is reported',
      code: dockerfile`
        FROM rust:1.80 AS build
        WORKDIR /src
        RUN cargo build --release --target x86_64-unknown-linux-musl
        FROM scratch AS runtime
        COPY --from=build /src/target/x86_64-unknown-linux-musl/release/api /api
        FROM runtime
        COPY --from=build /src/target/x86_64-unknown-linux-musl/release/worker /worker
      `,
      errors: [{ line: 5, column: 19, endColumn: 68, message: 'a Rust program from stage "build"' }],
      output: dockerfile`
        FROM rust:1.80 AS build
        WORKDIR /src
        RUN cargo build --release --target x86_64-unknown-linux-musl
        FROM scratch AS runtime
        COPY --from=build /src/target/x86_64-unknown-linux-musl/release/api /api
        FROM runtime
        COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
        COPY --from=build /src/target/x86_64-unknown-linux-musl/release/worker /worker
      `,
    },
    {
      name: 'curl from an image: no fix',
      code: 'FROM scratch\nCOPY --from=curlimages/curl:8.10.1 /usr/bin/curl /curl',
      errors: [{ line: 2, column: 36, endColumn: 49, severity: 'warning', message: '"/usr/bin/curl" cannot verify TLS servers: scratch has no CA certificates. It is curl from "curlimages/curl:8.10.1". Copy /etc/ssl/certs/ca-certificates.crt into the image.' }],
      output: null,
    },
    {
      name: 'binary from a golang stage whose build the rule cannot read; final FROM is the last line, no newline',
      code: 'FROM golang:1.25 AS build\nRUN make\nFROM scratch AS rt\nCOPY --from=build /go/bin/app /app\nFROM rt',
      errors: [{ line: 4, message: 'a Go program' }],
      output: 'FROM golang:1.25 AS build\nRUN make\nFROM scratch AS rt\nCOPY --from=build /go/bin/app /app\nFROM rt\nCOPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/',
    },
  ],
});
