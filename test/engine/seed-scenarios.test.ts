/**
 * The three scenarios of the seed articles (project issue 4), linted with every rule on: each is caught, and
 * fixing everything (safe and unsafe) leaves only the informational findings that have no fix.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { allRules, fix, lint } from '../../server/src/engine/index.js';
import type { EngineConfig } from '../../server/src/engine/config.js';
import { dockerfile } from '../support/dockerfile.js';
import { engineReady } from '../support/engine.js';

/** Every rule on: the ones that are off by default at `info`, the others at their own level. */
const ALL_ON: Partial<EngineConfig> = {
  rules: Object.fromEntries(allRules.filter((r) => r.meta.defaultSeverity === 'off').map((r) => [r.meta.id, 'info' as const])),
};

const summary = (text: string): string[] =>
  lint(text, ALL_ON).map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1} ${f.severity} ${f.ruleId}${f.fixes.length > 0 ? ` [${f.fixes[0]!.safety}]` : ''}`);

describe('seed scenarios (issue 4)', () => {
  before(() => engineReady);

  it('a Go binary built on golang and copied into alpine without CGO_ENABLED=0', () => {
    const text = dockerfile`
      FROM golang:1.25 AS builder
      WORKDIR /go/src
      COPY httpserver.go .
      RUN go build -o myhttpserver ./httpserver.go
      FROM alpine:3.20
      WORKDIR /root/
      COPY --from=builder /go/src/myhttpserver .
      ENTRYPOINT ["./myhttpserver"]
    `;
    assert.deepEqual(summary(text), ['4:5 warning go-binary-unstripped [safe]', '5:6 info runs-as-root', '7:21 error libc-mismatch [unsafe]']);
    const mismatch = lint(text, ALL_ON).find((f) => f.ruleId === 'libc-mismatch')!;
    assert.match(mismatch.message, /`alpine:3\.20` has musl: build it with `CGO_ENABLED=0`\.$/);
    const fixed = fix(text, ALL_ON, { unsafe: true });
    assert.equal(fixed.text, text.replace('RUN go build', 'RUN CGO_ENABLED=0 go build -ldflags="-s -w"'));
    assert.deepEqual(fixed.remaining.map((f) => f.ruleId), ['runs-as-root']);
  });

  it('FROM scratch with a shell-form CMD ./hello (and the other scratch traps of the same Dockerfile)', () => {
    const text = dockerfile`
      FROM golang
      COPY hello.go .
      RUN go build hello.go
      FROM scratch
      COPY --from=0 /go/hello .
      CMD ./hello
    `;
    assert.deepEqual(summary(text), [
      '1:6 info unpinned-base-image',
      '3:5 warning go-binary-unstripped [safe]',
      '4:6 info runs-as-root',
      '5:13 warning stage-referenced-by-index [safe]',
      '5:15 error libc-mismatch [unsafe]',
      '5:15 info tls-roots-missing [unsafe]',
      '6:5 error shell-form-command [safe]',
    ]);
    const shellForm = lint(text, ALL_ON).find((f) => f.ruleId === 'shell-form-command')!;
    assert.match(shellForm.message, /FROM scratch has no \/bin\/sh: the container will not start/);
    assert.equal(
      fix(text, ALL_ON).text,
      dockerfile`
        FROM golang AS build
        COPY hello.go .
        RUN go build -ldflags="-s -w" hello.go
        FROM scratch
        COPY --from=build /go/hello .
        CMD ["./hello"]
      `,
      'safe fixes only',
    );
    const fixed = fix(text, ALL_ON, { unsafe: true });
    assert.equal(
      fixed.text,
      dockerfile`
        FROM golang AS build
        COPY hello.go .
        RUN CGO_ENABLED=0 go build -ldflags="-s -w" hello.go
        FROM scratch
        COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
        COPY --from=build /go/hello .
        CMD ["./hello"]
      `,
    );
    assert.deepEqual(fixed.remaining.map((f) => f.ruleId), ['unpinned-base-image', 'runs-as-root']);
  });

  it('a C program built in gcc and copied into scratch without -static', () => {
    const text = dockerfile`
      FROM gcc AS mybuildstage
      COPY hello.c .
      RUN gcc -o hello hello.c
      FROM scratch
      COPY --from=mybuildstage hello .
      CMD ["./hello"]
    `;
    assert.deepEqual(summary(text), ['1:6 info unpinned-base-image', '4:6 info runs-as-root', '5:26 error libc-mismatch [unsafe]']);
    const fixed = fix(text, ALL_ON, { unsafe: true });
    assert.equal(fixed.text, text.replace('RUN gcc -o', 'RUN gcc -static -o'));
    assert.deepEqual(fixed.remaining.map((f) => f.ruleId), ['unpinned-base-image', 'runs-as-root']);
  });
});
