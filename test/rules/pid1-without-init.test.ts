import rule from '../../server/src/engine/rules/pid1-without-init.js';
import { dockerfile, testRule } from '../support/ruleTester.js';

testRule(rule, {
  valid: [
    { name: 'the program itself', code: 'FROM node:22-slim\nCMD ["node", "server.js"]\n' },
    {
      name: 'tini, dumb-init, s6-overlay /init in front',
      code: dockerfile`
        FROM alpine:3.20 AS a
        RUN apk add --no-cache tini
        ENTRYPOINT ["/sbin/tini", "--", "/start.sh"]
        FROM alpine:3.20 AS b
        ENTRYPOINT ["dumb-init", "--"]
        CMD ["supervisord", "-n"]
        FROM alpine:3.20
        ENTRYPOINT ["/init"]
        CMD ["/run.sh"]
      `,
    },
    {
      name: 'entrypoint wrapper handing over to CMD (official images)',
      code: 'FROM debian:bookworm-slim\nENTRYPOINT ["docker-entrypoint.sh"]\nCMD ["postgres"]\n',
    },
    { name: 'sh -c with exec', code: 'FROM alpine:3.20\nCMD ["sh", "-c", "exec nginx -g \'daemon off;\'"]\n' },
    { name: 'an interactive shell as the command', code: 'FROM debian:bookworm-slim\nCMD ["bash"]\nFROM alpine:3.20\nENTRYPOINT ["sh", "-l"]\n' },
    { name: 'pm2-runtime', code: 'FROM node:22-slim\nCMD ["pm2-runtime", "ecosystem.config.js"]\n' },
    { name: 'shell form is shell-form-command\'s finding', code: 'FROM alpine:3.20\nCMD /start.sh\n' },
    { name: 'builder stage does not run', code: 'FROM alpine:3.20 AS build\nCMD ["/build.sh"]\nFROM alpine:3.20\nCMD ["/app"]\n' },
  ],
  invalid: [
    {
      name: 'shell script as CMD',
      code: 'FROM debian:bookworm-slim\nCOPY start.sh /\nCMD ["/start.sh"]\n',
      errors: [
        {
          line: 3,
          column: 6,
          endColumn: 17,
          severity: 'info',
          message: 'The shell script "/start.sh" runs as PID 1 without an init. Stop signals may not reach the program and orphaned processes are not reaped: start it under tini or dumb-init (ENTRYPOINT ["tini", "--"]), or run with "docker run --init".',
        },
      ],
      output: null,
    },
    {
      name: 'bash running a script file',
      code: 'FROM debian:bookworm-slim\nENTRYPOINT ["bash", "/opt/run"]\n',
      errors: [{ line: 2, column: 13, endColumn: 19, message: 'The shell "bash"' }],
      output: null,
    },
    {
      name: 'bash -c with several commands; inherited through an alias; lower case',
      code: 'from alpine:3.20 as base\ncmd ["bash", "-c", "migrate && serve"]\nfrom base\n',
      errors: [{ line: 2, column: 6, endColumn: 12, message: 'The shell "bash"' }],
      output: null,
    },
    {
      name: 'pm2 behind a wrapper entrypoint; CRLF',
      code: 'FROM node:22-slim\r\nENTRYPOINT ["docker-entrypoint.sh"]\r\nCMD ["pm2", "start", "app.js", "--no-daemon"]\r\n',
      errors: [{ line: 3, column: 6, endColumn: 11, message: 'pm2 runs as PID 1 without an init. Stop signals may not reach the program and orphaned processes are not reaped: start it under tini or dumb-init (ENTRYPOINT ["tini", "--"]), or run with "docker run --init". Or use pm2-runtime, which is made for containers.' }],
      output: null,
    },
    {
      name: 'supervisord as ENTRYPOINT, continuation lines',
      code: 'FROM debian:bookworm-slim\nENTRYPOINT [ \\\n  "/usr/bin/supervisord", \\\n  "-n" ]\n',
      errors: [{ line: 3, column: 3, endColumn: 25, message: 'The process manager "supervisord"' }],
      output: null,
    },
  ],
});
