import rule from '../../server/src/engine/rules/build-in-final-stage.js';
import { dockerfile, testRule } from '../support/ruleTester.js';

testRule(rule, {
  valid: [
    {
      name: 'go install of a tool at a version is installing a program, not building the project',
      code: dockerfile`
        FROM golang:1.22
        RUN go install github.com/acme/tool@latest
        CMD ["tool"]
      `,
    },
    {
      name: 'cargo install of a crate from crates.io is installing a tool, not building the project',
      code: dockerfile`
        FROM rust:1.80
        RUN cargo install ripgrep
        CMD ["rg", "--version"]
      `,
    },
    {
      name: 'tsc --version compiles nothing',
      code: dockerfile`
        FROM node:20-slim
        RUN npx tsc --version
        CMD ["node", "index.js"]
      `,
    },
    {
      name: 'a compiler installed, used and purged in one RUN on a full image: nothing of it reaches a layer, whatever the base',
      code: dockerfile`
        FROM python:3.12
        RUN apt-get update && apt-get install -y --no-install-recommends gcc libpq-dev \
         && pip install --no-cache-dir psycopg2 \
         && apt-get purge -y --auto-remove gcc libpq-dev && rm -rf /var/lib/apt/lists/*
        CMD ["python", "app.py"]
      `,
    },
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
    {
      name: 'the output of the split: the build stage does not ship, the runtime stage builds nothing',
      code: dockerfile`
        FROM golang:1.19 AS build
        WORKDIR /app
        COPY . .
        RUN CGO_ENABLED=0 go build -ldflags="-s -w" -o server .

        FROM scratch
        COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
        WORKDIR /app
        COPY --from=build /app /app
        CMD ["./server"]
      `,
    },
    {
      name: 'pip install on the full python image without an installed compiler (the image is large-base-image\'s finding)',
      code: 'FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN pip install --no-cache-dir -r requirements.txt\nCMD ["python", "app.py"]\n',
    },
    {
      name: 'a compiler is installed, but pip installs only wheel files, only binaries or only its own tools',
      code: dockerfile`
        FROM python:3.12-slim
        RUN apt-get update && apt-get install -y --no-install-recommends gcc && rm -rf /var/lib/apt/lists/*
        RUN pip install --upgrade pip setuptools==69.0.0 wheel \
         && pip install --no-deps vendor/textbox-1.0.0-py3-none-any.whl \
         && pip install --only-binary=:all: numpy \
         && python -m pip install --only-binary :all: -r requirements.txt
        CMD ["python", "app.py"]
      `,
    },
    {
      name: 'gcc installed, used by pip install and purged in the same RUN',
      code: dockerfile`
        FROM python:3.12-slim
        RUN apt-get update && apt-get install -y --no-install-recommends gcc libc6-dev \
         && pip install --no-cache-dir -r requirements.txt \
         && apt-get purge -y --auto-remove gcc libc6-dev && rm -rf /var/lib/apt/lists/*
        CMD ["python", "app.py"]
      `,
    },
    {
      name: 'pip install before the compiler is installed',
      code: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir -r requirements.txt\nRUN apt-get update && apt-get install -y --no-install-recommends gcc\nCMD ["python", "app.py"]\n',
    },
  ],
  invalid: [
    {
      name: 'go install of the project in GOPATH mode (issue #13 coverage): a compile step; the program is $GOPATH/bin/<directory>',
      code: dockerfile`
        FROM golang:1.8
        WORKDIR /go/src/app
        COPY ./app.go .
        RUN go install -v ./...
        CMD ["app"]
      `,
      errors: [{ line: 4, column: 5, endColumn: 15, message: '"go install" builds in the final stage. The image ships the Go toolchain of "golang:1.8"' }],
      output: dockerfile`
        FROM golang:1.8 AS build
        WORKDIR /go/src/app
        COPY ./app.go .
        RUN CGO_ENABLED=0 go install -v ./...

        FROM scratch
        COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
        WORKDIR /go/src/app
        COPY --from=build /go/bin/app /usr/local/bin/app
        CMD ["app"]
      `,
      stagesAdded: 1,
    },
    {
      name: 'cargo install --path . (issue #13 coverage): a compile step of the project',
      code: dockerfile`
        FROM rust:1.90.0
        WORKDIR /usr/src/app
        COPY . .
        RUN cargo install --path .
        CMD ["hello"]
      `,
      errors: [{ line: 4, column: 5, endColumn: 18, message: '"cargo install" builds in the final stage. The image ships the Rust toolchain of "rust:1.90.0"' }],
      output: dockerfile`
        FROM rust:1.90.0 AS build
        WORKDIR /usr/src/app
        COPY . .
        RUN cargo install --path .

        FROM debian:trixie-slim
        COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
        WORKDIR /usr/src/app
        COPY . .
        COPY --from=build /usr/local/cargo/bin/hello /usr/local/bin/hello
        CMD ["hello"]
      `,
      stagesAdded: 1,
    },
    {
      name: 'javac (issue #13 coverage): a compile step; the JDK ships',
      code: dockerfile`
        FROM openjdk:17
        WORKDIR /app
        COPY . .
        RUN javac Main.java
        CMD ["java", "Main"]
      `,
      errors: [{ line: 4, column: 5, endColumn: 10, message: '"javac" builds in the final stage. The image ships the JDK of "openjdk:17"' }],
      output: dockerfile`
        FROM openjdk:17 AS build
        WORKDIR /app
        COPY . .
        RUN javac Main.java

        FROM eclipse-temurin:17-jre
        WORKDIR /app
        COPY --from=build /app /app
        CMD ["java", "Main"]
      `,
      stagesAdded: 1,
    },
    {
      name: 'npx tsc on the full node image (issue #13 coverage): a compile step',
      code: dockerfile`
        FROM node:20
        WORKDIR /app
        COPY . .
        RUN npm ci && npx tsc
        CMD ["node", "dist/main.js"]
      `,
      errors: [{ line: 4, column: 15, endColumn: 22, message: '"npx tsc" builds in the final stage. The image ships the build tools of "node:20"' }],
      output: dockerfile`
        FROM node:20 AS build
        WORKDIR /app
        COPY . .
        RUN npm ci && npx tsc
        RUN npm prune --omit=dev

        FROM node:20-slim
        WORKDIR /app
        COPY --from=build /app /app
        CMD ["node", "dist/main.js"]
      `,
      stagesAdded: 1,
    },
    {
      name: 'a release at its end of life in the tag (stretch-slim, 9-slim): known, and said so; no split onto it',
      code: dockerfile`
        FROM debian:9-slim
        RUN apt-get update && apt-get install -y --no-install-recommends build-essential && rm -rf /var/lib/apt/lists/*
        COPY . /src
        RUN make -C /src
        CMD ["/src/app"]
      `,
      errors: [
        {
          line: 4,
          column: 5,
          endColumn: 9,
          message:
            'No automatic split: the program is linked against the C library of "debian:9-slim", which is Debian stretch (9), at its end of life since 2022-06-30: no runtime image on it is proposed (move the build to a supported release such as bookworm first).',
        },
      ],
      output: null,
    },
    {
      name: 'a Go build on the golang image with a C compiler installed and purged in the same RUN: the Go toolchain of the image still ships; the compiler was there for cgo, so the program keeps cgo and runs on Debian slim (issue #13, class 3)',
      code: dockerfile`
        FROM golang:1.23
        WORKDIR /src
        COPY . .
        RUN apt-get update && apt-get install -y --no-install-recommends gcc && go build -o /app . && apt-get purge -y --auto-remove gcc
        CMD ["/app"]
      `,
      errors: [{ line: 4, message: '"go build" builds in the final stage. The image ships the Go toolchain of "golang:1.23": build in a separate stage and COPY --from only what runs. "golang:1.23" is about 305.3 MB compressed (2026-07-14).' }],
      output: dockerfile`
        FROM golang:1.23 AS build
        WORKDIR /src
        COPY . .
        RUN apt-get update && apt-get install -y --no-install-recommends gcc && go build -ldflags="-s -w" -o /app . && apt-get purge -y --auto-remove gcc

        FROM debian:bookworm-slim
        COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
        WORKDIR /src
        COPY --from=build /src /src
        COPY --from=build /app /app
        CMD ["/app"]
      `,
      stagesAdded: 1,
    },
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
          message: '"go build" builds in the final stage. The image ships the Go toolchain of "golang:1.25": build in a separate stage and COPY --from only what runs. "golang:1.25" is about 305.3 MB compressed (2026-07-14).',
        },
      ],
      output: dockerfile`
        FROM golang:1.25 AS build
        WORKDIR /src
        COPY . .
        RUN CGO_ENABLED=0 go build -ldflags="-s -w" -o /app .

        FROM scratch
        COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
        WORKDIR /src
        COPY --from=build /src /src
        COPY --from=build /app /app
        CMD ["/app"]
      `,
      fixSafety: 'unsafe',
      stagesAdded: 1,
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
      errors: [
        {
          line: 13,
          column: 5,
          endColumn: 24,
          message: '"python -m pip wheel" builds in the final stage. The image ships the compilers of "python:3.12": build in a separate stage and COPY --from only what runs. "python:3.12" is about 410.9 MB compressed (2026-08-13). No automatic split: the final stage builds on stage "p", whose instructions would have to be split too.',
        },
      ],
      output: null,
    },
    {
      name: 'every build command, on a toolchain image (node:22); one finding for the stage, the other RUNs related',
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
        {
          line: 2,
          column: 5,
          endColumn: 7,
          message: /^"cc" and 8 more build steps run in the final stage\. The image ships the C compiler of "node:22": .* "node:22" is about 408\.5 MB compressed \(2026-09-19\)\. No automatic split: it builds with Maven\/Gradle, \.NET, Node\.js, Rust and pip, which need different runtimes\.$/,
          related: [
            '3:5-19 "mvn package" also builds in the final stage',
            '4:5-32 "gradlew build" also builds in the final stage',
            '5:5-19 "dotnet publish" also builds in the final stage',
            '6:5-19 "yarn run build" also builds in the final stage',
            '7:5-15 "pnpm build" also builds in the final stage',
            '8:5-16 "cargo build" also builds in the final stage',
            '9:5-9 "make" also builds in the final stage',
            '10:5-15 "pip3 wheel" also builds in the final stage',
          ],
        },
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
      // `make install` puts the program (and whatever else) outside any directory the runtime stage would get.
      errors: [
        {
          line: 3,
          column: 5,
          endColumn: 9,
          message: '"make" builds in the final stage. The image ships the installed build-essential: build in a separate stage and COPY --from only what runs. No automatic split: "make install" installs files outside the application directory, which the runtime stage would not have. (≈ 301 MB)',
          estimate: 300_840_000,
        },
      ],
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
        { line: 2, column: 13, endColumn: 24, message: 'the Rust toolchain of "rust:1.80"' },
        { line: 4, column: 5, endColumn: 16, message: 'No automatic split: the final stage builds on stage "base", whose instructions would have to be split too.' },
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
        {
          line: 4,
          column: 1,
          endColumn: 13,
          message: /^"dotnet build" and 2 more build steps run .* No automatic split: it builds with both \.NET and Node\.js, which need different runtimes\.$/,
          related: ['6:6-25 "dotnet publish" also builds in the final stage', '8:5-10 "npm run build" also builds in the final stage'],
        },
      ],
      output: null,
    },
    // The benchmark fixtures (bench/image-size/fixtures/*/Dockerfile), as written there.
    {
      name: 'fixture go: CGO_ENABLED=0, -ldflags="-s -w", scratch with the CA bundle, exec-form CMD',
      code: dockerfile`
        FROM golang:1.19

        RUN apt-get update && apt-get install -y curl git

        WORKDIR /app
        COPY . .
        RUN go mod download
        RUN go build -o server .

        EXPOSE 8080
        CMD ./server
      `,
      errors: [{ line: 8, column: 5, endColumn: 13, message: '"go build" builds in the final stage. The image ships the Go toolchain of "golang:1.19": build in a separate stage and COPY --from only what runs. "golang:1.19" is about 305.3 MB compressed (2026-07-14).' }],
      output: dockerfile`
        FROM golang:1.19 AS build

        RUN apt-get update && apt-get install -y curl git

        WORKDIR /app
        COPY . .
        RUN go mod download
        RUN CGO_ENABLED=0 go build -ldflags="-s -w" -o server .

        FROM scratch
        COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
        WORKDIR /app
        COPY --from=build /app /app

        EXPOSE 8080
        CMD ["./server"]
      `,
      stagesAdded: 1,
    },
    {
      name: 'fixture c: make on gcc:12, dynamic, debian:bookworm-slim with the runtime packages (make dropped)',
      code: dockerfile`
        FROM gcc:12

        RUN apt-get update
        RUN apt-get install -y make vim curl

        WORKDIR /usr/src/app
        COPY . .
        RUN make

        CMD ./hello
      `,
      errors: [{ line: 8, column: 5, endColumn: 9, message: '"make" builds in the final stage. The image ships the compilers of "gcc:12": build in a separate stage and COPY --from only what runs.' }],
      output: dockerfile`
        FROM gcc:12 AS build

        RUN apt-get update
        RUN apt-get install -y make vim curl

        WORKDIR /usr/src/app
        COPY . .
        RUN make

        FROM debian:bookworm-slim
        RUN apt-get update && apt-get install -y vim curl && rm -rf /var/lib/apt/lists/*
        WORKDIR /usr/src/app
        COPY --from=build /usr/src/app /usr/src/app

        CMD ./hello
      `,
      stagesAdded: 1,
    },
    {
      name: 'fixture rust: no musl target installed, the glibc binary on debian:bookworm-slim',
      code: dockerfile`
        FROM rust:1.63

        RUN apt-get update && apt-get install -y curl

        WORKDIR /usr/src/hello
        COPY . .
        RUN cargo build --release

        CMD ./target/release/hello
      `,
      errors: [{ line: 7, column: 5, endColumn: 16 }],
      output: dockerfile`
        FROM rust:1.63 AS build

        RUN apt-get update && apt-get install -y curl

        WORKDIR /usr/src/hello
        COPY . .
        RUN cargo build --release

        FROM debian:bookworm-slim
        RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*
        COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
        WORKDIR /usr/src/hello
        COPY . .
        COPY --from=build /usr/src/hello/target/release/hello /usr/src/hello/target/release/hello

        CMD ./target/release/hello
      `,
      stagesAdded: 1,
    },
    {
      name: 'fixture python: pip install after gcc is installed; a virtualenv copied with the app into python:3.11-slim, gcc dropped',
      code: dockerfile`
        FROM python:3.11

        RUN apt-get update
        RUN apt-get install -y gcc curl

        WORKDIR /app
        COPY . .
        RUN pip install -r requirements.txt

        EXPOSE 8000
        CMD python app.py
      `,
      errors: [
        {
          line: 8,
          column: 5,
          endColumn: 16,
          message: '"pip install" builds in the final stage. The image ships the compilers of "python:3.11": build in a separate stage and COPY --from only what runs. "python:3.11" is about 410.9 MB compressed (2026-08-13).',
        },
      ],
      output: dockerfile`
        FROM python:3.11 AS build

        RUN apt-get update
        RUN apt-get install -y gcc curl

        WORKDIR /app
        COPY . .
        RUN python -m venv /opt/venv
        ENV PATH=/opt/venv/bin:$PATH
        RUN pip install -r requirements.txt

        FROM python:3.11-slim
        RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*
        ENV PATH=/opt/venv/bin:$PATH
        WORKDIR /app
        COPY --from=build /opt/venv /opt/venv
        COPY --from=build /app /app

        EXPOSE 8000
        CMD python app.py
      `,
      stagesAdded: 1,
    },
    {
      name: 'a Python named through a variable (python${PYTHON_VERSION} -m pip install) after build-essential: model/pip.ts recognises it',
      code: dockerfile`
        FROM python:3.12-slim
        ARG PYTHON_VERSION=3.12
        RUN apt-get update && apt-get install -y --no-install-recommends build-essential && rm -rf /var/lib/apt/lists/*
        WORKDIR /app
        COPY requirements.txt .
        RUN python${'$'}{PYTHON_VERSION} -m pip install --no-cache-dir -r requirements.txt
        CMD ["python", "app.py"]
      `,
      errors: [
        {
          line: 6,
          column: 5,
          endColumn: 43,
          message:
            '"python${PYTHON_VERSION} -m pip install" builds in the final stage. The image ships the installed build-essential: build in a separate stage and COPY --from only what runs. No automatic split: "python${PYTHON_VERSION}" names its Python through a variable, so which Python, and which environment it installs into, is not known. (≈ 301 MB)',
          estimate: 300_840_000,
        },
      ],
      output: null,
    },
    {
      name: 'pip wheel through "$PYTHON", $VENV/bin/python and pypy3 -mpip on the full python image: one finding, the others as related',
      code: dockerfile`
        FROM python:3.12
        ENV VENV=/opt/venv PYTHON=python3
        WORKDIR /app
        COPY . .
        RUN "$PYTHON" -m pip wheel -w /wheels -r requirements.txt \
         && $VENV/bin/python -m pip wheel -w /wheels . \
         && pypy3 -mpip wheel -w /wheels .
        CMD ["python", "app.py"]
      `,
      errors: [
        {
          line: 5,
          column: 5,
          endColumn: 27,
          message:
            '"$PYTHON -m pip wheel" builds in the final stage. The image ships the compilers of "python:3.12": build in a separate stage and COPY --from only what runs. "python:3.12" is about 410.9 MB compressed (2026-08-13). No automatic split: no "pip install" was found.',
        },
      ],
      output: null,
    },
    {
      name: 'python -m pip install on a slim image with build-essential installed: the runtime is the same slim image without it',
      code: dockerfile`
        FROM python:3.12-slim
        RUN apt-get update && apt-get install -y --no-install-recommends build-essential libpq-dev && rm -rf /var/lib/apt/lists/*
        WORKDIR /app
        COPY requirements.txt .
        RUN python -m pip install --no-cache-dir -r requirements.txt
        COPY . .
        CMD ["gunicorn", "app:app"]
      `,
      errors: [
        {
          line: 5,
          column: 5,
          endColumn: 26,
          message: '"python -m pip install" builds in the final stage. The image ships the installed build-essential: build in a separate stage and COPY --from only what runs. (≈ 316 MB)',
          estimate: 316_287_152,
        },
      ],
      output: dockerfile`
        FROM python:3.12-slim AS build
        RUN apt-get update && apt-get install -y --no-install-recommends build-essential libpq-dev && rm -rf /var/lib/apt/lists/*
        WORKDIR /app
        COPY requirements.txt .
        RUN python -m venv /opt/venv
        ENV PATH=/opt/venv/bin:$PATH
        RUN python -m pip install --no-cache-dir -r requirements.txt

        FROM python:3.12-slim
        RUN apt-get update && apt-get install -y --no-install-recommends libpq5 && rm -rf /var/lib/apt/lists/*
        ENV PATH=/opt/venv/bin:$PATH
        WORKDIR /app
        COPY --from=build /opt/venv /opt/venv
        COPY --from=build /app /app
        COPY . .
        CMD ["gunicorn", "app:app"]
      `,
      stagesAdded: 1,
    },
    {
      name: 'fixture c-gcc: gcc without make on gcc:12, no WORKDIR; -static -s on scratch',
      code: dockerfile`
        FROM gcc:12
        COPY hello.c .
        RUN gcc -o hello hello.c
        CMD ["./hello"]
      `,
      errors: [{ line: 3, column: 5, endColumn: 8, message: '"gcc" builds in the final stage. The image ships the C compiler of "gcc:12": build in a separate stage and COPY --from only what runs.' }],
      output: dockerfile`
        FROM gcc:12 AS build
        WORKDIR /src
        COPY hello.c .
        RUN gcc -static -s -o hello hello.c

        FROM scratch
        WORKDIR /src
        COPY --from=build /src/hello /src/hello
        CMD ["./hello"]
      `,
      stagesAdded: 1,
    },
    {
      name: 'fixture java: a Maven tag the catalog does not describe is still a build image; jar on eclipse-temurin:17-jre',
      code: dockerfile`
        FROM maven:3.8-openjdk-17

        RUN apt-get update && apt-get install -y curl

        WORKDIR /app
        COPY . .
        RUN mvn -B package

        CMD java -jar target/hello-1.0.0.jar
      `,
      errors: [{ line: 7, column: 5, endColumn: 19, message: '"mvn package" builds in the final stage. The image ships the JDK and Maven of "maven:3.8-openjdk-17": build in a separate stage and COPY --from only what runs.' }],
      output: dockerfile`
        FROM maven:3.8-openjdk-17 AS build

        RUN apt-get update && apt-get install -y curl

        WORKDIR /app
        COPY . .
        RUN mvn -B package

        FROM eclipse-temurin:17-jre
        RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*
        WORKDIR /app
        COPY --from=build /app/target/hello-1.0.0.jar /app/target/hello-1.0.0.jar

        CMD java -jar target/hello-1.0.0.jar
      `,
      stagesAdded: 1,
    },
    {
      name: 'fixture node with a build script: prune the devDependencies, the app directory on node:18-slim',
      code: dockerfile`
        FROM node:18

        WORKDIR /usr/src/app

        RUN apt-get update && apt-get install -y curl

        COPY . .
        RUN npm install
        RUN npm run build

        EXPOSE 3000
        CMD npm start
      `,
      errors: [{ line: 9, column: 5, endColumn: 18, message: '"npm run build"' }],
      output: dockerfile`
        FROM node:18 AS build

        WORKDIR /usr/src/app

        RUN apt-get update && apt-get install -y curl

        COPY . .
        RUN npm install
        RUN npm run build
        RUN npm prune --omit=dev

        FROM node:18-slim
        RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*
        WORKDIR /usr/src/app
        COPY --from=build /usr/src/app /usr/src/app

        EXPOSE 3000
        CMD npm start
      `,
      stagesAdded: 1,
    },
    {
      name: 'fixture python with pip wheel: a virtualenv copied with the app into python:3.11-slim',
      code: dockerfile`
        FROM python:3.11

        RUN apt-get update
        RUN apt-get install -y gcc curl

        WORKDIR /app
        COPY . .
        RUN pip wheel --wheel-dir /wheels -r requirements.txt && pip install /wheels/*.whl

        CMD python app.py
      `,
      errors: [{ line: 8, column: 5, endColumn: 14, message: '"pip wheel"' }],
      output: dockerfile`
        FROM python:3.11 AS build

        RUN apt-get update
        RUN apt-get install -y gcc curl

        WORKDIR /app
        COPY . .
        RUN python -m venv /opt/venv
        ENV PATH=/opt/venv/bin:$PATH
        RUN pip wheel --wheel-dir /wheels -r requirements.txt && pip install /wheels/*.whl

        FROM python:3.11-slim
        RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*
        ENV PATH=/opt/venv/bin:$PATH
        WORKDIR /app
        COPY --from=build /opt/venv /opt/venv
        COPY --from=build /app /app

        CMD python app.py
      `,
      stagesAdded: 1,
    },
    {
      name: 'the seed\'s C hello world: an explicit WORKDIR, -static -s, scratch',
      code: dockerfile`
        FROM gcc
        COPY hello.c .
        RUN gcc -o hello hello.c
        CMD ["./hello"]
      `,
      errors: [{ line: 3, column: 5, endColumn: 8 }],
      output: dockerfile`
        FROM gcc AS build
        WORKDIR /src
        COPY hello.c .
        RUN gcc -static -s -o hello hello.c

        FROM scratch
        WORKDIR /src
        COPY --from=build /src/hello /src/hello
        CMD ["./hello"]
      `,
      stagesAdded: 1,
    },
    {
      name: 'a local stand-in (localhost/golang); one finding for both builds; both programs are copied',
      code: dockerfile`
        FROM localhost/golang:1.19
        WORKDIR /app
        COPY . .
        RUN go build -o server ./cmd/server
        RUN go build -o migrate ./cmd/migrate
        ENTRYPOINT ["./server"]
      `,
      errors: [
        {
          line: 4,
          column: 5,
          endColumn: 13,
          message: '"go build" and 1 more build step run in the final stage. The image ships the Go toolchain of "localhost/golang:1.19": build in a separate stage and COPY --from only what runs.',
          related: ['5:5-13 "go build" also builds in the final stage'],
        },
      ],
      output: dockerfile`
        FROM localhost/golang:1.19 AS build
        WORKDIR /app
        COPY . .
        RUN CGO_ENABLED=0 go build -ldflags="-s -w" -o server ./cmd/server
        RUN CGO_ENABLED=0 go build -ldflags="-s -w" -o migrate ./cmd/migrate

        FROM scratch
        COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
        WORKDIR /app
        COPY --from=build /app /app
        ENTRYPOINT ["./server"]
      `,
      stagesAdded: 1,
    },
    {
      name: 'lower case, a musl target installed: --target and scratch; USER and EXPOSE follow',
      code: dockerfile`
        from rust:1.80-bookworm
        run rustup target add x86_64-unknown-linux-musl
        workdir /app
        copy . .
        run cargo build --release
        expose 80
        user 1000
        cmd ./target/release/myapp --port 80
      `,
      errors: [{ line: 5, column: 5, endColumn: 16 }],
      output: dockerfile`
        from rust:1.80-bookworm as build
        run rustup target add x86_64-unknown-linux-musl
        workdir /app
        copy . .
        run cargo build --target x86_64-unknown-linux-musl --release

        from scratch
        copy --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
        workdir /app
        copy . .
        copy --from=build /app/target/x86_64-unknown-linux-musl/release/myapp /app/target/release/myapp
        expose 80
        user 1000
        cmd ["./target/release/myapp", "--port", "80"]
      `,
      stagesAdded: 1,
    },
    {
      name: 'escape=` and CRLF, a continuation line',
      code: '# escape=`\r\nFROM golang:1.22\r\nWORKDIR /src\r\nCOPY . .\r\nRUN go build `\r\n    -o app .\r\nEXPOSE 80\r\nCMD ./app\r\n',
      errors: [{ line: 5, column: 5, endColumn: 13 }],
      output:
        '# escape=`\r\nFROM golang:1.22 AS build\r\nWORKDIR /src\r\nCOPY . .\r\nRUN CGO_ENABLED=0 go build -ldflags="-s -w" `\r\n    -o app .\r\n\r\nFROM scratch\r\nCOPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/\r\nWORKDIR /src\r\nCOPY --from=build /src /src\r\nEXPOSE 80\r\nCMD ["./app"]\r\n',
      stagesAdded: 1,
    },
    {
      name: 'heredoc RUN',
      code: dockerfile`
        FROM golang:1.22
        WORKDIR /src
        COPY . .
        RUN <<EOF
        go mod download
        go build -o app .
        EOF
        CMD ["./app"]
      `,
      errors: [{ line: 6, column: 1, endColumn: 9 }],
      output: dockerfile`
        FROM golang:1.22 AS build
        WORKDIR /src
        COPY . .
        RUN <<EOF
        go mod download
        CGO_ENABLED=0 go build -ldflags="-s -w" -o app .
        EOF

        FROM scratch
        COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
        WORKDIR /src
        COPY --from=build /src /src
        CMD ["./app"]
      `,
      stagesAdded: 1,
    },
    {
      name: 'no placeholder: go build names the program after the module, which the file does not show',
      code: dockerfile`
        FROM golang:1.22
        WORKDIR /src
        COPY . .
        RUN go build .
        CMD ["myapp"]
      `,
      errors: [
        {
          line: 4,
          column: 5,
          endColumn: 13,
          message:
            'No automatic split: the build does not show where it writes "myapp", the program the image starts, so the runtime stage would not know what to copy ("COPY --from=build <path of myapp> /usr/local/bin/myapp").',
        },
      ],
      output: null,
    },
    {
      name: 'the placeholder is reported until it is replaced',
      code: dockerfile`
        FROM golang:1.22 AS build
        RUN CGO_ENABLED=0 go build .
        FROM scratch
        COPY --from=build /REPLACE-WITH-ARTIFACT-PATH /usr/local/bin/myapp
        CMD ["myapp"]
      `,
      errors: [{ line: 4, column: 19, endColumn: 46, severity: 'error', message: '"/REPLACE-WITH-ARTIFACT-PATH" is a placeholder left by the split. Replace it with the path of the program the build stage writes.' }],
      output: null,
    },
    {
      name: 'no split: the CMD needs a shell that scratch lacks',
      code: dockerfile`
        FROM golang:1.22
        WORKDIR /src
        COPY . .
        RUN go build -o /out/app .
        CMD /out/app --port $PORT
      `,
      errors: [{ line: 4, column: 5, endColumn: 13, message: 'No automatic split: the CMD expands variables or commands, and "scratch" has no shell.' }],
      output: null,
    },
    {
      name: 'no split: pnpm',
      code: dockerfile`
        FROM node:22
        WORKDIR /app
        COPY . .
        RUN pnpm install && pnpm build
        CMD ["node", "dist/index.js"]
      `,
      errors: [{ line: 4, column: 21, endColumn: 31, message: 'No automatic split: it runs "pnpm"; only npm and yarn projects are split (the way to drop devDependencies differs).' }],
      output: null,
    },
    {
      name: 'no split: a -dev package whose runtime library is not known',
      code: dockerfile`
        FROM gcc:12
        RUN apt-get update && apt-get install -y libgdal-dev
        WORKDIR /src
        COPY . .
        RUN make
        CMD ["./app"]
      `,
      errors: [{ line: 5, column: 5, endColumn: 9, message: 'No automatic split: the runtime library that goes with "libgdal-dev" is not known.' }],
      output: null,
    },
    {
      name: 'no split: the Java version is not in the tag',
      code: dockerfile`
        FROM maven:3
        WORKDIR /src
        COPY . .
        RUN mvn package
        CMD ["java", "-jar", "target/app.jar"]
      `,
      errors: [{ line: 4, column: 5, endColumn: 16, message: 'No automatic split: the Java version of "maven:3" is not in its tag, so the JRE image to run on is not known.' }],
      output: null,
    },
    {
      name: 'no split: a USER that the Dockerfile does not create',
      code: dockerfile`
        FROM golang:1.22
        WORKDIR /src
        COPY . .
        RUN go build -o app .
        USER app
        CMD ["./app"]
      `,
      errors: [{ line: 4, column: 5, endColumn: 13, message: 'No automatic split: USER "app" is not created in the Dockerfile, so "scratch" may not have it.' }],
      output: null,
    },
  ],
});
