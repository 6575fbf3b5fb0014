import rule from '../../server/src/engine/rules/copy-from-relative-path.js';
import { dockerfile, testRule } from '../support/ruleTester.js';

testRule(rule, {
  valid: [
    {
      name: 'shell syntax written into a COPY is not a relative path',
      code: dockerfile`
        FROM node:22 AS build
        WORKDIR /app
        FROM nginx:1.27-alpine
        COPY --from=build /app/dist /usr/share/nginx/html 2>/dev/null || true
      `,
    },
    {
      name: 'absolute source',
      code: dockerfile`
        FROM golang:1.25 AS build
        WORKDIR /src
        RUN go build -o app .
        FROM scratch
        COPY --from=build /src/app /app
      `,
    },
    {
      name: 'stage starts in / (debian sets no WORKDIR)',
      code: dockerfile`
        FROM debian:bookworm AS build
        RUN echo hi > hello.txt
        FROM debian:bookworm-slim
        COPY --from=build hello.txt /tmp/
      `,
    },
    {
      name: 'WORKDIR / set explicitly',
      code: 'FROM example.com/builder:1 AS b\nWORKDIR /\nFROM alpine:3.20\nCOPY --from=b out/app /app\n',
    },
    {
      name: 'external image in --from, build context COPY, variables',
      code: dockerfile`
        FROM golang:1.25 AS build
        WORKDIR /src
        ARG OUT=app
        FROM alpine:3.20
        COPY --from=busybox:1.36 bin/busybox /bin/
        COPY app.conf /etc/
        COPY --from=build $OUT /app
      `,
    },
    {
      name: 'ONBUILD trigger is resolved downstream',
      code: 'FROM golang:1.25 AS build\nWORKDIR /src\nFROM alpine:3.20\nONBUILD COPY --from=build app /app\n',
    },
    {
      name: 'the source stage wrote the root-relative path: dotnet publish -o /publish, then COPY --from=build ./publish',
      code: dockerfile`
        FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build
        WORKDIR /src
        COPY . .
        RUN dotnet publish -c Release -o /publish
        FROM mcr.microsoft.com/dotnet/aspnet:8.0
        COPY --from=build ./publish /app
      `,
    },
    {
      name: 'the path written through --output=/out in a stage the source builds FROM',
      code: dockerfile`
        FROM golang:1.23 AS base
        WORKDIR /src
        RUN go build --output=/out/server ./cmd/server
        FROM base AS build
        FROM gcr.io/distroless/static-debian12
        COPY --from=build out/server /server
      `,
    },
    {
      name: 'the source stage copied into the root-relative path',
      code: dockerfile`
        FROM node:22 AS build
        WORKDIR /app
        COPY dist /static
        FROM nginx:1.27-alpine
        COPY --from=build static /usr/share/nginx/html
      `,
    },
  ],
  invalid: [
    {
      name: 'the source stage wrote another path than the root-relative one',
      code: dockerfile`
        FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build
        WORKDIR /src
        RUN dotnet publish -c Release -o /out
        FROM mcr.microsoft.com/dotnet/aspnet:8.0
        COPY --from=build ./publish /app
      `,
      errors: [{ line: 5, column: 19, endColumn: 28, message: '"./publish" is read as "/publish" from the root of stage "build". It is not read from its WORKDIR "/src".' }],
      output: dockerfile`
        FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build
        WORKDIR /src
        RUN dotnet publish -c Release -o /out
        FROM mcr.microsoft.com/dotnet/aspnet:8.0
        COPY --from=build /src/publish /app
      `,
    },
    {
      name: 'a WORKDIR with a blank is one directory: reported, but no unquoted path is written into the COPY (found by fuzzing)',
      code: dockerfile`
        FROM node:22 AS builder
        WORKDIR my app
        FROM debian:bookworm-slim
        COPY --from=builder r r
      `,
      errors: [{ line: 4, column: 21, endColumn: 22, severity: 'warning', message: '"r" is read as "/r" from the root of stage "builder". It is not read from its WORKDIR "/my app".' }],
      output: null,
    },
    {
      name: 'a WORKDIR with a blank, exec-form COPY: the JSON string holds it',
      code: dockerfile`
        FROM node:22 AS builder
        WORKDIR my app
        FROM debian:bookworm-slim
        COPY --from=builder ["r", "r"]
      `,
      errors: [{ line: 4, column: 22, endColumn: 25, severity: 'warning', message: '"r" is read as "/r" from the root of stage "builder". It is not read from its WORKDIR "/my app".' }],
      output: dockerfile`
        FROM node:22 AS builder
        WORKDIR my app
        FROM debian:bookworm-slim
        COPY --from=builder ["/my app/r", "r"]
      `,
      fixSafety: 'unsafe',
      safeOutput: null,
    },
    {
      name: 'seed: golang image WORKDIR is /go, the copy reads /hello',
      code: dockerfile`
        FROM golang
        COPY hello.go .
        RUN go build hello.go
        FROM ubuntu:24.04
        COPY --from=0 hello .
        CMD ["./hello"]
      `,
      errors: [{ line: 5, column: 15, endColumn: 20, severity: 'warning', message: '"hello" is read as "/hello" from the root of stage "0". It is not read from the image\'s WORKDIR "/go".' }],
      output: dockerfile`
        FROM golang
        COPY hello.go .
        RUN go build hello.go
        FROM ubuntu:24.04
        COPY --from=0 /go/hello .
        CMD ["./hello"]
      `,
      fixSafety: 'unsafe',
      safeOutput: null,
    },
    {
      name: 'WORKDIR chain through a stage alias, relative WORKDIR, two sources, ./ and dir/',
      code: dockerfile`
        FROM node:22 AS deps
        WORKDIR /app
        FROM deps AS build
        WORKDIR web
        RUN npm ci && npm run build
        FROM nginx:1.27-alpine
        COPY --from=build ./dist/ package.json /usr/share/nginx/html/
      `,
      errors: [
        { line: 7, column: 19, endColumn: 26, message: '"./dist/" is read as "/dist" from the root of stage "build". It is not read from its WORKDIR "/app/web".' },
        { line: 7, column: 27, endColumn: 39 },
      ],
      output: dockerfile`
        FROM node:22 AS deps
        WORKDIR /app
        FROM deps AS build
        WORKDIR web
        RUN npm ci && npm run build
        FROM nginx:1.27-alpine
        COPY --from=build /app/web/dist/ /app/web/package.json /usr/share/nginx/html/
      `,
    },
    {
      name: 'exec form, lower case, CRLF',
      code: 'from python:3.12 as build\r\nworkdir /src\r\nfrom python:3.12-slim\r\ncopy --from=build ["wheels", "/wheels"]\r\n',
      errors: [{ line: 4, column: 20, endColumn: 28 }],
      output: 'from python:3.12 as build\r\nworkdir /src\r\nfrom python:3.12-slim\r\ncopy --from=build ["/src/wheels", "/wheels"]\r\n',
    },
    {
      name: 'whole stage root with `.`',
      code: 'FROM rust:1.80 AS build\nWORKDIR /usr/src/app\nFROM debian:bookworm-slim\nCOPY --from=build . /app/\n',
      errors: [{ line: 4, column: 19, endColumn: 20, message: '"." is read as "/"' }],
      output: 'FROM rust:1.80 AS build\nWORKDIR /usr/src/app\nFROM debian:bookworm-slim\nCOPY --from=build /usr/src/app/ /app/\n',
    },
    {
      name: 'unknown WORKDIR: no fix, escape directive and continuation',
      code: '# escape=`\nFROM example.com/builder:1 AS b\nFROM alpine:3.20\nCOPY --from=b `\n    out/app /app\n',
      errors: [{ line: 5, column: 5, endColumn: 12, message: '"out/app" is read as "/out/app" from the root of stage "b". It is not read from the stage\'s WORKDIR (unknown here): write the absolute path.' }],
      output: null,
    },
    {
      name: 'WORKDIR from a variable that ENV sets',
      code: 'FROM maven:3.9-eclipse-temurin-21 AS build\nENV HOME=/usr/src\nWORKDIR $HOME/app\nRUN mvn package\nFROM eclipse-temurin:21-jre\nCOPY --from=build target/app.jar /app.jar\n',
      errors: [{ line: 6, column: 19, endColumn: 33 }],
      output: 'FROM maven:3.9-eclipse-temurin-21 AS build\nENV HOME=/usr/src\nWORKDIR $HOME/app\nRUN mvn package\nFROM eclipse-temurin:21-jre\nCOPY --from=build /usr/src/app/target/app.jar /app.jar\n',
    },
  ],
});
