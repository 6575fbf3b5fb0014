import rule from '../../server/src/engine/rules/empty-continuation-line.js';
import { dockerfile, testRule } from '../support/ruleTester.js';

testRule(rule, {
  valid: [
    {
      name: 'blank line after an instruction that ends normally',
      code: dockerfile`
        FROM debian:bookworm-slim
        RUN apt-get update \
         && apt-get install -y curl

        WORKDIR /app
      `,
    },
    {
      name: 'blank line inside a continuation that goes on with the command (builders only warn)',
      code: dockerfile`
        FROM debian:bookworm-slim
        RUN apt-get install -y \

            curl
        WORKDIR /app
      `,
    },
    {
      name: 'an indented lower-case word that is also a keyword is a shell command',
      code: dockerfile`
        FROM debian:bookworm-slim
        RUN set -e; \

            env FOO=1 make
      `,
    },
    {
      name: 'continuation at the end of the file swallows nothing',
      code: 'FROM debian:bookworm-slim\nRUN true \\\n\n',
    },
    {
      name: 'an escaped backslash does not continue the line',
      code: dockerfile`
        FROM mcr.microsoft.com/windows/servercore:ltsc2022
        # escape=${'`'}
        RUN dir C:\\

        WORKDIR C:\\app
      `,
    },
    {
      name: 'the line after the continuation starts with a letter outside ASCII: not blank, the command goes on',
      code: 'FROM debian:bookworm-slim\nRUN echo \\\n\u00e9t\u00e9\n\nWORKDIR /app\n',
    },
    {
      name: 'a line of a form feed and a no-break space after the continuation is not an empty line to the parser: nothing is swallowed',
      code: 'FROM debian:bookworm-slim\nRUN echo a \\\n\f\u00a0\nUSER app\n',
    },
    {
      name: 'heredoc content is not a continuation',
      code: dockerfile`
        FROM debian:bookworm-slim
        RUN <<EOF
        echo a \

        EOF
        WORKDIR /app
      `,
    },
  ],
  invalid: [
    {
      name: 'RUN swallows WORKDIR; the trailing && goes with the backslash',
      code: dockerfile`
        FROM debian:bookworm-slim
        RUN apt-get update && \
            apt-get install -y curl && \

        WORKDIR /app
        CMD ["curl", "--version"]
      `,
      errors: [
        {
          line: 3,
          column: 32,
          endColumn: 33,
          severity: 'error',
          message: 'A line continuation runs over a blank line into line 5. "WORKDIR /app" is read as part of this RUN, not as an instruction of its own.',
        },
      ],
      output: dockerfile`
        FROM debian:bookworm-slim
        RUN apt-get update && \
            apt-get install -y curl

        WORKDIR /app
        CMD ["curl", "--version"]
      `,
      fixSafety: 'unsafe',
    },
    {
      name: 'ENV swallows CMD past a comment; lower-case keyword at column 0; two findings',
      code: dockerfile`
        FROM debian:bookworm-slim
        ENV A=1 \

        # start
        cmd ["sh"]
        RUN echo a \

        RUN echo b
      `,
      errors: [
        { line: 2, column: 9, endColumn: 10, message: 'A line continuation runs over a blank line into line 5. "cmd ["sh"]" is read as part of this ENV, not as an instruction of its own.' },
        { line: 6, column: 12, endColumn: 13, message: 'A line continuation runs over a blank line into line 8. "RUN echo b" is read as part of this RUN, not as an instruction of its own.' },
      ],
      output: dockerfile`
        FROM debian:bookworm-slim
        ENV A=1

        # start
        cmd ["sh"]
        RUN echo a

        RUN echo b
      `,
    },
    {
      name: 'builder stage too: it is built as well; CRLF; trailing blanks after the backslash',
      code: 'FROM golang:1.22 AS build\r\nRUN go build -o /app . \\  \r\n   \r\nFROM scratch\r\nCOPY --from=build /app /app\r\n',
      errors: [{ line: 2, column: 24, endColumn: 25, message: 'A line continuation runs over a blank line into line 4. "FROM scratch" is read as part of this RUN, not as an instruction of its own.' }],
      output: 'FROM golang:1.22 AS build\r\nRUN go build -o /app .  \r\n   \r\nFROM scratch\r\nCOPY --from=build /app /app\r\n',
      stagesAdded: 1,
    },
    {
      name: 'lines ended by a lone CR (classic Mac)',
      code: 'FROM debian:bookworm-slim\rRUN echo a \\\r \t\rUSER app\r',
      errors: [{ line: 2, column: 12, endColumn: 13, message: '"USER app"' }],
      output: 'FROM debian:bookworm-slim\rRUN echo a\r \t\rUSER app\r',
    },
    {
      name: 'escape directive',
      code: dockerfile`
        # escape=${'`'}
        FROM mcr.microsoft.com/windows/servercore:ltsc2022
        RUN echo a ${'`'}

        USER app
      `,
      errors: [{ line: 3, column: 12, endColumn: 13, message: '"USER app"' }],
      output: dockerfile`
        # escape=${'`'}
        FROM mcr.microsoft.com/windows/servercore:ltsc2022
        RUN echo a

        USER app
      `,
    },
    {
      name: 'exec form followed by a continuation',
      code: dockerfile`
        FROM debian:bookworm-slim
        CMD ["echo", "a"] \

        EXPOSE 80
      `,
      errors: [{ line: 2, column: 19, endColumn: 20, message: '"EXPOSE 80"' }],
      output: dockerfile`
        FROM debian:bookworm-slim
        CMD ["echo", "a"]

        EXPOSE 80
      `,
    },
  ],
});
