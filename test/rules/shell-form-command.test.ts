import rule from '../../server/src/engine/rules/shell-form-command.js';
import { dockerfile, testRule } from '../support/ruleTester.js';

testRule(rule, {
  valid: [
    {
      name: 'JSON arrays that are the whole text (spaces, a continuation, a trailing space) are exec form',
      code: dockerfile`
        FROM gcr.io/distroless/static-debian12
        ENTRYPOINT [ "/app", \
            "serve" ]
        CMD ["--port", "80"] 
      `,
    },
    {
      name: 'a shell-form CMD replaced by a later CMD of the same stage never runs',
      code: dockerfile`
        FROM debian:bookworm-slim
        ENTRYPOINT ["/srv/tool"]
        CMD touch marker
        CMD ["--serve", "/data"]
      `,
    },
    {
      name: '/bin/sh linked to bash earlier: bash execs the one command, so the program is PID 1',
      code: dockerfile`
        FROM debian:bookworm-slim
        RUN rm /bin/sh && ln -sf /bin/bash /bin/sh
        CMD /usr/local/bin/server --port 80
      `,
    },
    {
      name: 'bash as /bin/sh execs one command after expanding its glob (openjdk:16 is Oracle Linux)',
      code: dockerfile`
        FROM openjdk:16
        COPY build/libs/*.jar /srv/
        CMD java -jar /srv/*.jar
      `,
    },
    {
      name: 'a Red Hat family base, whose /bin/sh is bash',
      code: dockerfile`
        FROM rockylinux:9
        COPY server /usr/local/bin/server
        ENTRYPOINT /usr/local/bin/server --port 80
      `,
    },
    {
      name: 'exec form',
      code: dockerfile`
        FROM node:22-slim
        ENTRYPOINT ["node"]
        CMD ["server.js"]
      `,
    },
    {
      name: 'custom SHELL: the author chose the shell',
      code: dockerfile`
        FROM mcr.microsoft.com/windows/servercore:ltsc2022
        SHELL ["powershell", "-Command"]
        CMD Write-Host hello
      `,
    },
    {
      name: 'shell-form HEALTHCHECK on an image with a shell; exec-form HEALTHCHECK and NONE on scratch',
      code: dockerfile`
        FROM debian:bookworm-slim AS base
        HEALTHCHECK --interval=30s CMD curl -f http://localhost/ || exit 1
        FROM scratch
        HEALTHCHECK --interval=5s CMD ["/app", "health"]
        HEALTHCHECK NONE
      `,
    },
    {
      name: 'scratch with a file copied to /bin/sh: shell form runs it (a real file copies its own program there); a JSON array across a continuation',
      code: dockerfile`
        FROM scratch
        HEALTHCHECK --retries=10 CMD http://localhost:1080/health
        ENTRYPOINT [ "/bin/sh" ]
        COPY bin/api /bin/sh
        FROM gcr.io/distroless/static-debian12 AS b
        COPY busybox sh /bin/
        HEALTHCHECK CMD wget -q -O- http://localhost/
        FROM gcr.io/distroless/static-debian12
        HEALTHCHECK CMD ["/app", \
            "health"]
      `,
    },
    {
      name: 'builder stage CMD does not ship',
      code: dockerfile`
        FROM golang:1.25 AS build
        CMD go test ./...
        FROM scratch
        COPY --from=build /app /app
        ENTRYPOINT ["/app"]
      `,
    },
  ],
  invalid: [
    {
      name: 'CMD as a JSON array followed by || exit 1 on an image with a shell: shell form (sh runs "[node,", not found); unsafe fix keeps the array',
      code: dockerfile`
        FROM node:22-slim
        CMD ["node", "server.js"] || exit 1
      `,
      errors: [{ line: 2, column: 5, endColumn: 36, severity: 'warning', message: 'CMD in shell form runs through /bin/sh -c: the program gets no stop signals. The text after the JSON array makes it shell form: Docker runs the whole line with /bin/sh -c.' }],
      output: dockerfile`
        FROM node:22-slim
        CMD ["node", "server.js"]
      `,
      fixSafety: 'unsafe',
    },
    {
      name: 'ENTRYPOINT as a JSON array (across a continuation) followed by ||exit 1 on a shell-less image: error, safe fix keeps the array as written',
      code: dockerfile`
        FROM gcr.io/distroless/static-debian12
        COPY app /app
        ENTRYPOINT ["/app", \
            "serve"]||exit 1
      `,
      errors: [{ line: 3, column: 12, endLine: 4, endColumn: 21, severity: 'error', message: 'ENTRYPOINT in shell form needs /bin/sh: the container will not start. "gcr.io/distroless/static-debian12" has no shell. The text after the JSON array makes it shell form: Docker runs the whole line with /bin/sh -c.' }],
      output: dockerfile`
        FROM gcr.io/distroless/static-debian12
        COPY app /app
        ENTRYPOINT ["/app", \
            "serve"]
      `,
      fixSafety: 'safe',
    },
    {
      name: 'other text after the array: reported, no fix (CMD feeding an ENTRYPOINT; ENTRYPOINT on a shell-less image)',
      code: dockerfile`
        FROM gcr.io/distroless/static-debian12
        ENTRYPOINT ["/app"] && echo started
        CMD ["--port", "80"] # the port
      `,
      errors: [
        { line: 2, column: 12, endColumn: 36, severity: 'error' },
        { line: 3, column: 5, endColumn: 32, severity: 'warning', message: 'CMD in shell form passes "/bin/sh -c …" to the ENTRYPOINT as its arguments. The text after the JSON array makes it shell form: Docker runs the whole line with /bin/sh -c.' },
      ],
      output: null,
    },
    {
      name: 'a later CMD in a stage built FROM this one does not replace it: this stage ships on its own',
      code: dockerfile`
        FROM debian:bookworm-slim AS base
        CMD /usr/local/bin/server --port 80
        FROM base AS debug
        CMD ["/usr/local/bin/server", "--debug"]
      `,
      errors: [{ line: 2, column: 5, endColumn: 36, severity: 'warning', message: 'the program gets no stop signals' }],
      output: dockerfile`
        FROM debian:bookworm-slim AS base
        CMD ["/usr/local/bin/server", "--port", "80"]
        FROM base AS debug
        CMD ["/usr/local/bin/server", "--debug"]
      `,
    },
    {
      name: 'bash as /bin/sh does not exec a chain of commands',
      code: dockerfile`
        FROM rockylinux:9
        CMD /usr/local/bin/migrate && /usr/local/bin/server
      `,
      errors: [{ line: 2, column: 5, endColumn: 52, severity: 'warning', message: 'the program gets no stop signals' }],
      output: null,
    },
    {
      name: 'scratch has no shell: error, safe fix',
      code: dockerfile`
        FROM scratch
        COPY hello /
        CMD ./hello
      `,
      errors: [{ line: 3, column: 5, endColumn: 12, severity: 'error', message: 'CMD in shell form needs /bin/sh: the container will not start. "scratch" has no shell.' }],
      output: dockerfile`
        FROM scratch
        COPY hello /
        CMD ["./hello"]
      `,
      fixSafety: 'safe',
    },
    {
      name: 'distroless through a stage alias',
      code: dockerfile`
        FROM gcr.io/distroless/static-debian12 AS runtime
        FROM runtime
        ENTRYPOINT /app --port 8080
      `,
      errors: [{ line: 3, column: 12, endColumn: 28, severity: 'error' }],
      output: dockerfile`
        FROM gcr.io/distroless/static-debian12 AS runtime
        FROM runtime
        ENTRYPOINT ["/app", "--port", "8080"]
      `,
    },
    {
      name: 'image with a shell: warning, unsafe fix (the program becomes PID 1)',
      code: dockerfile`
        FROM node:22-slim
        CMD node "server.js" --title 'my app'
      `,
      errors: [{ line: 2, column: 5, endColumn: 38, severity: 'warning', message: 'CMD in shell form runs through /bin/sh -c: the program gets no stop signals.' }],
      output: dockerfile`
        FROM node:22-slim
        CMD ["node", "server.js", "--title", "my app"]
      `,
      fixSafety: 'unsafe',
      safeOutput: null,
    },
    {
      name: 'variable expansion: no fix, says why',
      code: dockerfile`
        FROM python:3.12-slim
        CMD python -m http.server $PORT
      `,
      errors: [{ line: 2, message: 'expands variables' }],
      output: null,
    },
    {
      name: 'chained commands: no fix',
      code: dockerfile`
        FROM python:3.12-slim
        CMD ./migrate && exec ./serve
      `,
      errors: [{ line: 2, message: 'chains or redirects' }],
      output: null,
    },
    {
      name: 'glob: no fix',
      code: dockerfile`
        FROM python:3.12-slim
        CMD python /app/*.py
      `,
      errors: [{ line: 2, message: 'globs' }],
      output: null,
    },
    {
      name: 'shell-form CMD feeding an ENTRYPOINT',
      code: dockerfile`
        FROM scratch
        ENTRYPOINT ["/app"]
        CMD --port 80
      `,
      errors: [{ line: 3, severity: 'warning', message: 'as its arguments' }],
      output: dockerfile`
        FROM scratch
        ENTRYPOINT ["/app"]
        CMD ["--port", "80"]
      `,
      fixSafety: 'unsafe',
    },
    {
      name: 'a shell script: exec form runs it with /bin/sh, as it may have no #! line',
      code: dockerfile`
        FROM python:3.12-slim
        CMD ./run.sh --port 8080
      `,
      errors: [
        {
          line: 2,
          column: 5,
          endColumn: 25,
          message:
            'CMD in shell form runs through /bin/sh -c: the program gets no stop signals. The fix runs the script with /bin/sh: exec form cannot run a script that has no #! line (check that the script does not need bash).',
        },
      ],
      output: dockerfile`
        FROM python:3.12-slim
        CMD ["/bin/sh", "./run.sh", "--port", "8080"]
      `,
      fixSafety: 'unsafe',
    },
    {
      name: 'an ENTRYPOINT script by absolute path',
      code: dockerfile`
        FROM debian:bookworm-slim
        ENTRYPOINT /usr/local/bin/docker-entrypoint.sh
      `,
      errors: [{ line: 2, column: 12, endColumn: 47 }],
      output: dockerfile`
        FROM debian:bookworm-slim
        ENTRYPOINT ["/bin/sh", "/usr/local/bin/docker-entrypoint.sh"]
      `,
    },
    {
      name: 'a bash script: no fix, says why',
      code: dockerfile`
        FROM debian:bookworm-slim
        CMD ./start.bash
      `,
      errors: [{ line: 2, message: 'CMD in shell form runs through /bin/sh -c: the program gets no stop signals. No automatic fix: the command runs a script that may lack a #! line, which exec form cannot run.' }],
      output: null,
    },
    {
      name: 'a shell script on an image without a shell: error, no fix',
      code: dockerfile`
        FROM scratch
        CMD ./run.sh
      `,
      errors: [{ line: 2, severity: 'error', message: 'No automatic fix: the command runs a shell script, which needs a shell.' }],
      output: null,
    },
    {
      name: 'shell-form HEALTHCHECK on distroless: error, safe fix; with a shell feature: no fix (reports twice)',
      code: dockerfile`
        FROM gcr.io/distroless/static-debian12
        COPY app /app
        HEALTHCHECK --interval=10s --timeout=3s CMD /app healthcheck --port "8080"
        healthcheck cmd /app ping || exit 1
        ENTRYPOINT ["/app"]
      `,
      errors: [
        { line: 3, column: 45, endColumn: 75, severity: 'error', message: 'HEALTHCHECK in shell form needs /bin/sh: the check always fails. "gcr.io/distroless/static-debian12" has no shell.' },
        { line: 4, column: 17, endColumn: 36, severity: 'error', message: 'No automatic fix: the command chains or redirects commands, which needs a shell.' },
      ],
      output: dockerfile`
        FROM gcr.io/distroless/static-debian12
        COPY app /app
        HEALTHCHECK --interval=10s --timeout=3s CMD ["/app", "healthcheck", "--port", "8080"]
        healthcheck cmd /app ping || exit 1
        ENTRYPOINT ["/app"]
      `,
      fixSafety: 'safe',
      remaining: 1,
    },
    {
      name: 'a JSON array followed by || exit 1 is shell form (BuildKit reads exec form only when the whole text is JSON): the fix keeps the array; other trailing text: no fix (reports three times)',
      code: dockerfile`
        FROM golang:1.24-alpine AS builder
        RUN CGO_ENABLED=0 go build -o /gateway ./cmd/gateway
        FROM gcr.io/distroless/static-debian12:nonroot
        COPY --from=builder /gateway /gateway
        HEALTHCHECK --interval=30s --timeout=5s \
            CMD ["/gateway", "--health-check"] || exit 1
        HEALTHCHECK CMD ["/gateway", "--health-check"]||exit 1
        HEALTHCHECK CMD ["/gateway", "--health-check"] && echo ok
        ENTRYPOINT ["/gateway"]
      `,
      errors: [
        { line: 6, column: 9, endColumn: 49, severity: 'error', message: 'HEALTHCHECK in shell form needs /bin/sh: the check always fails. "gcr.io/distroless/static-debian12:nonroot" has no shell. The text after the JSON array makes it shell form: Docker runs the whole line with /bin/sh -c.' },
        { line: 7, column: 17, endColumn: 55, severity: 'error' },
        { line: 8, column: 17, endColumn: 58, severity: 'error' },
      ],
      output: dockerfile`
        FROM golang:1.24-alpine AS builder
        RUN CGO_ENABLED=0 go build -o /gateway ./cmd/gateway
        FROM gcr.io/distroless/static-debian12:nonroot
        COPY --from=builder /gateway /gateway
        HEALTHCHECK --interval=30s --timeout=5s \
            CMD ["/gateway", "--health-check"]
        HEALTHCHECK CMD ["/gateway", "--health-check"]
        HEALTHCHECK CMD ["/gateway", "--health-check"] && echo ok
        ENTRYPOINT ["/gateway"]
      `,
      fixSafety: 'safe',
      remaining: 1,
    },
    {
      name: 'continuation lines',
      code: dockerfile`
        FROM scratch
        CMD ./hello \
            --verbose
      `,
      errors: [{ line: 2, column: 5, endLine: 3, endColumn: 14 }],
      output: dockerfile`
        FROM scratch
        CMD ["./hello", "--verbose"]
      `,
    },
  ],
});
