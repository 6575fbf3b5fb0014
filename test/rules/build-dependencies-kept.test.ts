import rule from '../../server/src/engine/rules/build-dependencies-kept.js';
import { dockerfile, testRule } from '../support/ruleTester.js';

testRule(rule, {
  valid: [
    {
      name: 'the Red Hat JDK package (java-*-openjdk-devel) is the JDK the start script runs, not headers',
      code: dockerfile`
        FROM rockylinux:8
        RUN yum install -y java-11-openjdk-devel && yum clean all
        ENV JAVA_HOME=/usr/lib/jvm/java-11-openjdk
        COPY app.jar /srv/app.jar
        CMD ["/usr/lib/jvm/java-11-openjdk/bin/java", "-jar", "/srv/app.jar"]
      `,
    },
    {
      name: 'an image that builds root file systems (debootstrap, isolinux): its start runs the build',
      code: dockerfile`
        FROM ubuntu:latest
        RUN apt-get update ; \
            DEBIAN_FRONTEND=noninteractive apt-get -y install build-essential debootstrap isolinux git
        RUN apt-get -y install linux-headers-generic
        ADD builder /
        CMD bash -c 'cd /builder ; ./prepareroot'
      `,
    },
    {
      name: 'a chroot package builder (mock) on Fedora',
      code: dockerfile`
        FROM fedora:40
        RUN dnf install -y mock gcc make && dnf clean all
        COPY specs /specs
        ENTRYPOINT ["/specs/build.sh"]
      `,
    },
    {
      name: 'a development container kept alive for exec sessions (tini, sleep infinity): the compilers are its purpose',
      code: dockerfile`
        FROM debian:bookworm-slim
        RUN apt-get update && apt-get install -y --no-install-recommends build-essential libssl-dev vim && rm -rf /var/lib/apt/lists/*
        ADD --chmod=755 https://github.com/krallin/tini/releases/download/v0.19.0/tini /tini
        ENTRYPOINT ["/tini", "--"]
        CMD ["sleep", "infinity"]
      `,
    },
    {
      name: 'a base image for others that starts an interpreter (CMD ["python3"]), as build-in-final-stage and runs-as-root judge it',
      code: dockerfile`
        FROM debian:bookworm-slim
        RUN apt-get update && apt-get install -y --no-install-recommends python3 python3-dev gcc && rm -rf /var/lib/apt/lists/*
        CMD ["python3"]
      `,
    },
    {
      name: 'a wrapper entrypoint handing over to node: a base image too',
      code: dockerfile`
        FROM debian:bookworm-slim
        RUN apt-get update && apt-get install -y --no-install-recommends nodejs build-essential && rm -rf /var/lib/apt/lists/*
        COPY docker-entrypoint.sh /usr/local/bin/
        ENTRYPOINT ["docker-entrypoint.sh"]
        CMD ["node"]
      `,
    },
    {
      name: 'official-image style: apt-mark auto, then purge --auto-remove in the same RUN',
      code: dockerfile`
        FROM debian:bookworm-slim
        RUN set -eux; \
            savedAptMark="$(apt-mark showmanual)"; \
            apt-get update; \
            apt-get install -y --no-install-recommends gcc libc6-dev make; \
            make -C /src install; \
            apt-mark auto '.*' > /dev/null; \
            apt-mark manual $savedAptMark > /dev/null; \
            apt-get purge -y --auto-remove -o APT::AutoRemove::RecommendsImportant=false; \
            rm -rf /var/lib/apt/lists/*
        CMD ["app"]
      `,
    },
    {
      name: 'apt-mark auto fed by xargs',
      code: dockerfile`
        FROM debian:bookworm-slim
        RUN apt-get install -y dpkg-dev \
         && apt-mark showmanual | xargs apt-mark auto \
         && apt-get purge -y --auto-remove
        CMD ["app"]
      `,
    },
    {
      name: 'apk --virtual group deleted in the same RUN',
      code: dockerfile`
        FROM alpine:3.20
        RUN set -eux; \
            apk add --no-cache --virtual .build-deps gcc musl-dev linux-headers; \
            make install; \
            apk del --no-network .build-deps
        CMD ["app"]
      `,
    },
    {
      name: 'packages purged by name',
      code: dockerfile`
        FROM debian:bookworm-slim
        RUN apt-get install -y build-essential && make && apt-get purge -y --auto-remove build-essential
        CMD ["app"]
      `,
    },
    {
      name: 'removal through a variable is not second-guessed',
      code: dockerfile`
        FROM debian:bookworm-slim
        RUN buildDeps='gcc libc6-dev'; apt-get install -y gcc libc6-dev && make && apt-get purge -y $buildDeps
        CMD ["app"]
      `,
    },
    {
      name: 'packages given through a variable are not guessed',
      code: dockerfile`
        FROM debian:bookworm-slim
        ENV PHPIZE_DEPS="gcc make"
        RUN apt-get install -y $PHPIZE_DEPS curl
        CMD ["app"]
      `,
    },
    {
      name: 'yum remove and dnf group remove',
      code: dockerfile`
        FROM fedora:40
        RUN yum install -y gcc && make && yum remove -y gcc
        RUN dnf group install -y "Development Tools" && make && dnf group remove -y "Development Tools"
        CMD ["app"]
      `,
    },
    {
      name: 'dpkg --purge',
      code: dockerfile`
        FROM debian:bookworm-slim
        RUN apt-get install -y make && make && dpkg --purge make
        CMD ["app"]
      `,
    },
    {
      name: 'base image that already has the toolchain',
      code: dockerfile`
        FROM python:3.12
        RUN apt-get update && apt-get install -y libpq-dev
        CMD ["python3"]
      `,
    },
    {
      name: 'buildpack-deps base image',
      code: dockerfile`
        FROM buildpack-deps:bookworm
        RUN apt-get install -y libbluetooth-dev tk-dev
        CMD ["bash"]
      `,
    },
    {
      name: 'builder stage is not shipped',
      code: dockerfile`
        FROM debian:bookworm AS build
        RUN apt-get install -y build-essential && make
        FROM debian:bookworm-slim
        COPY --from=build /out /out
        CMD ["/out/app"]
      `,
    },
    {
      name: 'no CMD or ENTRYPOINT: a base or toolchain image',
      code: dockerfile`
        FROM debian:bookworm-slim
        RUN apt-get install -y gcc g++ make libc6-dev
      `,
    },
    {
      name: 'runtime packages only',
      code: dockerfile`
        FROM debian:bookworm-slim
        RUN apt-get install -y curl libpq5 udev
        CMD ["app"]
      `,
    },
    {
      name: 'non-POSIX SHELL is not read',
      code: dockerfile`
        FROM mcr.microsoft.com/windows/servercore:ltsc2022
        SHELL ["powershell", "-Command"]
        RUN apt-get install -y gcc
        CMD ["app"]
      `,
    },
  ],
  invalid: [
    {
      name: 'other -devel packages next to the JDK package are still build-only',
      code: dockerfile`
        FROM rockylinux:8
        RUN yum install -y java-11-openjdk-devel openssl-devel
        CMD ["/srv/app"]
      `,
      errors: [{ line: 2, column: 5, endColumn: 16, message: 'Those are openssl-devel: remove them' }],
      output: null,
    },
    {
      name: 'cross compilers and *-dev-*-cross packages are build dependencies',
      code: dockerfile`
        FROM debian:bookworm-slim
        RUN apt-get update && apt-get install -y --no-install-recommends gcc-aarch64-linux-gnu libc6-dev-arm64-cross crossbuild-essential-armhf g++-12-arm-linux-gnueabihf
        CMD ["app"]
      `,
      errors: [
        {
          line: 2,
          column: 23,
          endColumn: 38,
          message:
            '"apt-get install" keeps build-only packages in the image. Those are gcc-aarch64-linux-gnu, libc6-dev-arm64-cross, crossbuild-essential-armhf, g++-12-arm-linux-gnueabihf: remove them in the same RUN once the build is done, or build in an earlier stage and copy only the result.',
        },
      ],
      output: dockerfile`
        FROM debian:bookworm-slim
        RUN apt-get update && apt-get install -y --no-install-recommends gcc-aarch64-linux-gnu libc6-dev-arm64-cross crossbuild-essential-armhf g++-12-arm-linux-gnueabihf \
            && apt-get purge -y --auto-remove gcc-aarch64-linux-gnu libc6-dev-arm64-cross crossbuild-essential-armhf g++-12-arm-linux-gnueabihf
        CMD ["app"]
      `,
    },
    {
      name: 'mingw-w64 cross compiler',
      code: dockerfile`
        FROM debian:bookworm-slim
        RUN apt-get update && apt-get install -y gcc-mingw-w64-x86-64 curl
        CMD ["app"]
      `,
      errors: [{ line: 2, column: 23, endColumn: 38, message: '"apt-get install" keeps build-only packages in the image. Those are gcc-mingw-w64-x86-64: remove them in the same RUN once the build is done, or build in an earlier stage and copy only the result.' }],
      output: null,
    },
    {
      name: 'build-essential alone: estimate and purge fix',
      code: dockerfile`
        FROM debian:bookworm-slim
        RUN apt-get update && apt-get install -y --no-install-recommends build-essential
        CMD ["app"]
      `,
      errors: [
        {
          line: 2,
          column: 23,
          endColumn: 38,
          message:
            '"apt-get install" keeps build-only packages in the image. Those are build-essential: remove them in the same RUN once the build is done, or build in an earlier stage and copy only the result. (≈ 301 MB)',
          estimate: 300_840_000,
        },
      ],
      output: dockerfile`
        FROM debian:bookworm-slim
        RUN apt-get update && apt-get install -y --no-install-recommends build-essential \
            && apt-get purge -y --auto-remove build-essential
        CMD ["app"]
      `,
      fixSafety: 'unsafe',
      safeOutput: null,
    },
    {
      name: 'mixed with runtime packages: no fix, only the build packages named',
      code: dockerfile`
        FROM python:3.12-slim
        RUN apt-get install -y curl gcc=4:12.2.0-3 libpq-dev:amd64
        CMD ["python3", "app.py"]
      `,
      errors: [{ line: 2, column: 5, endColumn: 20, message: '"apt-get install" keeps build-only packages in the image. Those are gcc, libpq-dev: remove them in the same RUN once the build is done, or build in an earlier stage and copy only the result.' }],
      output: null,
    },
    {
      name: 'removal in a later RUN does not help',
      code: dockerfile`
        FROM debian:bookworm-slim
        RUN apt-get install -y gcc make
        RUN apt-get purge -y gcc make
        CMD ["app"]
      `,
      errors: [{ line: 2 }],
      output: dockerfile`
        FROM debian:bookworm-slim
        RUN apt-get install -y gcc make && apt-get purge -y --auto-remove gcc make
        RUN apt-get purge -y gcc make
        CMD ["app"]
      `,
    },
    {
      name: 'a later RUN pip-installs with the compiler: no removal, multi-stage advised',
      code: dockerfile`
        FROM python:3.12-slim
        RUN apt-get update && apt-get install -y build-essential libpq-dev && rm -rf /var/lib/apt/lists/*
        COPY requirements.txt .
        RUN pip install -r requirements.txt
        CMD ["python3", "-m", "app"]
      `,
      errors: [
        {
          line: 2,
          column: 23,
          endColumn: 38,
          message:
            '"apt-get install" keeps build-only packages in the image. Those are build-essential, libpq-dev, and "pip install" on line 4 still needs them: build in an earlier stage and copy only the result. (≈ 301 MB)',
        },
      ],
      output: null,
    },
    {
      name: 'a later RUN runs make: no removal',
      code: dockerfile`
        FROM debian:bookworm-slim
        RUN apt-get update && apt-get install -y gcc make
        COPY . /src
        RUN make -C /src install
        CMD ["app"]
      `,
      errors: [{ line: 2, column: 23, endColumn: 38, message: '"apt-get install" keeps build-only packages in the image. Those are gcc, make, and "make" on line 4 still needs them: build in an earlier stage and copy only the result.' }],
      output: null,
    },
    {
      name: 'a later RUN runs go build with cgo on Alpine: no removal',
      code: dockerfile`
        FROM golang:1.22-alpine
        RUN apk add --no-cache gcc musl-dev
        WORKDIR /src
        COPY . .
        RUN CGO_ENABLED=1 go build -o /usr/local/bin/app .
        CMD ["app"]
      `,
      errors: [{ line: 2, column: 5, endColumn: 12, message: '"apk add" keeps build-only packages in the image. Those are gcc, musl-dev, and "go build" on line 5 still needs them: build in an earlier stage and copy only the result.' }],
      output: null,
    },
    {
      name: 'a later npm ci may build native addons with node-gyp: no apk del of the group',
      code: dockerfile`
        FROM node:20-alpine
        RUN apk add --no-cache --virtual .build-deps python3 make g++
        COPY package*.json ./
        RUN npm ci --omit=dev && npm cache clean --force
        CMD ["node", "server.js"]
      `,
      errors: [{ line: 2, column: 5, endColumn: 12, message: '"apk add" keeps build-only packages in the image. Those are make, g++, and "npm ci" on line 4 still needs them: build in an earlier stage and copy only the result.' }],
      output: null,
    },
    {
      name: 'a stage built FROM this one builds with the inherited tools: no removal',
      code: dockerfile`
        FROM debian:bookworm-slim AS base
        RUN apt-get update && apt-get install -y build-essential
        FROM base AS build
        RUN ./configure && make
        FROM base
        COPY --from=build /src/app /app
        CMD ["/app"]
      `,
      errors: [{ line: 2, column: 23, endColumn: 38, message: '"apt-get install" keeps build-only packages in the image. Those are build-essential, and "configure" on line 4 still needs them: build in an earlier stage and copy only the result. (≈ 301 MB)' }],
      output: null,
    },
    {
      name: 'ONBUILD install, later ONBUILD build: no removal',
      code: dockerfile`
        FROM alpine:3.20 AS base
        ONBUILD RUN apk add --no-cache build-base
        ONBUILD RUN make
        FROM base
        CMD ["app"]
      `,
      errors: [{ line: 2, column: 13, endColumn: 20, message: '"apk add" keeps build-only packages in the image. Those are build-base, and "make" on line 3 still needs them: build in an earlier stage and copy only the result.' }],
      output: null,
    },
    {
      name: 'later steps that do not build: the removal is still offered',
      code: dockerfile`
        FROM python:3.12-slim
        RUN apt-get update && apt-get install -y gcc libc6-dev && make -C /src && rm -rf /var/lib/apt/lists/*
        RUN pip install --only-binary :all: -r requirements.txt
        RUN python3 -m compileall -q /app
        CMD ["python3", "-m", "app"]
      `,
      errors: [{ line: 2, message: '"apt-get install" keeps build-only packages in the image. Those are gcc, libc6-dev: remove them in the same RUN once the build is done, or build in an earlier stage and copy only the result.' }],
      output: dockerfile`
        FROM python:3.12-slim
        RUN apt-get update && apt-get install -y gcc libc6-dev && make -C /src && rm -rf /var/lib/apt/lists/* \
            && apt-get purge -y --auto-remove gcc libc6-dev
        RUN pip install --only-binary :all: -r requirements.txt
        RUN python3 -m compileall -q /app
        CMD ["python3", "-m", "app"]
      `,
    },
    {
      name: 'later commands named like Object.prototype members (toString, hasOwnProperty, constructor) are not native builds',
      code: dockerfile`
        FROM python:3.12-slim
        RUN apt-get update && apt-get install -y gcc && make -C /src && rm -rf /var/lib/apt/lists/*
        RUN toString install && hasOwnProperty install && constructor install
        CMD ["python3", "-m", "app"]
      `,
      errors: [{ line: 2, message: '"apt-get install" keeps build-only packages in the image. Those are gcc: remove them in the same RUN once the build is done, or build in an earlier stage and copy only the result.' }],
      output: dockerfile`
        FROM python:3.12-slim
        RUN apt-get update && apt-get install -y gcc && make -C /src && rm -rf /var/lib/apt/lists/* \
            && apt-get purge -y --auto-remove gcc
        RUN toString install && hasOwnProperty install && constructor install
        CMD ["python3", "-m", "app"]
      `,
    },
    {
      name: 'autoremove without apt-mark auto keeps manual packages',
      code: dockerfile`
        FROM debian:bookworm-slim
        RUN apt install -y gcc; make; apt autoremove -y
        CMD ["app"]
      `,
      errors: [{ line: 2, column: 5, endColumn: 16 }],
      output: dockerfile`
        FROM debian:bookworm-slim
        RUN apt install -y gcc; make; apt autoremove -y; apt purge -y --auto-remove gcc
        CMD ["app"]
      `,
    },
    {
      name: 'apk build packages: apk del',
      code: dockerfile`
        FROM alpine:3.20
        RUN apk add --no-cache gcc musl-dev \
         && make
        CMD ["app"]
      `,
      errors: [{ line: 2, column: 5, endColumn: 12, message: '"apk add" keeps build-only packages in the image. Those are gcc, musl-dev: remove them in the same RUN once the build is done, or build in an earlier stage and copy only the result.' }],
      output: dockerfile`
        FROM alpine:3.20
        RUN apk add --no-cache gcc musl-dev \
         && make \
         && apk del gcc musl-dev
        CMD ["app"]
      `,
    },
    {
      name: 'apk --virtual group never deleted: apk del <group>',
      code: dockerfile`
        FROM alpine:3.20
        RUN set -eux; \
            apk add --no-cache --virtual .build-deps build-base curl; \
            make install
        CMD ["app"]
      `,
      errors: [{ line: 3, column: 5, endColumn: 12, message: '"apk add" keeps build-only packages in the image. Those are build-base: remove them in the same RUN once the build is done, or build in an earlier stage and copy only the result.' }],
      output: dockerfile`
        FROM alpine:3.20
        RUN set -eux; \
            apk add --no-cache --virtual .build-deps build-base curl; \
            make install; \
            apk del .build-deps
        CMD ["app"]
      `,
    },
    {
      name: 'apk group whose name does not say build, with runtime packages: no fix',
      code: dockerfile`
        FROM alpine:3.20
        RUN apk add -t .app gcc libpq
        CMD ["app"]
      `,
      errors: [{ line: 2, message: '"apk add" keeps build-only packages in the image. Those are gcc: remove them in the same RUN once the build is done, or build in an earlier stage and copy only the result.' }],
      output: null,
    },
    {
      name: 'yum and dnf group installs: reported, no fix',
      code: dockerfile`
        FROM fedora:40
        RUN yum install -y gcc-c++ kernel-devel && dnf groupinstall -y "Development Tools"
        CMD ["app"]
      `,
      errors: [
        { line: 2, column: 5, endColumn: 16, message: '"yum install" keeps build-only packages in the image. Those are gcc-c++, kernel-devel: remove them in the same RUN once the build is done, or build in an earlier stage and copy only the result.' },
        { line: 2, column: 44, endColumn: 60, message: '"dnf groupinstall"' },
      ],
      output: null,
    },
    {
      name: 'exec form cannot be extended: no fix',
      code: dockerfile`
        FROM debian:bookworm-slim
        RUN ["apt-get", "install", "-y", "gcc"]
        CMD ["app"]
      `,
      errors: [{ line: 2, column: 6, endColumn: 26 }],
      output: null,
    },
    {
      name: 'heredoc',
      code: dockerfile`
        FROM debian:bookworm-slim
        RUN <<EOF
        apt-get install -y g++ make
        make
        EOF
        CMD ["app"]
      `,
      errors: [{ line: 3, column: 1, endColumn: 16 }],
      output: dockerfile`
        FROM debian:bookworm-slim
        RUN <<EOF
        apt-get install -y g++ make
        make
        apt-get purge -y --auto-remove g++ make
        EOF
        CMD ["app"]
      `,
    },
    {
      name: 'ONBUILD trigger, lower-case, in a stage the final stage builds FROM',
      code: dockerfile`
        from alpine:3.20 as base
        onbuild run apk add clang-17
        from base
        cmd ["app"]
      `,
      errors: [{ line: 2, column: 13, endColumn: 20 }],
      output: dockerfile`
        from alpine:3.20 as base
        onbuild run apk add clang-17 && apk del clang-17
        from base
        cmd ["app"]
      `,
    },
    {
      name: 'escape directive, comment inside the continuation, two findings',
      code: dockerfile`
        # escape=${'`'}
        FROM debian:bookworm-slim
        RUN apt-get install -y gcc ${'`'}
        # and headers
         && apt-get install -y linux-headers-amd64
        CMD ["app"]
      `,
      errors: [{ line: 3, column: 5, endColumn: 20 }, { line: 5, column: 5, endColumn: 20 }],
      output: dockerfile`
        # escape=${'`'}
        FROM debian:bookworm-slim
        RUN apt-get install -y gcc ${'`'}
        # and headers
         && apt-get install -y linux-headers-amd64 ${'`'}
         && apt-get purge -y --auto-remove gcc ${'`'}
         && apt-get purge -y --auto-remove linux-headers-amd64
        CMD ["app"]
      `,
    },
    {
      name: 'CRLF line endings',
      code: dockerfile`
        FROM debian:bookworm-slim
        RUN apt-get install -y \
              libssl-dev
        CMD ["app"]
      `.replace(/\n/g, '\r\n'),
      errors: [{ line: 2, column: 5, endColumn: 20 }],
      output: dockerfile`
        FROM debian:bookworm-slim
        RUN apt-get install -y \
              libssl-dev && \
              apt-get purge -y --auto-remove libssl-dev
        CMD ["app"]
      `.replace(/\n/g, '\r\n'),
    },
  ],
});
