import rule from '../../server/src/engine/rules/go-binary-unstripped.js';
import { dockerfile, testRule } from '../support/ruleTester.js';

testRule(rule, {
  valid: [
    {
      name: 'stripped with -ldflags "-s -w"',
      code: dockerfile`
        FROM golang:1.22 AS build
        WORKDIR /src
        COPY . .
        RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=1.0" -o /out/app .
        FROM scratch
        COPY --from=build /out/app /app
        ENTRYPOINT ["/app"]
      `,
    },
    {
      name: '-ldflags=-s and GOFLAGS from ENV',
      code: dockerfile`
        FROM golang:1.22 AS build
        ENV GOFLAGS="-trimpath -ldflags=-w"
        RUN go build -o /app ./cmd/app && go build -ldflags=-s -o /tool ./cmd/tool
        FROM gcr.io/distroless/static-debian12
        COPY --from=build /app /tool /
      `,
    },
    {
      name: 'GOFLAGS exported earlier in the same RUN (export, declare -x), or an ENV variable set again with readonly',
      code: dockerfile`
        FROM golang:1.22 AS build
        ENV GOFLAGS=-trimpath
        RUN export GOFLAGS="-trimpath -ldflags=-s" && go build -o /a ./cmd/a
        RUN declare -x GOFLAGS=-ldflags=-w; go build -o /b ./cmd/b
        RUN readonly GOFLAGS=-ldflags=-w; go build -o /c ./cmd/c
        FROM scratch
        COPY --from=build /a /b /c /
      `,
    },
    {
      name: 'Go flags also take two dashes: --ldflags=--s (a false positive found on a real file)',
      code: dockerfile`
        FROM golang:1.22-alpine AS build
        RUN go build -o /usr/bin/auth_server --ldflags=--s
        FROM alpine:3.20
        COPY --from=build /usr/bin/auth_server /usr/bin/auth_server
      `,
    },
    {
      name: 'the build is not copied into the final stage (a test runner)',
      code: dockerfile`
        FROM golang:1.22 AS build
        RUN go build -o /out/app . && go build -o /out/gen ./tools/gen
        FROM scratch
        COPY --from=build /out/gen-output.json /data.json
      `,
    },
    {
      name: 'stripped afterwards with strip or upx; debug build for delve; link flags from a variable',
      code: dockerfile`
        FROM golang:1.22 AS a
        RUN go build -o /app . && upx --best /app
        FROM golang:1.22 AS b
        RUN go build -gcflags "all=-N -l" -o /dbg .
        FROM golang:1.22 AS c
        ARG LDFLAGS
        RUN go build -ldflags "$LDFLAGS" -o /c .
        FROM scratch
        COPY --from=a /app /app
        COPY --from=b /dbg /dbg
        COPY --from=c /c /c
      `,
    },
    {
      name: 'a command substitution in the link flags: they may hold anything',
      code: dockerfile`
        FROM golang:1.22 AS build
        RUN go build -ldflags "-X main.date=$(date -u +%Y%m%d)" -o /app .
        FROM scratch
        COPY --from=build /app /app
      `,
    },
  ],
  invalid: [
    {
      name: 'builder stage copied into scratch: safe fix adds -ldflags',
      code: dockerfile`
        FROM golang:1.22 AS build
        WORKDIR /src
        COPY . .
        RUN CGO_ENABLED=0 go build -o /out/app ./cmd/app
        FROM scratch
        COPY --from=build /out/app /app
        ENTRYPOINT ["/app"]
      `,
      errors: [{ line: 4, column: 19, endColumn: 27, message: '`go build` keeps the symbol table and DWARF data in the shipped program (about a third of its size): link with -ldflags "-s -w".' }],
      output: dockerfile`
        FROM golang:1.22 AS build
        WORKDIR /src
        COPY . .
        RUN CGO_ENABLED=0 go build -ldflags="-s -w" -o /out/app ./cmd/app
        FROM scratch
        COPY --from=build /out/app /app
        ENTRYPOINT ["/app"]
      `,
      fixSafety: 'safe',
    },
    {
      name: 'GOFLAGS set but not exported (readonly of a new variable), exported in a subshell that ended, or after the build: reported three times',
      code: dockerfile`
        FROM golang:1.22 AS build
        RUN readonly GOFLAGS=-ldflags=-w; go build -o /a ./cmd/a
        RUN (export GOFLAGS=-ldflags=-w) && go build -o /b ./cmd/b
        RUN go build -o /c ./cmd/c && export GOFLAGS=-ldflags=-w
        FROM scratch
        COPY --from=build /a /b /c /
      `,
      errors: [{ line: 2, column: 35, endColumn: 43 }, { line: 3, column: 37, endColumn: 45 }, { line: 4, column: 5, endColumn: 13 }],
      output: dockerfile`
        FROM golang:1.22 AS build
        RUN readonly GOFLAGS=-ldflags=-w; go build -ldflags="-s -w" -o /a ./cmd/a
        RUN (export GOFLAGS=-ldflags=-w) && go build -ldflags="-s -w" -o /b ./cmd/b
        RUN go build -ldflags="-s -w" -o /c ./cmd/c && export GOFLAGS=-ldflags=-w
        FROM scratch
        COPY --from=build /a /b /c /
      `,
    },
    {
      name: 'a variable only in an -X value: the flags are read, -s -w go inside the quotes',
      code: dockerfile`
        FROM golang:1.22 AS build
        ARG VERSION
        RUN go build -ldflags "-X main.version=${'${VERSION}'} -X=main.commit=$COMMIT" -o /app .
        FROM scratch
        COPY --from=build /app /app
      `,
      errors: [{ line: 3, column: 5, endColumn: 13 }],
      output: dockerfile`
        FROM golang:1.22 AS build
        ARG VERSION
        RUN go build -ldflags "-s -w -X main.version=${'${VERSION}'} -X=main.commit=$COMMIT" -o /app .
        FROM scratch
        COPY --from=build /app /app
      `,
    },
    {
      name: 'link flags in GOFLAGS without -s or -w: reported, no fix (a command-line -ldflags would replace the version stamp)',
      code: dockerfile`
        FROM golang:1.22 AS build
        ENV GOFLAGS=-ldflags=-X=main.version=1.0
        RUN go build -o /app .
        FROM scratch
        COPY --from=build /app /app
      `,
      errors: [{ line: 3, column: 5, endColumn: 13, message: '`go build` keeps the symbol table and DWARF data in the shipped program (about a third of its size): link with -ldflags "-s -w".' }],
      output: null,
    },
    {
      name: 'existing -ldflags: -s -w go inside the quotes; go install in the final stage; exec form (reports four times)',
      code: dockerfile`
        FROM golang:1.22 AS build
        WORKDIR /src
        RUN go build -ldflags '-X main.version=1.2' -o app . && go build -ldflags="-extldflags=-static" -o helper ./helper
        FROM golang:1.22-alpine
        RUN go install example.com/tool@v1.0.0
        RUN ["go", "build", "-o", "/usr/local/bin/srv", "./srv"]
        COPY --from=build /src/app /src/helper /usr/local/bin/
      `,
      errors: [
        { line: 3, column: 5, endColumn: 13 },
        { line: 3, column: 57, endColumn: 65 },
        { line: 5, column: 5, endColumn: 15, message: '`go install` keeps the symbol table' },
        { line: 6, column: 6, endColumn: 19 },
      ],
      output: dockerfile`
        FROM golang:1.22 AS build
        WORKDIR /src
        RUN go build -ldflags '-s -w -X main.version=1.2' -o app . && go build -ldflags="-s -w -extldflags=-static" -o helper ./helper
        FROM golang:1.22-alpine
        RUN go install -ldflags="-s -w" example.com/tool@v1.0.0
        RUN ["go", "build", "-ldflags=-s -w", "-o", "/usr/local/bin/srv", "./srv"]
        COPY --from=build /src/app /src/helper /usr/local/bin/
      `,
    },
  ],
});
