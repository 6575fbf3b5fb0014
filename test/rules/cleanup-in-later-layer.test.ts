import rule from '../../server/src/engine/rules/cleanup-in-later-layer.js';
import { dockerfile, testRule } from '../support/ruleTester.js';

const BT = '`';

testRule(rule, {
  valid: [
    {
      name: 'a file the same RUN created and removed inside a directory it made: removing it again removes nothing',
      code: dockerfile`
        FROM debian:bookworm
        RUN mkdir -p /usr/src/app && cd /usr/src/app && wget https://example.com/a.tgz && tar xzf a.tgz && rm a.tgz
        RUN rm -rf /usr/src/app/a.tgz
      `,
    },
    {
      name: 'tar -x -C into a directory that may have held files before does not claim every path under it',
      code: dockerfile`
        FROM debian:bookworm
        RUN apt-get update && apt-get install -y --no-install-recommends default-jdk-headless && rm -rf /var/lib/apt/lists/*
        RUN curl -fsSL https://example.com/jdk.tgz | tar -xz -C /usr/lib/jvm
        RUN rm -rf /usr/lib/jvm/default-java
      `,
    },
    {
      name: 'unzip -d into a directory that may have held files before',
      code: dockerfile`
        FROM nginx:1.27
        RUN unzip /tmp/site.zip -d /usr/share/nginx/html
        RUN rm -f /usr/share/nginx/html/index.html
      `,
    },
    {
      name: 'pip install --no-cache (an abbreviation pip accepts) writes no cache to clean later',
      code: dockerfile`
        FROM python:3.12-slim
        RUN pip install --no-cache flask
        RUN rm -rf /root/.cache
      `,
    },
    {
      name: 'pip install under PIP_NO_CACHE_DIR=off (any boolean word turns the cache off) writes no cache',
      code: dockerfile`
        FROM python:3.12-slim
        ENV PIP_NO_CACHE_DIR=off
        RUN pip install flask
        RUN rm -rf /root/.cache/pip
      `,
    },
    {
      name: 'cleanup in the same RUN',
      code: dockerfile`
        FROM debian:bookworm
        RUN apt-get update && apt-get install -y curl \
         && curl -fsSL -o /tmp/x.tgz https://example.com/x.tgz && tar -xzf /tmp/x.tgz -C /opt/x \
         && rm -rf /tmp/x.tgz /var/lib/apt/lists/*
      `,
    },
    {
      name: 'a RUN that fills the cache again cleans up after itself',
      code: dockerfile`
        FROM debian:bookworm
        RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*
        RUN apt-get update && apt-get install -y git && rm -rf /var/lib/apt/lists/*
      `,
    },
    {
      name: 'a cache mount keeps the lists out of the layer',
      code: dockerfile`
        FROM debian:bookworm
        RUN --mount=type=cache,target=/var/lib/apt/lists apt-get update && apt-get install -y curl
        RUN rm -rf /var/lib/apt/lists/*
      `,
    },
    {
      name: 'builder stage is not shipped',
      code: dockerfile`
        FROM debian:bookworm AS build
        RUN curl -fsSL -o /tmp/src.tgz https://example.com/src.tgz
        RUN rm /tmp/src.tgz
        FROM scratch
        COPY --from=build /etc/passwd /etc/passwd
      `,
    },
    {
      name: 'files of the base image are not this rule’s business',
      code: dockerfile`
        FROM nginx:1.27-alpine
        RUN rm /etc/nginx/conf.d/default.conf
      `,
    },
    {
      name: 'a path given by a variable is not guessed',
      code: dockerfile`
        FROM debian:bookworm
        RUN curl -fsSL -o /tmp/src.tgz https://example.com/src.tgz
        RUN rm "$SRC"
      `,
    },
    {
      name: 'an empty directory made by mkdir holds no bytes',
      code: dockerfile`
        FROM debian:bookworm
        RUN mkdir -p /data/cache
        RUN rm -rf /data/cache
      `,
    },
    {
      name: 'a package the Dockerfile did not install',
      code: dockerfile`
        FROM debian:bookworm
        RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*
        RUN apt-get purge -y perl-modules
      `,
    },
    {
      name: 'dev dependencies never installed',
      code: dockerfile`
        FROM node:22-slim
        ENV NODE_ENV=production
        RUN npm ci
        RUN npm prune --omit=dev
      `,
    },
    {
      name: 'PIP_NO_CACHE_DIR: no pip cache',
      code: dockerfile`
        FROM python:3.12-slim
        ENV PIP_NO_CACHE_DIR=1
        RUN pip install flask
        RUN rm -rf /root/.cache/pip
      `,
    },
    {
      name: 'another user: the home directory is unknown',
      code: dockerfile`
        FROM python:3.12-slim
        USER app
        RUN pip install --user flask
        RUN rm -rf ~/.cache/pip
      `,
    },
    {
      name: 'an image that starts as a non-root user (Chainguard -dev), no USER: the home directory is unknown',
      code: dockerfile`
        FROM cgr.dev/chainguard/python:latest-dev
        RUN pip install --user flask
        RUN rm -rf /root/.cache/pip
      `,
    },
    {
      name: 'a file ADD downloaded is add-remote-archive’s finding',
      code: dockerfile`
        FROM debian:bookworm
        ADD https://example.com/app.tar.gz /tmp/
        RUN tar -xzf /tmp/app.tar.gz -C /opt && rm /tmp/app.tar.gz
      `,
    },
    {
      name: 'inside a COPY of the context, with the build context unknown',
      code: dockerfile`
        FROM node:22-slim
        WORKDIR /app
        COPY . .
        RUN rm -rf node_modules && npm ci
      `,
    },
    {
      name: 'inside a COPY of the context, the path excluded by .dockerignore',
      code: dockerfile`
        FROM node:22-slim
        WORKDIR /app
        COPY . .
        RUN rm -rf node_modules && npm ci
      `,
      context: { dockerignore: '# deps\n**/node_modules\n' },
    },
    {
      name: 'inside a COPY from another stage: not known file by file',
      code: dockerfile`
        FROM node:22 AS build
        RUN mkdir -p /app/dist
        FROM node:22-slim
        COPY --from=build /app /app
        RUN rm -rf /app/src
      `,
      context: { dockerignore: null },
    },
    {
      name: 'non-POSIX SHELL',
      code: dockerfile`
        FROM mcr.microsoft.com/windows/servercore:ltsc2022
        SHELL ["powershell", "-Command"]
        RUN curl -o C:/x.zip https://example.com/x.zip
        RUN rm C:/x.zip
      `,
    },
  ],
  invalid: [
    {
      name: 'tar -x -C into a directory, then the whole directory removed in a later RUN',
      code: dockerfile`
        FROM debian:bookworm
        RUN curl -fsSL https://example.com/jdk.tgz | tar -xz -C /usr/lib/jvm
        RUN rm -rf /usr/lib/jvm
      `,
      errors: [{ line: 3, column: 5, endColumn: 24, message: 'Removing "/usr/lib/jvm" in a later layer saves nothing. The bytes stay in the layer of the RUN on line 2.' }],
      output: dockerfile`
        FROM debian:bookworm
        RUN curl -fsSL https://example.com/jdk.tgz | tar -xz -C /usr/lib/jvm && rm -rf /usr/lib/jvm
      `,
    },
    {
      name: 'tar -x -C into a directory the same RUN made: a path under it came from that RUN',
      code: dockerfile`
        FROM debian:bookworm
        RUN mkdir -p /opt/app && tar -xzf /tmp/app.tgz -C /opt/app
        RUN rm -rf /opt/app/docs
      `,
      errors: [{ line: 3, column: 5, endColumn: 25, message: 'Removing "/opt/app/docs" in a later layer saves nothing. The bytes stay in the layer of the RUN on line 2.' }],
      output: dockerfile`
        FROM debian:bookworm
        RUN mkdir -p /opt/app && tar -xzf /tmp/app.tgz -C /opt/app && rm -rf /opt/app/docs
      `,
      fixSafety: 'unsafe',
    },
    {
      name: 'the directory a RUN made and partly cleaned, removed whole in a later RUN',
      code: dockerfile`
        FROM debian:bookworm
        RUN mkdir -p /usr/src/app && cd /usr/src/app && wget https://example.com/a.tgz && tar xzf a.tgz && rm a.tgz
        RUN rm -rf /usr/src/app/a.tgz /usr/src/app
      `,
      errors: [{ line: 3, column: 5, endColumn: 43, message: 'Removing "/usr/src/app" in a later layer saves nothing. The bytes stay in the layer of the RUN on line 2.' }],
      output: dockerfile`
        FROM debian:bookworm
        RUN mkdir -p /usr/src/app && cd /usr/src/app && wget https://example.com/a.tgz && tar xzf a.tgz && rm a.tgz \
            && rm -rf /usr/src/app/a.tgz /usr/src/app
      `,
    },
    {
      name: 'apt-get purge of a package the previous RUN installed',
      code: dockerfile`
        FROM debian:bookworm
        RUN apt-get update && apt-get install -y build-essential && rm -rf /var/lib/apt/lists/*
        RUN apt-get purge -y --auto-remove build-essential
      `,
      errors: [
        {
          line: 3,
          column: 5,
          endColumn: 18,
          message: 'Removing build-essential in a later layer saves nothing. The bytes stay in the layer of the RUN on line 2.',
        },
      ],
      output: dockerfile`
        FROM debian:bookworm
        RUN apt-get update && apt-get install -y build-essential && rm -rf /var/lib/apt/lists/* \
            && apt-get purge -y --auto-remove build-essential
      `,
      fixSafety: 'unsafe',
    },
    {
      name: 'apt lists removed in a RUN of their own: the RUN goes, CRLF kept',
      code: dockerfile`
        FROM debian:bookworm
        RUN apt-get update && apt-get install -y curl
        # clean up
        RUN rm -rf /var/lib/apt/lists/*
        CMD ["bash"]
      `.replace(/\n/g, '\r\n'),
      errors: [{ line: 4, column: 5, endColumn: 32, message: 'Removing the apt lists in a later layer saves nothing. The bytes stay in the layer of the RUN on line 2.' }],
      output: dockerfile`
        FROM debian:bookworm
        RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*
        # clean up
        CMD ["bash"]
      `.replace(/\n/g, '\r\n'),
    },
    {
      name: 'the download is removed at the start of the next RUN: only that part moves',
      code: dockerfile`
        FROM debian:bookworm
        RUN curl -fsSL -o /tmp/app.tgz https://example.com/app.tgz && tar -xzf /tmp/app.tgz -C /opt/app
        RUN set -eux; \
            rm -f /tmp/app.tgz; \
            ln -s /opt/app/bin/app /usr/local/bin/app
      `,
      errors: [{ line: 4, column: 5, endColumn: 23, message: 'Removing "/tmp/app.tgz" in a later layer saves nothing. The bytes stay in the layer of the RUN on line 2.' }],
      output: dockerfile`
        FROM debian:bookworm
        RUN curl -fsSL -o /tmp/app.tgz https://example.com/app.tgz && tar -xzf /tmp/app.tgz -C /opt/app \
            && rm -f /tmp/app.tgz
        RUN set -eux; \
            ln -s /opt/app/bin/app /usr/local/bin/app
      `,
    },
    {
      name: 'removal after other commands of its RUN: no fix (the order would change)',
      code: dockerfile`
        FROM debian:bookworm
        RUN curl -fsSL -o /tmp/app.tgz https://example.com/app.tgz
        RUN tar -xzf /tmp/app.tgz -C /opt/app && rm /tmp/app.tgz
      `,
      errors: [{ line: 3, column: 42, endColumn: 57 }],
      output: null,
      remaining: 1,
    },
    {
      name: 'part of what COPY brought in (no .dockerignore): no fix, the message names the COPY',
      code: dockerfile`
        FROM python:3.12-slim
        WORKDIR /src
        COPY . .
        RUN rm -rf tests docs
      `,
      context: { dockerignore: null },
      errors: [{ line: 4, column: 5, endColumn: 22, message: 'Removing "/src/tests" (and 1 more) in a later layer saves nothing. The bytes stay in the layer of the COPY on line 3.' }],
      output: null,
      remaining: 1,
    },
    {
      name: 'a copied directory, with a .dockerignore that does not exclude the path',
      code: dockerfile`
        FROM node:22-slim
        COPY src/ /app/
        RUN rm -rf /app/fixtures
      `,
      context: { dockerignore: 'node_modules\n.git\n' },
      errors: [{ line: 3, message: 'Removing "/app/fixtures" in a later layer saves nothing. The bytes stay in the layer of the COPY on line 2.' }],
      output: null,
      remaining: 1,
    },
    {
      name: 'a copied archive removed whole after unpacking: no context needed',
      code: dockerfile`
        FROM debian:bookworm
        COPY vendor.tar.gz /tmp/
        RUN tar -xzf /tmp/vendor.tar.gz -C /opt && rm /tmp/vendor.tar.gz
      `,
      errors: [{ line: 3, column: 44, endColumn: 65, message: 'Removing "/tmp/vendor.tar.gz" in a later layer saves nothing. The bytes stay in the layer of the COPY on line 2.' }],
      output: null,
      remaining: 1,
    },
    {
      name: 'npm prune after a build step: no fix',
      code: dockerfile`
        FROM node:22-slim
        WORKDIR /app
        COPY package*.json ./
        RUN npm ci
        COPY . .
        RUN npm run build
        RUN npm prune --omit=dev
      `,
      errors: [{ line: 7, column: 5, endColumn: 14, message: 'Removing the dev dependencies in a later layer saves nothing. The bytes stay in the layer of the RUN on line 4.' }],
      output: null,
      remaining: 1,
    },
    {
      name: 'pip cache with || true moves as a group; the rest of the RUN stays',
      code: dockerfile`
        FROM python:3.12-slim
        RUN pip install flask
        RUN rm -rf /root/.cache/pip || true && python -c "import flask"
      `,
      errors: [{ line: 3, column: 5, endColumn: 28, message: 'Removing the pip cache in a later layer saves nothing. The bytes stay in the layer of the RUN on line 2.' }],
      output: dockerfile`
        FROM python:3.12-slim
        RUN pip install flask && { rm -rf /root/.cache/pip || true; }
        RUN python -c "import flask"
      `,
    },
    {
      name: 'apk del of a virtual package, lower-case keyword',
      code: dockerfile`
        FROM alpine:3.20
        run apk add --no-cache --virtual .build-deps gcc musl-dev
        run apk del .build-deps
      `,
      errors: [{ line: 3, column: 5, endColumn: 12, message: 'Removing .build-deps in a later layer saves nothing. The bytes stay in the layer of the RUN on line 2.' }],
      output: dockerfile`
        FROM alpine:3.20
        run apk add --no-cache --virtual .build-deps gcc musl-dev && apk del .build-deps
      `,
    },
    {
      name: 'a clone used by a RUN in between: no fix',
      code: dockerfile`
        FROM debian:bookworm
        RUN git clone --depth 1 https://github.com/example/tool.git /usr/src/tool
        RUN make -C /usr/src/tool install
        RUN rm -rf /usr/src/tool
      `,
      errors: [{ line: 4, message: 'Removing "/usr/src/tool" in a later layer saves nothing. The bytes stay in the layer of the RUN on line 2.' }],
      output: null,
      remaining: 1,
    },
    {
      name: 'a directory mkdir made and filled, trailing && continuation',
      code: dockerfile`
        FROM debian:bookworm
        RUN mkdir -p /build && \
            cd /build && \
            curl -fsSLO https://example.com/src.tgz
        RUN rm -rf /build
      `,
      errors: [{ line: 5, message: 'Removing "/build" in a later layer saves nothing. The bytes stay in the layer of the RUN on line 2.' }],
      output: dockerfile`
        FROM debian:bookworm
        RUN mkdir -p /build && \
            cd /build && \
            curl -fsSLO https://example.com/src.tgz && \
            rm -rf /build
      `,
    },
    {
      name: 'ONBUILD triggers',
      code: dockerfile`
        FROM debian:bookworm
        ONBUILD RUN curl -fsSL -o /tmp/x.deb https://example.com/x.deb && dpkg -i /tmp/x.deb
        ONBUILD RUN rm /tmp/x.deb
      `,
      errors: [{ line: 3, column: 13, endColumn: 26 }],
      output: dockerfile`
        FROM debian:bookworm
        ONBUILD RUN curl -fsSL -o /tmp/x.deb https://example.com/x.deb && dpkg -i /tmp/x.deb \
            && rm /tmp/x.deb
      `,
    },
    {
      name: 'escape directive: backtick continuations',
      code: dockerfile`
        # escape=${BT}
        FROM debian:bookworm
        RUN curl -fsSL -o /tmp/x.deb https://example.com/x.deb && ${BT}
            dpkg -i /tmp/x.deb
        RUN rm /tmp/x.deb && ${BT}
            echo ok
      `,
      errors: [{ line: 5, column: 5, endColumn: 18 }],
      output: dockerfile`
        # escape=${BT}
        FROM debian:bookworm
        RUN curl -fsSL -o /tmp/x.deb https://example.com/x.deb && ${BT}
            dpkg -i /tmp/x.deb && ${BT}
            rm /tmp/x.deb
        RUN echo ok
      `,
    },
    {
      name: 'two findings in one RUN share one fix',
      code: dockerfile`
        FROM debian:bookworm
        RUN apt-get update && apt-get install -y gcc && curl -fsSL -o /tmp/src.tgz https://example.com/src.tgz
        RUN rm /tmp/src.tgz && apt-get purge -y gcc
      `,
      errors: [
        { line: 3, column: 5, endColumn: 20, message: 'Removing "/tmp/src.tgz" in a later layer saves nothing. The bytes stay in the layer of the RUN on line 2.' },
        { line: 3, column: 24, endColumn: 37, message: 'Removing gcc in a later layer saves nothing. The bytes stay in the layer of the RUN on line 2.' },
      ],
      output: dockerfile`
        FROM debian:bookworm
        RUN apt-get update && apt-get install -y gcc && curl -fsSL -o /tmp/src.tgz https://example.com/src.tgz \
            && rm /tmp/src.tgz && apt-get purge -y gcc
      `,
    },
    {
      name: 'heredoc RUN: reported, no fix',
      code: dockerfile`
        FROM debian:bookworm
        RUN curl -fsSL -o /tmp/x https://example.com/x
        RUN <<EOF
        rm /tmp/x
        EOF
      `,
      errors: [{ line: 4, column: 1, endColumn: 10 }],
      output: null,
      remaining: 1,
    },
    {
      name: 'exec form: reported, no fix',
      code: dockerfile`
        FROM debian:bookworm
        RUN curl -fsSL -o /tmp/x https://example.com/x
        RUN ["rm", "/tmp/x"]
      `,
      errors: [{ line: 3, column: 6, endColumn: 20 }],
      output: null,
      remaining: 1,
    },
    {
      name: 'a variable among the words: reported for the static path, no fix',
      code: dockerfile`
        FROM debian:bookworm
        RUN curl -fsSL -o /tmp/x https://example.com/x
        RUN rm -f "$TMPFILE" /tmp/x
      `,
      errors: [{ line: 3, column: 5, endColumn: 28 }],
      output: null,
      remaining: 1,
    },
    {
      name: 'files from two earlier RUNs: no fix',
      code: dockerfile`
        FROM debian:bookworm
        RUN curl -fsSL -o /tmp/a https://example.com/a
        RUN curl -fsSL -o /tmp/b https://example.com/b
        RUN rm /tmp/a /tmp/b
      `,
      errors: [{ line: 4, message: 'Removing "/tmp/b" (and 1 more) in a later layer saves nothing. The bytes stay in the layer of the RUN on line 3.' }],
      output: null,
      remaining: 1,
    },
    {
      name: 'yum clean all in a RUN of its own',
      code: dockerfile`
        FROM rockylinux:9
        RUN yum install -y gcc
        RUN yum clean all
      `,
      errors: [{ line: 3, column: 5, endColumn: 14, message: 'Removing the yum cache in a later layer saves nothing. The bytes stay in the layer of the RUN on line 2.' }],
      output: dockerfile`
        FROM rockylinux:9
        RUN yum install -y gcc && yum clean all
      `,
    },
    {
      name: 'written in a stage this one builds FROM',
      code: dockerfile`
        FROM debian:bookworm AS base
        RUN curl -fsSL -o /opt/tool.tgz https://example.com/tool.tgz
        FROM base
        RUN rm /opt/tool.tgz
      `,
      errors: [{ line: 4, message: 'Removing "/opt/tool.tgz" in a later layer saves nothing. The bytes stay in the layer of the RUN on line 2.' }],
      output: null,
      remaining: 1,
    },
  ],
});
