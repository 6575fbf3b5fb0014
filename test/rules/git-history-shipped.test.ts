import rule from '../../server/src/engine/rules/git-history-shipped.js';
import { dockerfile, testRule } from '../support/ruleTester.js';

testRule(rule, {
  valid: [
    {
      name: 'shallow clone',
      code: dockerfile`
        FROM debian:bookworm-slim
        RUN git clone --depth 1 --branch v1.2 https://github.com/example/tool.git /opt/tool
      `,
    },
    {
      name: 'partial clone and --shallow-since',
      code: dockerfile`
        FROM debian:bookworm-slim
        RUN git clone --filter=blob:none https://example.com/a.git && git clone --shallow-since=2024-01-01 https://example.com/b.git
      `,
    },
    {
      name: '.git removed in the same RUN',
      code: dockerfile`
        FROM debian:bookworm-slim
        RUN git clone https://github.com/example/tool.git /opt/tool && rm -rf /opt/tool/.git
      `,
    },
    {
      name: 'the clone removed after building from it, default directory name',
      code: dockerfile`
        FROM debian:bookworm-slim
        RUN git clone https://github.com/example/tool.git \
         && make -C tool install \
         && rm -rf tool
      `,
    },
    {
      name: 'cd into the clone and rm -rf .git',
      code: dockerfile`
        FROM debian:bookworm-slim
        RUN git -C /src clone git@github.com:example/app.git && cd /src/app && rm -rf .git
      `,
    },
    {
      name: 'builder stage is not shipped',
      code: dockerfile`
        FROM golang:1.22 AS build
        RUN git clone https://github.com/example/app.git /src && go build -C /src -o /app .
        FROM scratch
        COPY --from=build /app /app
      `,
    },
  ],
  invalid: [
    {
      name: 'full clone: --depth 1 added after clone',
      code: dockerfile`
        FROM debian:bookworm-slim
        RUN git clone https://github.com/example/tool.git /opt/tool
      `,
      errors: [{ line: 2, column: 5, endColumn: 14, message: '"git clone" without --depth 1 ships the whole history in .git. Clone shallow or remove .git in the same RUN.' }],
      output: dockerfile`
        FROM debian:bookworm-slim
        RUN git clone --depth=1 https://github.com/example/tool.git /opt/tool
      `,
      fixSafety: 'unsafe',
    },
    {
      name: 'a later git command may need the history: no fix; two findings',
      code: dockerfile`
        FROM debian:bookworm-slim
        RUN git clone https://github.com/example/a.git \
         && cd a && git checkout 3f2c1e9
        RUN git clone -b main https://github.com/example/b.git && rm -rf a/.git-cache
      `,
      errors: [
        { line: 2, column: 5, endColumn: 14 },
        { line: 4, column: 5, endColumn: 14 },
      ],
      output: dockerfile`
        FROM debian:bookworm-slim
        RUN git clone https://github.com/example/a.git \
         && cd a && git checkout 3f2c1e9
        RUN git clone --depth=1 -b main https://github.com/example/b.git && rm -rf a/.git-cache
      `,
      remaining: 1,
    },
    {
      name: 'exec form, ONBUILD lower case',
      code: dockerfile`
        FROM debian:bookworm-slim
        RUN ["git", "clone", "https://example.com/x.git"]
        onbuild run git clone https://example.com/y.git
      `,
      errors: [
        { line: 2, column: 6, endColumn: 20 },
        { line: 3, column: 13, endColumn: 22 },
      ],
      output: dockerfile`
        FROM debian:bookworm-slim
        RUN ["git", "clone", "--depth=1", "https://example.com/x.git"]
        onbuild run git clone --depth=1 https://example.com/y.git
      `,
    },
  ],
});
