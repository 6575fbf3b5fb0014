import rule from '../../server/src/engine/rules/add-remote-archive.js';
import { dockerfile, testRule } from '../support/ruleTester.js';

const BT = '`';

testRule(rule, {
  valid: [
    {
      name: 'a downloaded binary that stays',
      code: dockerfile`
        FROM debian:bookworm
        ADD --chmod=755 https://example.com/tini /tini
        ENTRYPOINT ["/tini", "--"]
      `,
    },
    {
      name: 'a local archive ADD unpacks and nothing deletes',
      code: dockerfile`
        FROM debian:bookworm
        ADD app.tar.gz /opt/app/
        RUN ln -s /opt/app/bin/app /usr/local/bin/app
      `,
    },
    {
      name: 'builder stage is not shipped',
      code: dockerfile`
        FROM node:22 AS build
        ADD https://example.com/src.tar.gz /tmp/
        RUN tar -xzf /tmp/src.tar.gz -C /src && rm /tmp/src.tar.gz
        FROM node:22-slim
        COPY --from=build /src /src
      `,
    },
    {
      name: 'COPY is not ADD (cleanup-in-later-layer reports that)',
      code: dockerfile`
        FROM debian:bookworm
        COPY app.zip /tmp/
        RUN unzip /tmp/app.zip -d /opt/app && rm /tmp/app.zip
      `,
    },
    {
      name: 'a URL ending in a variable is not followed',
      code: dockerfile`
        FROM node:22
        ARG FILE=app.tgz
        ADD https://example.com/$FILE /tmp/
        RUN tar -xzf /tmp/app.tgz -C /opt && rm /tmp/app.tgz
      `,
    },
  ],
  invalid: [
    {
      name: 'downloaded archive unpacked and deleted by the next RUN: curl on a buildpack-deps image',
      code: dockerfile`
        FROM node:22
        ADD https://example.com/app-1.0.tar.gz /tmp/
        RUN tar -xzf /tmp/app-1.0.tar.gz -C /opt && rm /tmp/app-1.0.tar.gz
      `,
      errors: [
        {
          line: 2,
          column: 5,
          endColumn: 39,
          message: 'The archive ADD downloads stays in its own layer. The RUN on line 3 unpacks and deletes it, which saves nothing.',
        },
      ],
      output: dockerfile`
        FROM node:22
        RUN curl -fsSL -o /tmp/app-1.0.tar.gz "https://example.com/app-1.0.tar.gz" \
            && tar -xzf /tmp/app-1.0.tar.gz -C /opt && rm /tmp/app-1.0.tar.gz
      `,
      fixSafety: 'unsafe',
    },
    {
      name: 'only unpacked: the file is deleted at the end; the checksum is verified; set -e style',
      code: dockerfile`
        FROM python:3.12
        # the tool
        ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/tool.tgz /tmp/tool.tgz
        RUN set -eux; \
            tar -xzf /tmp/tool.tgz -C /opt; \
            ln -s /opt/tool/bin/tool /usr/local/bin/tool
      `,
      errors: [{ line: 3, column: 88, endColumn: 116, message: 'The archive ADD downloads stays in its own layer. The RUN on line 4 unpacks it, so the image ships the archive and its contents.' }],
      output: dockerfile`
        FROM python:3.12
        # the tool
        RUN set -eux; \
            curl -fsSL -o /tmp/tool.tgz "https://example.com/tool.tgz"; echo "24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d  /tmp/tool.tgz" | sha256sum -c -; \
            tar -xzf /tmp/tool.tgz -C /opt; \
            ln -s /opt/tool/bin/tool /usr/local/bin/tool; \
            rm -f /tmp/tool.tgz
      `,
    },
    {
      name: 'Alpine: BusyBox wget, a directory to make, leading && style, zip',
      code: dockerfile`
        FROM alpine:3.20
        ADD https://example.com/tool.zip /opt/dl/
        RUN unzip /opt/dl/tool.zip -d /opt/tool \
         && chmod +x /opt/tool/tool
      `,
      errors: [{ line: 2, column: 5, endColumn: 33 }],
      output: dockerfile`
        FROM alpine:3.20
        RUN mkdir -p /opt/dl && wget -q -O /opt/dl/tool.zip "https://example.com/tool.zip" \
         && unzip /opt/dl/tool.zip -d /opt/tool \
         && chmod +x /opt/tool/tool \
         && rm -f /opt/dl/tool.zip
      `,
    },
    {
      name: 'no download tool known in the image: no fix',
      code: dockerfile`
        FROM debian:bookworm
        ADD https://example.com/x.tgz /tmp/
        RUN tar -xzf /tmp/x.tgz -C /opt && rm /tmp/x.tgz
      `,
      errors: [{ line: 2, message: 'unpacks and deletes it' }],
      output: null,
      remaining: 1,
    },
    {
      name: 'curl and CA certificates installed by an earlier RUN',
      code: dockerfile`
        FROM debian:bookworm
        RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates curl && rm -rf /var/lib/apt/lists/*
        ADD https://example.com/x.tgz /tmp/
        RUN tar -xzf /tmp/x.tgz -C /opt && rm /tmp/x.tgz
      `,
      errors: [{ line: 3 }],
      output: dockerfile`
        FROM debian:bookworm
        RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates curl && rm -rf /var/lib/apt/lists/*
        RUN curl -fsSL -o /tmp/x.tgz "https://example.com/x.tgz" \
            && tar -xzf /tmp/x.tgz -C /opt && rm /tmp/x.tgz
      `,
    },
    {
      name: 'curl without CA certificates: no fix',
      code: dockerfile`
        FROM debian:bookworm
        RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
        ADD https://example.com/x.tgz /tmp/
        RUN tar -xzf /tmp/x.tgz -C /opt && rm /tmp/x.tgz
      `,
      errors: [{ line: 3 }],
      output: null,
      remaining: 1,
    },
    {
      name: 'part of a local archive deleted later: no fix',
      code: dockerfile`
        FROM debian:bookworm
        ADD app.tar.gz /opt/app/
        RUN rm -rf /opt/app/docs
      `,
      errors: [{ line: 2, column: 5, endColumn: 15, message: 'What ADD unpacks from "app.tar.gz" stays in its own layer. The RUN on line 3 deletes part of it, which saves nothing.' }],
      output: null,
      remaining: 1,
    },
    {
      name: 'a git repository deleted after the build: no fix',
      code: dockerfile`
        FROM golang:1.25
        ADD https://github.com/example/tool.git#v1.0 /src/tool
        RUN make -C /src/tool install && rm -rf /src/tool
      `,
      errors: [{ line: 2, message: 'The repository ADD fetches stays in its own layer. The RUN on line 3 deletes it, which saves nothing.' }],
      output: null,
      remaining: 1,
    },
    {
      name: 'unpacked by one RUN and deleted by another: no fix',
      code: dockerfile`
        FROM node:22
        ADD https://example.com/x.tgz /tmp/
        RUN tar -xzf /tmp/x.tgz -C /opt
        RUN rm /tmp/x.tgz
      `,
      errors: [{ line: 2, message: 'The archive ADD downloads stays in its own layer. The RUN on line 3 unpacks it and the one on line 4 deletes it, which saves nothing.' }],
      output: null,
      remaining: 1,
    },
    {
      name: 'ONBUILD: reported, no fix',
      code: dockerfile`
        FROM node:22
        ONBUILD ADD https://example.com/x.tgz /tmp/
        ONBUILD RUN tar -xzf /tmp/x.tgz -C /opt && rm /tmp/x.tgz
      `,
      errors: [{ line: 2, column: 13, endColumn: 38 }],
      output: null,
      remaining: 1,
    },
    {
      name: 'CRLF line endings, lower-case keyword',
      code: dockerfile`
        FROM node:22
        add https://example.com/x.tgz /tmp/
        RUN tar -xzf /tmp/x.tgz -C /opt \
         && rm /tmp/x.tgz
      `.replace(/\n/g, '\r\n'),
      errors: [{ line: 2, column: 5, endColumn: 30 }],
      output: dockerfile`
        FROM node:22
        RUN curl -fsSL -o /tmp/x.tgz "https://example.com/x.tgz" \
         && tar -xzf /tmp/x.tgz -C /opt \
         && rm /tmp/x.tgz
      `.replace(/\n/g, '\r\n'),
    },
    {
      name: 'two ADDs, two findings',
      code: dockerfile`
        FROM node:22
        ADD https://example.com/a.tgz /tmp/
        RUN tar -xzf /tmp/a.tgz -C /opt && rm /tmp/a.tgz
        ADD https://example.com/b.deb /tmp/
        RUN dpkg -i /tmp/b.deb && rm /tmp/b.deb
      `,
      errors: [
        { line: 2, message: 'The archive ADD downloads stays in its own layer. The RUN on line 3 unpacks and deletes it, which saves nothing.' },
        { line: 4, message: 'The file ADD downloads stays in its own layer. The RUN on line 5 deletes it, which saves nothing.' },
      ],
      output: dockerfile`
        FROM node:22
        RUN curl -fsSL -o /tmp/a.tgz "https://example.com/a.tgz" \
            && tar -xzf /tmp/a.tgz -C /opt && rm /tmp/a.tgz
        RUN curl -fsSL -o /tmp/b.deb "https://example.com/b.deb" && dpkg -i /tmp/b.deb && rm /tmp/b.deb
      `,
    },
    {
      name: 'after USER: no fix (the RUN might not write where ADD did)',
      code: dockerfile`
        FROM node:22
        USER node
        ADD https://example.com/x.tgz /tmp/
        RUN tar -xzf /tmp/x.tgz -C /home/node && rm /tmp/x.tgz
      `,
      errors: [{ line: 3 }],
      output: null,
      remaining: 1,
    },
    {
      name: 'an image that starts as a non-root user (Chainguard -dev), no USER in the file: no fix',
      code: dockerfile`
        FROM cgr.dev/chainguard/python:latest-dev
        RUN curl -fsSLo /tmp/y.txt https://example.com/y.txt
        ADD https://example.com/x.tgz /tmp/
        RUN tar -xzf /tmp/x.tgz -C /tmp && rm /tmp/x.tgz
      `,
      errors: [{ line: 3 }],
      output: null,
      remaining: 1,
    },
    {
      name: 'a later instruction names the file: no fix',
      code: dockerfile`
        FROM node:22
        ADD https://example.com/x.tgz /srv/x.tgz
        RUN tar -xzf /srv/x.tgz -C /opt
        CMD ["ls", "/srv/x.tgz"]
      `,
      errors: [{ line: 2 }],
      output: null,
      remaining: 1,
    },
    {
      name: 'a ; list without set -e: no fix',
      code: dockerfile`
        FROM node:22
        ADD https://example.com/x.tgz /tmp/
        RUN tar -xzf /tmp/x.tgz -C /opt; rm /tmp/x.tgz
      `,
      errors: [{ line: 2 }],
      output: null,
      remaining: 1,
    },
    {
      name: 'escape directive: backtick continuation',
      code: dockerfile`
        # escape=${BT}
        FROM node:22
        ADD https://example.com/app-1.0.tar.gz /tmp/
        RUN tar -xzf /tmp/app-1.0.tar.gz -C /opt && rm /tmp/app-1.0.tar.gz
      `,
      errors: [{ line: 3 }],
      output: dockerfile`
        # escape=${BT}
        FROM node:22
        RUN curl -fsSL -o /tmp/app-1.0.tar.gz "https://example.com/app-1.0.tar.gz" ${BT}
            && tar -xzf /tmp/app-1.0.tar.gz -C /opt && rm /tmp/app-1.0.tar.gz
      `,
    },
    {
      name: 'JSON form, through a stage alias, relative destination',
      code: dockerfile`
        FROM node:22 AS base
        WORKDIR /build
        FROM base
        ADD ["https://example.com/x.tgz", "x.tgz"]
        RUN tar -xzf x.tgz -C /opt && rm x.tgz
      `,
      errors: [{ line: 4, column: 6, endColumn: 33 }],
      output: dockerfile`
        FROM node:22 AS base
        WORKDIR /build
        FROM base
        RUN curl -fsSL --create-dirs -o /build/x.tgz "https://example.com/x.tgz" \
            && tar -xzf x.tgz -C /opt && rm x.tgz
      `,
    },
  ],
});
