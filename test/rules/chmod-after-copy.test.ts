import rule from '../../server/src/engine/rules/chmod-after-copy.js';
import { dockerfile, testRule } from '../support/ruleTester.js';

const BT = '`';
const DOLLAR = '$';

testRule(rule, {
  valid: [
    {
      name: 'a mode change in an if or case branch may not run in the default build (an ARG that is off)',
      code: dockerfile`
        FROM python:3.12-slim
        ARG HARDEN=false
        COPY . /srv/app
        RUN if [ "${DOLLAR}HARDEN" = "true" ]; then \\
              chgrp -R 0 /srv/app && chmod -R g+rwX /srv/app; \\
            fi
        RUN case "${DOLLAR}HARDEN" in true) chown -R 1000 /srv/app ;; esac
      `,
    },
    {
      name: 'the same RUN rewrites the file (sed -i, dos2unix): it is stored again whatever its mode',
      code: dockerfile`
        FROM debian:bookworm-slim
        COPY start.sh /usr/local/bin/start.sh
        COPY tools/ /opt/tools/
        RUN sed -i 's/\\r$//' /usr/local/bin/start.sh && chmod +x /usr/local/bin/start.sh
        RUN cd /opt/tools && chmod 755 run.sh && dos2unix run.sh
      `,
    },
    {
      name: 'the mode and owner are set by the COPY',
      code: dockerfile`
        FROM debian:bookworm-slim
        COPY --chmod=755 entrypoint.sh /usr/local/bin/
        COPY --chown=app:app . /app
      `,
    },
    {
      name: 'a COPY that already has the same owner or mode: the RUN only repeats it',
      code: dockerfile`
        FROM debian:bookworm-slim
        COPY --chown=app:app . /app
        COPY --chmod=755 run.sh /usr/local/bin/run.sh
        RUN chown -R app:app /app && chmod 755 /usr/local/bin/run.sh
      `,
    },
    {
      name: 'the same owner from the same build arguments',
      code: dockerfile`
        FROM debian:bookworm-slim
        ARG UID=1000
        ARG GID=1000
        COPY --chown=${DOLLAR}{UID}:${DOLLAR}{GID} . /app
        RUN chown -R ${DOLLAR}{UID}:${DOLLAR}{GID} /app
      `,
    },
    {
      name: 'a file a RUN downloaded or created, not a COPY',
      code: dockerfile`
        FROM debian:bookworm-slim
        RUN curl -fsSL -o /usr/local/bin/tool https://example.com/tool && chmod 755 /usr/local/bin/tool
        RUN mkdir -p /data && chown -R 1000:1000 /data
      `,
    },
    {
      name: 'a file the same RUN writes inside a copied directory',
      code: dockerfile`
        FROM alpine:3.20
        COPY --from=installer ["/dotnet", "/usr/share/dotnet"]
        RUN printf '%s\\n' '#!/bin/sh' 'exec dotnet dnx "$@"' > /usr/share/dotnet/dnx \
            && chmod +x /usr/share/dotnet/dnx
      `,
    },
    {
      name: 'a path in a variable the stage does not set',
      code: dockerfile`
        FROM debian:bookworm-slim
        COPY run.sh /opt/run.sh
        RUN chmod 755 "$TARGET"
      `,
    },
    {
      name: 'without -R only the directory itself changes, not the files copied into it',
      code: dockerfile`
        FROM debian:bookworm-slim
        COPY dist/ /srv/www/
        COPY run.sh /opt/app/run.sh
        RUN chmod 755 /srv/www /opt/app
      `,
    },
    {
      name: 'without -R on a copied path a later RUN cds into or a WORKDIR names: a directory, whatever its name',
      code: dockerfile`
        FROM rust:1.83
        COPY hashmaxxing /root/tmp/hashmaxxing
        COPY site /srv/site
        RUN chmod 777 /root/tmp/hashmaxxing && chown 1000 /srv/site
        RUN cd /root/tmp/hashmaxxing && cargo build --release
        WORKDIR /srv/site
      `,
    },
    {
      name: 'builder stage is not shipped',
      code: dockerfile`
        FROM golang:1.23 AS build
        COPY . /src
        RUN chmod -R 755 /src && go build -o /out/app /src
        FROM gcr.io/distroless/static-debian12
        COPY --from=build /out/app /app
      `,
    },
    {
      name: 'the COPY is in the stage this one builds FROM',
      code: dockerfile`
        FROM debian:bookworm-slim AS base
        COPY run.sh /usr/local/bin/run.sh
        FROM base
        RUN chmod 755 /usr/local/bin/run.sh
      `,
    },
    {
      name: 'a file copied into / (a name with an extension): not a directory of contents',
      code: dockerfile`
        FROM debian:bookworm-slim
        COPY app.jar /
        RUN chmod +x /usr/local/bin/entrypoint
      `,
    },
    {
      name: 'a RUN between the contents copy into / and the chmod may have written the file',
      code: dockerfile`
        FROM debian:bookworm-slim
        COPY rootfs /
        RUN curl -fsSLo /usr/local/bin/tool https://example.com/tool
        RUN chmod +x /usr/local/bin/tool
      `,
    },
  ],
  invalid: [
    {
      name: 'an install and build in a folder under the changed path write files no instruction names: the message keeps the chown for them',
      code: dockerfile`
        FROM node:20-bookworm-slim
        RUN useradd -r svc
        COPY server/ /opt/svc/
        WORKDIR /opt/svc/ui
        RUN npm ci && npm run build
        WORKDIR /opt/svc
        RUN chown -R svc:svc /opt/svc
        USER svc
      `,
      errors: [
        {
          line: 7,
          message:
            '"chown -R" stores a second copy of "/opt/svc". It rewrites what the COPY on line 3 wrote: give that COPY --chown=svc:svc instead, and keep the "chown" only for what "npm ci" on line 5 writes in "/opt/svc/ui".',
        },
      ],
      output: null,
    },
    {
      name: 'python3 -m pip install -e . under the changed path writes files no instruction names (pip recognised by model/pip.ts)',
      code: dockerfile`
        FROM python:3.12-slim
        RUN useradd -r svc
        COPY server/ /opt/svc/
        WORKDIR /opt/svc/lib
        RUN python3 -m pip install --no-cache-dir -e .
        WORKDIR /opt/svc
        RUN chown -R svc:svc /opt/svc
        USER svc
      `,
      errors: [
        {
          line: 7,
          message:
            '"chown -R" stores a second copy of "/opt/svc". It rewrites what the COPY on line 3 wrote: give that COPY --chown=svc:svc instead, and keep the "chown" only for what "python3 -m pip install" on line 5 writes in "/opt/svc/lib".',
        },
      ],
      output: null,
    },
    {
      name: 'the owner is created by the same RUN, after the COPY: no fix, the advice says to create it first',
      code: dockerfile`
        FROM python:3.12-slim
        COPY app.py /app/app.py
        RUN useradd -m appuser && chown appuser:appuser /app/app.py
        USER appuser
      `,
      errors: [
        {
          line: 3,
          column: 27,
          endColumn: 60,
          message:
            '"chown" stores a second copy of "/app/app.py". It rewrites what the COPY on line 2 wrote: create "appuser" in a RUN before that COPY (this RUN creates it after), then give that COPY --chown=appuser:appuser instead.',
        },
      ],
      output: null,
    },
    {
      name: 'the owner is created by an earlier RUN that comes after the COPY: the advice names that RUN',
      code: dockerfile`
        FROM python:3.12-slim
        WORKDIR /srv
        COPY settings.toml ./
        RUN groupadd -r svc && useradd -r -g svc svc
        RUN chown -R svc:svc /srv
        USER svc
      `,
      errors: [
        {
          line: 5,
          column: 5,
          endColumn: 26,
          message:
            '"chown -R" stores a second copy of "/srv". It rewrites what the COPY on line 3 wrote: create "svc" in a RUN before that COPY (the RUN on line 4 creates it after), then give that COPY --chown=svc:svc instead, and keep the "chown" only for "/srv" itself (without -R).',
        },
      ],
      output: null,
    },
    {
      name: 'a RUN in between made directories under the path: the message keeps the chown for them',
      code: dockerfile`
        FROM python:3.12-slim
        RUN useradd -r web
        COPY site /srv/site
        RUN mkdir -p /srv/site/media
        RUN chown -R web:web /srv/site
        USER web
      `,
      errors: [
        {
          line: 5,
          message:
            '"chown -R" stores a second copy of "/srv/site". It rewrites what the COPY on line 3 wrote: give that COPY --chown=web:web instead, and keep the "chown" only for "/srv/site/media" (made by the RUN on line 4).',
        },
      ],
      output: null,
    },
    {
      name: 'the same RUN makes a directory before the chown; one made and removed in between does not count',
      code: dockerfile`
        FROM python:3.12-slim
        WORKDIR /srv
        COPY app.py ./
        RUN mkdir -p /srv/tmp && touch /srv/tmp/x && rm -rf /srv/tmp
        RUN useradd -r web && mkdir -p /srv/data && chown -R web:web /srv
        USER web
      `,
      errors: [
        {
          line: 5,
          message:
            'then give that COPY --chown=web:web instead, and keep the "chown" only for "/srv" itself (without -R), "/srv/data" (made by this RUN).',
        },
      ],
      output: null,
    },
    {
      name: 'COPY dir / then chmod of a file under /usr/local/bin: the same smell, no fix (the mode would go to every file)',
      code: dockerfile`
        FROM debian:bookworm-slim
        COPY rootfs /
        RUN chmod +x /usr/local/bin/entrypoint
      `,
      errors: [
        {
          line: 3,
          column: 5,
          endColumn: 39,
          message: '"chmod" stores a second copy of "/usr/local/bin/entrypoint". It rewrites what the COPY on line 2 wrote: give that COPY --chmod with the final mode in octal instead.',
        },
      ],
      output: null,
    },
    {
      name: 'contents of a directory copied into /usr/local/bin, then chmod 755',
      code: dockerfile`
        FROM debian:bookworm-slim
        COPY scripts/ /usr/local/bin/
        RUN chmod 755 /usr/local/bin/start.sh
      `,
      errors: [{ line: 3, column: 5, endColumn: 38, message: '"chmod" stores a second copy of "/usr/local/bin/start.sh". It rewrites what the COPY on line 2 wrote: give that COPY --chmod=755 instead.' }],
      output: null,
    },
    {
      name: 'octal chmod of a copied file: the RUN goes, the COPY gets --chmod',
      code: dockerfile`
        FROM debian:bookworm-slim
        COPY docker-entrypoint.sh /usr/local/bin/
        RUN chmod 755 /usr/local/bin/docker-entrypoint.sh
        ENTRYPOINT ["docker-entrypoint.sh"]
      `,
      errors: [
        {
          line: 3,
          column: 5,
          endColumn: 50,
          message: '"chmod" stores a second copy of "/usr/local/bin/docker-entrypoint.sh". It rewrites what the COPY on line 2 wrote: give that COPY --chmod=755 instead.',
        },
      ],
      output: dockerfile`
        FROM debian:bookworm-slim
        COPY --chmod=755 docker-entrypoint.sh /usr/local/bin/
        ENTRYPOINT ["docker-entrypoint.sh"]
      `,
      safeOutput: dockerfile`
        FROM debian:bookworm-slim
        COPY docker-entrypoint.sh /usr/local/bin/
        RUN chmod 755 /usr/local/bin/docker-entrypoint.sh
        ENTRYPOINT ["docker-entrypoint.sh"]
      `,
      fixSafety: 'unsafe',
    },
    {
      name: 'chown -R of the directory a COPY made, user created before the COPY',
      code: dockerfile`
        FROM python:3.12-slim
        RUN useradd -r app
        COPY --from=build /app /app
        RUN chown -R app:app /app
        USER app
      `,
      errors: [{ line: 4, column: 5, endColumn: 26, message: 'give that COPY --chown=app:app instead' }],
      output: dockerfile`
        FROM python:3.12-slim
        RUN useradd -r app
        COPY --from=build --chown=app:app /app /app
        USER app
      `,
    },
    {
      name: 'symbolic mode: no fix, --chmod needs the final mode in octal',
      code: dockerfile`
        FROM debian:bookworm-slim
        COPY start.sh /start.sh
        RUN chmod +x /start.sh
      `,
      errors: [{ line: 3, column: 5, endColumn: 23, message: 'give that COPY --chmod with the final mode in octal instead' }],
      output: null,
      remaining: 1,
    },
    {
      name: 'the user is created in the same RUN: at COPY time it does not exist yet',
      code: dockerfile`
        FROM debian:bookworm-slim
        COPY . /app
        RUN useradd -r app && chown -R app /app
      `,
      errors: [{ line: 3, column: 23, endColumn: 40, message: '--chown=app:0' }],
      output: null,
      remaining: 1,
    },
    {
      name: 'an owner in a variable: reported, not fixed',
      code: dockerfile`
        FROM debian:bookworm-slim
        ARG APP_USER=app
        COPY . /app
        RUN chown -R "$APP_USER" /app
      `,
      errors: [{ line: 4, column: 5, endColumn: 30, message: 'give that COPY --chown instead' }],
      output: null,
      remaining: 1,
    },
    {
      name: 'WORKDIR made the directory first: COPY --chown would leave it owned by root',
      code: dockerfile`
        FROM node:22-slim
        WORKDIR /app
        COPY . .
        RUN chown -R node:node .
      `,
      errors: [{ line: 4, column: 5, endColumn: 25, message: '"chown -R" stores a second copy of "/app".' }],
      output: null,
      remaining: 1,
    },
    {
      name: 'a RUN between the COPY and the chown may write there too',
      code: dockerfile`
        FROM node:22-slim
        COPY . /app
        RUN cd /app && npm ci --omit=dev
        RUN chown -R 1000:1000 /app
      `,
      errors: [{ line: 4 }],
      output: null,
      remaining: 1,
    },
    {
      name: 'first command of a chain with a continuation; numeric owner',
      code: dockerfile`
        FROM debian:bookworm-slim
        COPY --from=build /out/app /opt/app
        RUN chown -R 1000:1000 /opt/app \
         && echo done
      `,
      errors: [{ line: 3, column: 5, endColumn: 32 }],
      output: dockerfile`
        FROM debian:bookworm-slim
        COPY --from=build --chown=1000:1000 /out/app /opt/app
        RUN echo done
      `,
    },
    {
      name: 'middle of a set -e ; list',
      code: dockerfile`
        FROM debian:bookworm-slim
        ADD https://example.com/tini /tini
        RUN set -eux; \
            chmod 0755 /tini; \
            /tini --version
      `,
      errors: [{ line: 4, column: 5, endColumn: 21, message: 'the ADD on line 2 wrote: give that ADD --chmod=0755 instead' }],
      output: dockerfile`
        FROM debian:bookworm-slim
        ADD --chmod=0755 https://example.com/tini /tini
        RUN set -eux; \
            /tini --version
      `,
    },
    {
      name: 'last command of a chain; a user name without a group keeps group 0',
      code: dockerfile`
        FROM debian:bookworm-slim
        COPY app.conf /etc/app/
        RUN chown app /etc/app/app.conf && chmod 600 /etc/app/app.conf
      `,
      errors: [
        { line: 3, column: 5, endColumn: 32, message: '--chown=app:0' },
        { line: 3, column: 36, endColumn: 63, message: '--chmod=600' },
      ],
      // The chown moves; a mode without search permission would also go to the /etc/app the COPY creates.
      output: dockerfile`
        FROM debian:bookworm-slim
        COPY --chown=app:0 app.conf /etc/app/
        RUN chmod 600 /etc/app/app.conf
      `,
      remaining: 1,
    },
    {
      name: 'two COPYs named by one command; the mode and the owner both move (two findings)',
      code: dockerfile`
        FROM debian:bookworm-slim
        RUN groupadd -r app && useradd -r -g app app
        COPY a.sh /usr/local/bin/
        COPY b.sh /usr/local/bin/
        RUN chmod 755 /usr/local/bin/a.sh /usr/local/bin/b.sh && chown app:app /usr/local/bin/a.sh
      `,
      errors: [
        { line: 5, column: 5, endColumn: 54, message: 'what the COPY instructions on lines 3 and 4 wrote: give those instructions' },
        { line: 5, column: 58, endColumn: 91 },
      ],
      output: dockerfile`
        FROM debian:bookworm-slim
        RUN groupadd -r app && useradd -r -g app app
        COPY --chmod=755 --chown=app:app a.sh /usr/local/bin/
        COPY --chmod=755 b.sh /usr/local/bin/
      `,
    },
    {
      name: 'chown -R of a directory above several copies: reported, not fixed',
      code: dockerfile`
        FROM eclipse-temurin:21-jre
        COPY app.jar /opt/app/app.jar
        COPY conf/ /opt/app/conf/
        RUN chown -R 1000 /opt/app
      `,
      errors: [{ line: 4, message: '"chown -R" stores a second copy of "/opt/app". It rewrites what the COPY instructions on lines 2 and 3 wrote' }],
      output: null,
      remaining: 1,
    },
    {
      name: 'a file inside a copied directory',
      code: dockerfile`
        FROM python:3.12-slim
        COPY . /app
        RUN chmod 755 /app/start.sh
      `,
      errors: [{ line: 3, column: 5, endColumn: 28 }],
      output: null,
      remaining: 1,
    },
    {
      name: 'exec form and an ENV path',
      code: dockerfile`
        FROM debian:bookworm-slim
        ENV APP_HOME=/srv/app
        COPY run $APP_HOME/run
        RUN ["chmod", "755", "/srv/app/run"]
        RUN chown -R 1000:1000 "$APP_HOME/run"
      `,
      errors: [{ line: 4, column: 6, endColumn: 36 }, { line: 5, column: 5, endColumn: 39 }],
      output: dockerfile`
        FROM debian:bookworm-slim
        ENV APP_HOME=/srv/app
        COPY --chmod=755 --chown=1000:1000 run $APP_HOME/run
      `,
    },
    {
      name: 'ONBUILD triggers',
      code: dockerfile`
        FROM debian:bookworm-slim
        ONBUILD COPY run.sh /usr/local/bin/
        ONBUILD RUN chmod 755 /usr/local/bin/run.sh
      `,
      errors: [{ line: 3, column: 13, endColumn: 44 }],
      output: dockerfile`
        FROM debian:bookworm-slim
        ONBUILD COPY --chmod=755 run.sh /usr/local/bin/
      `,
    },
    {
      name: 'an || fallback, options that change what is touched, and a different owner on the COPY: reported, not fixed',
      code: dockerfile`
        FROM debian:bookworm-slim
        COPY run.sh /usr/local/bin/run.sh
        COPY --chown=root:staff conf /etc/app
        RUN chmod 755 /usr/local/bin/run.sh || echo 'no chmod'
        RUN chown -h 1000 /usr/local/bin/run.sh
        RUN chown -R 1000:1000 /etc/app
      `,
      errors: [{ line: 4 }, { line: 5 }, { line: 6 }],
      output: null,
      remaining: 3,
    },
    {
      name: 'a comment line inside the text that would go: reported, not fixed',
      code: dockerfile`
        FROM debian:bookworm-slim
        COPY run.sh /usr/local/bin/run.sh
        RUN chmod 755 /usr/local/bin/run.sh \
        # then check it
         && /usr/local/bin/run.sh --version
      `,
      errors: [{ line: 3 }],
      output: null,
      remaining: 1,
    },
    {
      name: 'heredoc, custom POSIX SHELL and a cache mount',
      code: dockerfile`
        # syntax=docker/dockerfile:1
        FROM debian:bookworm-slim
        SHELL ["/bin/bash", "-eo", "pipefail", "-c"]
        COPY run.sh /usr/local/bin/run.sh
        RUN --mount=type=cache,target=/root/.cache <<EOF
        chmod 755 /usr/local/bin/run.sh
        run.sh --check
        EOF
      `,
      errors: [{ line: 6, column: 1, endColumn: 32 }],
      output: dockerfile`
        # syntax=docker/dockerfile:1
        FROM debian:bookworm-slim
        SHELL ["/bin/bash", "-eo", "pipefail", "-c"]
        COPY --chmod=755 run.sh /usr/local/bin/run.sh
        RUN --mount=type=cache,target=/root/.cache <<EOF
        run.sh --check
        EOF
      `,
    },
    {
      name: 'multi-stage: the final stage copies from the builder',
      code: dockerfile`
        FROM golang:1.23 AS build
        RUN go build -o /out/app ./cmd/app
        FROM debian:bookworm-slim
        COPY --from=build /out/app /usr/local/bin/app
        RUN chmod 0755 /usr/local/bin/app
      `,
      errors: [{ line: 5 }],
      output: dockerfile`
        FROM golang:1.23 AS build
        RUN go build -o /out/app ./cmd/app
        FROM debian:bookworm-slim
        COPY --from=build --chmod=0755 /out/app /usr/local/bin/app
      `,
    },
    {
      name: 'escape directive and lower-case instructions',
      code: dockerfile`
        # escape=${BT}
        from debian:bookworm-slim
        copy run.sh /usr/local/bin/
        run chmod 755 ${BT}
              /usr/local/bin/run.sh
      `,
      errors: [{ line: 4, column: 5, endLine: 5, endColumn: 28 }],
      output: dockerfile`
        # escape=${BT}
        from debian:bookworm-slim
        copy --chmod=755 run.sh /usr/local/bin/
      `,
    },
    {
      name: 'CRLF line endings are kept',
      code: dockerfile`
        FROM debian:bookworm-slim
        COPY run.sh /usr/local/bin/
        RUN chmod 755 /usr/local/bin/run.sh \
         && run.sh --check
      `.replace(/\n/g, '\r\n'),
      errors: [{ line: 3, column: 5, endColumn: 36 }],
      output: dockerfile`
        FROM debian:bookworm-slim
        COPY --chmod=755 run.sh /usr/local/bin/
        RUN run.sh --check
      `.replace(/\n/g, '\r\n'),
    },
  ],
});
