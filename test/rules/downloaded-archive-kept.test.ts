import rule from '../../server/src/engine/rules/downloaded-archive-kept.js';
import { dockerfile, testRule } from '../support/ruleTester.js';

testRule(rule, {
  valid: [
    {
      name: 'downloaded, unpacked and deleted in one RUN',
      code: dockerfile`
        FROM debian:bookworm-slim
        RUN curl -fsSL -o /tmp/node.tar.xz https://nodejs.org/dist/v22.0.0/node-v22.0.0-linux-x64.tar.xz \
         && tar -xJf /tmp/node.tar.xz -C /usr/local --strip-components=1 \
         && rm /tmp/node.tar.xz
      `,
    },
    {
      name: 'piped into tar: no file is written',
      code: dockerfile`
        FROM debian:bookworm-slim
        RUN curl -fsSL https://example.com/tool.tar.gz | tar -xz -C /usr/local/bin
      `,
    },
    {
      name: 'wget -qO- into a pipe: no file',
      code: dockerfile`
        FROM debian:bookworm-slim
        RUN wget -qO- https://example.com/tool.tar.gz | tar -xz -C /usr/local/bin
      `,
    },
    {
      name: 'the directory it was downloaded into is removed',
      code: dockerfile`
        FROM debian:bookworm-slim
        RUN mkdir /build && cd /build && wget https://example.com/src/app-1.0.tar.gz && tar xf app-1.0.tar.gz && cd / && rm -rf /build
      `,
    },
    {
      name: 'downloaded but never unpacked (a jar that runs as it is)',
      code: dockerfile`
        FROM eclipse-temurin:21-jre
        RUN curl -fsSL -o /app.jar https://example.com/app.jar
      `,
    },
    {
      name: 'in a builder stage: does not ship',
      code: dockerfile`
        FROM debian:bookworm-slim AS fetch
        RUN curl -fsSLO https://example.com/tool.tar.gz && tar -xzf tool.tar.gz -C /opt
        FROM debian:bookworm-slim
        COPY --from=fetch /opt /opt
      `,
    },
    {
      name: 'deleted in a later RUN: that is cleanup-in-later-layer\'s finding, not this rule\'s',
      code: dockerfile`
        FROM debian:bookworm-slim
        WORKDIR /tmp
        RUN wget https://example.com/tool.zip && unzip tool.zip -d /opt
        RUN rm tool.zip
      `,
    },
    {
      name: 'cd into a directory named with a variable, back with cd .., then rm of a glob (a false positive found on a real file)',
      code: dockerfile`
        FROM alpine:3.20
        ARG SAMTOOLS_VERSION
        WORKDIR /build
        RUN curl -L -o samtools.tar.bz2 https://github.com/samtools/samtools/releases/download/${'${SAMTOOLS_VERSION}'}/samtools-${'${SAMTOOLS_VERSION}'}.tar.bz2 && \
            tar -xjf samtools.tar.bz2 && \
            cd samtools-${'${SAMTOOLS_VERSION}'} && \
            make && make install && \
            cd .. && rm -rf samtools*
      `,
    },
    {
      name: 'in a last stage named test built FROM the app stage: the image that ships is the app stage (found on real files)',
      code: dockerfile`
        FROM ubuntu:noble AS app
        RUN echo app
        FROM app AS test
        WORKDIR /test
        RUN wget -q https://zenodo.org/records/10733190/files/df_test_files.tar.gz && tar -xvf df_test_files.tar.gz
      `,
    },
  ],
  invalid: [
    {
      name: 'curl -o and tar in one RUN: safe fix deletes it at the end',
      code: dockerfile`
        FROM debian:bookworm-slim
        RUN curl -fsSL -o /tmp/go.tar.gz https://go.dev/dl/go1.22.0.linux-amd64.tar.gz \
         && tar -C /usr/local -xzf /tmp/go.tar.gz
      `,
      errors: [{ line: 2, column: 5, endColumn: 79, message: 'The downloaded archive /tmp/go.tar.gz is kept in the image: it is unpacked in this RUN but never deleted; delete it at the end of this RUN.' }],
      output: dockerfile`
        FROM debian:bookworm-slim
        RUN curl -fsSL -o /tmp/go.tar.gz https://go.dev/dl/go1.22.0.linux-amd64.tar.gz \
         && tar -C /usr/local -xzf /tmp/go.tar.gz \
         && rm -f /tmp/go.tar.gz
      `,
      fixSafety: 'safe',
    },
    {
      name: 'wget into WORKDIR and dpkg -i; curl -O and unzip: one fix deletes both (reports twice)',
      code: dockerfile`
        FROM debian:bookworm-slim
        WORKDIR /opt
        RUN wget -q https://example.com/pkg/tool_1.0_amd64.deb && dpkg -i tool_1.0_amd64.deb && curl -LO https://example.com/data.zip && unzip data.zip
      `,
      errors: [
        { line: 3, column: 5, endColumn: 55, message: 'The downloaded archive /opt/tool_1.0_amd64.deb is kept in the image: it is installed in this RUN' },
        { line: 3, column: 89, endColumn: 126, message: 'The downloaded archive /opt/data.zip is kept in the image: it is unpacked in this RUN' },
      ],
      output: dockerfile`
        FROM debian:bookworm-slim
        WORKDIR /opt
        RUN wget -q https://example.com/pkg/tool_1.0_amd64.deb && dpkg -i tool_1.0_amd64.deb && curl -LO https://example.com/data.zip && unzip data.zip \
            && rm -f /opt/tool_1.0_amd64.deb /opt/data.zip
      `,
    },
    {
      name: 'clustered short options: curl -fsSLo, wget -qO; lower-case run, CRLF',
      code: 'FROM debian:bookworm-slim\r\nrun curl -fsSLo /tmp/a.tgz https://example.com/a.tgz && tar xzf /tmp/a.tgz -C /opt\r\nRUN wget -qO /tmp/b.zip https://example.com/b.zip && unzip /tmp/b.zip -d /opt\r\n',
      errors: [
        { line: 2, column: 5, endColumn: 53 },
        { line: 3, column: 5, endColumn: 50 },
      ],
      output: 'FROM debian:bookworm-slim\r\nrun curl -fsSLo /tmp/a.tgz https://example.com/a.tgz && tar xzf /tmp/a.tgz -C /opt \\\r\n    && rm -f /tmp/a.tgz\r\nRUN wget -qO /tmp/b.zip https://example.com/b.zip && unzip /tmp/b.zip -d /opt && rm -f /tmp/b.zip\r\n',
    },
    {
      name: 'cd into a directory named with a variable: the directory it came from is still known; rm inside removes nothing of it',
      code: dockerfile`
        FROM debian:bookworm-slim
        ARG V=1.0
        WORKDIR /src
        RUN wget https://example.com/app.tar.gz && tar xzf app.tar.gz && cd app-$V && make install && rm -f app.tar.gz
      `,
      errors: [{ line: 4, column: 5, endColumn: 40, message: 'The downloaded archive /src/app.tar.gz is kept in the image: it is unpacked in this RUN but never deleted; delete it at the end of this RUN.' }],
      output: dockerfile`
        FROM debian:bookworm-slim
        ARG V=1.0
        WORKDIR /src
        RUN wget https://example.com/app.tar.gz && tar xzf app.tar.gz && cd app-$V && make install && rm -f app.tar.gz \
            && rm -f /src/app.tar.gz
      `,
    },
    {
      name: 'backtick escape directive, heredoc, custom SHELL with || and ;: reported three times; ONBUILD and a cache mount are not',
      code: "# escape=`\nFROM debian:bookworm-slim\nRUN curl -fsSLo /tmp/a.tgz https://example.com/a.tgz `\n && tar xzf /tmp/a.tgz -C /opt\nRUN <<EOF\ncurl -fsSLo /tmp/b.tgz https://example.com/b.tgz\ntar xzf /tmp/b.tgz -C /opt\nEOF\nONBUILD RUN curl -fsSLo /tmp/c.tgz https://example.com/c.tgz && tar xzf /tmp/c.tgz\nRUN --mount=type=cache,target=/dl curl -fsSLo /dl/d.tgz https://example.com/d.tgz && tar xzf /dl/d.tgz -C /opt\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN curl -fsSLo /tmp/e.tgz https://example.com/e.tgz || true; tar xzf /tmp/e.tgz -C /opt\n",
      errors: [
        { line: 3, column: 5, endColumn: 53, message: 'The downloaded archive /tmp/a.tgz is kept in the image' },
        { line: 6, column: 1, endColumn: 49, message: 'The downloaded archive /tmp/b.tgz is kept in the image' },
        { line: 12, column: 5, endColumn: 53, message: 'The downloaded archive /tmp/e.tgz is kept in the image' },
      ],
      output: "# escape=`\nFROM debian:bookworm-slim\nRUN curl -fsSLo /tmp/a.tgz https://example.com/a.tgz `\n && tar xzf /tmp/a.tgz -C /opt `\n && rm -f /tmp/a.tgz\nRUN <<EOF\ncurl -fsSLo /tmp/b.tgz https://example.com/b.tgz\ntar xzf /tmp/b.tgz -C /opt\nrm -f /tmp/b.tgz\nEOF\nONBUILD RUN curl -fsSLo /tmp/c.tgz https://example.com/c.tgz && tar xzf /tmp/c.tgz\nRUN --mount=type=cache,target=/dl curl -fsSLo /dl/d.tgz https://example.com/d.tgz && tar xzf /dl/d.tgz -C /opt\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN curl -fsSLo /tmp/e.tgz https://example.com/e.tgz || true; tar xzf /tmp/e.tgz -C /opt; `\n    rm -f /tmp/e.tgz\n",
    },
    {
      name: 'downloaded in one RUN, unpacked in a later one: no fix (the download layer keeps it)',
      code: dockerfile`
        FROM debian:bookworm-slim
        RUN curl -fsSL -o /tmp/jdk.tar.gz https://example.com/jdk.tar.gz
        RUN tar -xzf /tmp/jdk.tar.gz -C /opt
      `,
      errors: [{ line: 2, column: 5, endColumn: 65, message: 'it is unpacked on line 3 but never deleted; download, unpack and delete it in one RUN.' }],
      output: null,
    },
    {
      name: 'a later instruction names the file: reported, no fix',
      code: dockerfile`
        FROM debian:bookworm-slim
        RUN curl -o /srv/site.tar https://example.com/site.tar && tar -xf /srv/site.tar -C /srv
        CMD ["sh", "-c", "sha256sum /srv/site.tar && exec nginx"]
      `,
      errors: [{ line: 2, column: 5, endColumn: 55 }],
      output: null,
    },
  ],
});
