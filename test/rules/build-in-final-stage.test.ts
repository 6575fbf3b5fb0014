import rule from '../../server/src/engine/rules/build-in-final-stage.js';
import { dockerfile, testRule } from '../support/ruleTester.js';

testRule(rule, {
  valid: [
    {
      name: 'multi-stage: the build stage does not ship',
      code: dockerfile`
        FROM golang:1.25 AS build
        RUN CGO_ENABLED=0 go build -o /app .
        FROM gcr.io/distroless/static-debian12
        COPY --from=build /app /app
        ENTRYPOINT ["/app"]
      `,
    },
    {
      name: 'install, compile and purge in one RUN (apt-mark auto + purge --auto-remove)',
      code: dockerfile`
        FROM debian:bookworm-slim
        RUN set -eux; \
            savedAptMark="$(apt-mark showmanual)"; \
            apt-get update; \
            apt-get install -y --no-install-recommends gcc libc6-dev make; \
            make -C /usr/src/app; \
            apt-mark auto '.*' > /dev/null; \
            apt-mark manual $savedAptMark; \
            apt-get purge -y --auto-remove; \
            rm -rf /var/lib/apt/lists/*
        CMD ["/usr/local/bin/app"]
      `,
    },
    {
      name: 'apk virtual package deleted in the same RUN',
      code: dockerfile`
        FROM alpine:3.20
        RUN apk add --no-cache --virtual .build-deps gcc musl-dev make \
         && make && make install \
         && apk del --no-network .build-deps
        CMD ["app"]
      `,
    },
    {
      name: 'npm run build on a slim image without a toolchain',
      code: 'FROM node:22-slim\nRUN npm ci && npm run build\nCMD ["node", "dist/server.js"]\n',
    },
    {
      name: 'a base image for others (interpreter CMD), like the official python image',
      code: dockerfile`
        FROM buildpack-deps:bookworm
        RUN ./configure && make -j "$(nproc)" && make install
        CMD ["python3"]
      `,
    },
    {
      name: 'not compiling: gcc --version, make --version, go test',
      code: 'FROM golang:1.25\nRUN gcc --version && make --version && go test ./...\nCMD ["/app"]\n',
    },
  ],
  invalid: [
    {
      name: 'go build on golang in the final stage, with the catalog size',
      code: dockerfile`
        FROM golang:1.25
        WORKDIR /src
        COPY . .
        RUN go build -o /app .
        CMD ["/app"]
      `,
      errors: [
        {
          line: 4,
          column: 5,
          endColumn: 13,
          severity: 'warning',
          message: '`go build` runs in the final stage, which ships the Go toolchain of `golang:1.25` (about 305.3 MB compressed, 2026-07-14) along with the result: build in a separate stage and `COPY --from` only what runs.',
        },
      ],
      output: null,
    },
    {
      name: 'only the shipped chain counts: pip wheel on python:3.12 (the other stages do not ship)',
      code: dockerfile`
        FROM gcc:14 AS c
        RUN gcc -o hello hello.c && gcc -o other other.c
        FROM maven:3.9-eclipse-temurin-21 AS m
        RUN mvn -B clean package -DskipTests
        FROM gradle:8-jdk21 AS g
        RUN ./gradlew --no-daemon :app:bootJar
        FROM mcr.microsoft.com/dotnet/sdk:8.0 AS d
        RUN dotnet publish -c Release -o /out
        FROM node:22 AS n
        RUN npm run build:prod
        RUN yarn build
        FROM python:3.12 AS p
        RUN python -m pip wheel -w /wheels .
        FROM p
        CMD ["python", "-m", "app"]
      `,
      errors: [{ line: 13, column: 5, endColumn: 24, message: '`python -m pip wheel`' }],
      output: null,
    },
    {
      name: 'every build command, on a toolchain image (node:22); one finding per RUN',
      code: dockerfile`
        FROM node:22
        RUN cc -O2 -o /usr/local/bin/x x.c && g++ -o y y.cpp
        RUN mvn -B package
        RUN ./gradlew --no-daemon build
        RUN dotnet publish -c Release
        RUN yarn run build
        RUN pnpm build
        RUN cargo build --release
        RUN make -j4
        RUN pip3 wheel .
        CMD ["node", "server.js"]
      `,
      errors: [
        { line: 2, column: 5, endColumn: 7, message: '`cc` runs in the final stage, which ships the C compiler of `node:22` (about 408.5 MB compressed, 2026-09-19)' },
        { line: 3, column: 5, endColumn: 19, message: '`mvn package`' },
        { line: 4, column: 5, endColumn: 32, message: '`gradlew build`' },
        { line: 5, column: 5, endColumn: 19, message: '`dotnet publish`' },
        { line: 6, column: 5, endColumn: 19, message: '`yarn run build`' },
        { line: 7, column: 5, endColumn: 15, message: '`pnpm build`' },
        { line: 8, column: 5, endColumn: 16, message: '`cargo build`' },
        { line: 9, column: 5, endColumn: 9, message: '`make`' },
        { line: 10, column: 5, endColumn: 15, message: '`pip3 wheel`' },
      ],
      output: null,
    },
    {
      name: 'toolchain installed in an earlier RUN, removed too late; estimate for build-essential',
      code: dockerfile`
        FROM debian:bookworm-slim
        RUN apt-get update && apt-get install -y --no-install-recommends build-essential
        RUN make && make install && apt-get purge -y build-essential
        CMD ["app"]
      `,
      errors: [{ line: 3, column: 5, endColumn: 9, message: 'the installed `build-essential`', estimate: 300_840_000 }],
      output: null,
    },
    {
      name: 'inherited stage; ONBUILD trigger; lower case; two findings',
      code: dockerfile`
        from rust:1.80 as base
        onbuild run cargo build --release
        from base
        run cargo build --release --locked
        cmd ["/app"]
      `,
      errors: [
        { line: 2, column: 13, endColumn: 24, message: 'the Rust toolchain of `rust:1.80`' },
        { line: 4, column: 5, endColumn: 16 },
      ],
      output: null,
    },
    {
      name: 'heredoc, exec form and continuation lines; CRLF',
      code: dockerfile`
        FROM mcr.microsoft.com/dotnet/sdk:8.0
        RUN <<EOF
        dotnet restore
        dotnet build -c Release
        EOF
        RUN ["dotnet", "publish", "-o", "/out"]
        RUN npm ci \
         && npm run \
            build
        ENTRYPOINT ["dotnet", "/out/app.dll"]
      `.replace(/\n/g, '\r\n'),
      errors: [
        { line: 4, column: 1, endColumn: 13, message: '`dotnet build`' },
        { line: 6, column: 6, endColumn: 25 },
        { line: 8, column: 5, endLine: 9, endColumn: 10, message: '`npm run build`' },
      ],
      output: null,
    },
  ],
});
