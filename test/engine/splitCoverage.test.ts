/**
 * Build patterns the split missed on real projects (issue #13, coverage): `go install` in GOPATH mode,
 * `cargo install --path`, `javac` with `java Main`, yarn projects, `npx tsc`. Each must split to exactly the
 * given text (which parses, adds one stage and re-lints without a split, placeholder or libc finding), or be
 * refused with exactly the given reason.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { applyFixes } from '../../server/src/engine/fixer.js';
import { lint } from '../../server/src/engine/linter.js';
import { buildModel } from '../../server/src/engine/model/model.js';
import { planSplit } from '../../server/src/engine/split/split.js';
import { dockerfile } from '../support/dockerfile.js';
import { engineReady } from '../support/engine.js';

/** The split's runtime image and applied text, or the refusal. */
function outcome(input: string): { runtime: string; text: string } | { reason: string } {
  const r = planSplit(buildModel(input));
  if ('reason' in r) return { reason: r.reason };
  const out = applyFixes(input, [r.fix]);
  assert.deepEqual(out.taken, [0]);
  return { runtime: r.runtimeImage, text: out.text };
}

describe('split coverage: new build patterns split', () => {
  before(() => engineReady);

  const cases: { name: string; input: string; runtime: string; output: string }[] = [
    {
      name: 'go install with no package in GOPATH mode: the program is $GOPATH/bin/<directory>',
      input: dockerfile`
        FROM golang:1.11
        WORKDIR /go/src/github.com/acme/hello
        COPY . .
        RUN go install -v
        EXPOSE 8000
        CMD ["hello"]
      `,
      runtime: 'scratch',
      output: dockerfile`
        FROM golang:1.11 AS build
        WORKDIR /go/src/github.com/acme/hello
        COPY . .
        RUN CGO_ENABLED=0 go install -ldflags="-s -w" -v

        FROM scratch
        COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
        WORKDIR /go/src/github.com/acme/hello
        COPY --from=build /go/src/github.com/acme/hello /go/src/github.com/acme/hello
        COPY --from=build /go/bin/hello /usr/local/bin/hello
        EXPOSE 8000
        CMD ["hello"]
      `,
    },
    {
      name: 'cargo install --path . --root: the program named by its path under the root',
      input: dockerfile`
        FROM rust:1.90.0
        WORKDIR /usr/src/app
        COPY . .
        RUN cargo install --path . --root /opt/app
        CMD ["/opt/app/bin/hello"]
      `,
      runtime: 'debian:trixie-slim',
      output: dockerfile`
        FROM rust:1.90.0 AS build
        WORKDIR /usr/src/app
        COPY . .
        RUN cargo install --path . --root /opt/app

        FROM debian:trixie-slim
        COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
        WORKDIR /usr/src/app
        COPY . .
        COPY --from=build /opt/app/bin/hello /opt/app/bin/hello
        CMD ["/opt/app/bin/hello"]
      `,
    },
    {
      name: 'javac -d classes with java -cp classes: the class directory is copied',
      input: dockerfile`
        FROM eclipse-temurin:21
        WORKDIR /app
        COPY src src
        RUN javac -d classes src/com/acme/*.java
        CMD ["java", "-cp", "classes", "com.acme.Main"]
      `,
      runtime: 'eclipse-temurin:21-jre',
      output: dockerfile`
        FROM eclipse-temurin:21 AS build
        WORKDIR /app
        COPY src src
        RUN javac -d classes src/com/acme/*.java

        FROM eclipse-temurin:21-jre
        WORKDIR /app
        COPY --from=build /app/classes /app/classes
        CMD ["java", "-cp", "classes", "com.acme.Main"]
      `,
    },
    {
      name: 'javac on Alpine, java Main: the JRE on Alpine, the start directory (the class path `.`) copied',
      input: dockerfile`
        FROM openjdk:17-alpine
        WORKDIR /app
        COPY Main.java .
        RUN javac Main.java
        CMD ["java", "Main"]
      `,
      runtime: 'eclipse-temurin:17-jre-alpine',
      output: dockerfile`
        FROM openjdk:17-alpine AS build
        WORKDIR /app
        COPY Main.java .
        RUN javac Main.java

        FROM eclipse-temurin:17-jre-alpine
        WORKDIR /app
        COPY --from=build /app /app
        CMD ["java", "Main"]
      `,
    },
    {
      name: 'yarn: installed and built as written, devDependencies kept (no prune), yarn start on the slim image',
      input: dockerfile`
        FROM node:20
        WORKDIR /app
        COPY package.json yarn.lock ./
        RUN yarn install --frozen-lockfile
        COPY . .
        RUN yarn build
        EXPOSE 3000
        CMD ["yarn", "start"]
      `,
      runtime: 'node:20-slim',
      output: dockerfile`
        FROM node:20 AS build
        WORKDIR /app
        COPY package.json yarn.lock ./
        RUN yarn install --frozen-lockfile
        COPY . .
        RUN yarn build

        FROM node:20-slim
        WORKDIR /app
        COPY --from=build /app /app
        EXPOSE 3000
        CMD ["yarn", "start"]
      `,
    },
    {
      name: 'untagged node with npx tsc: node:slim (the same latest release line)',
      input: dockerfile`
        FROM node
        WORKDIR /app
        COPY package.json .
        RUN npm i
        COPY . .
        RUN npx tsc
        CMD ["node", "dist/main.js"]
      `,
      runtime: 'node:slim',
      output: dockerfile`
        FROM node AS build
        WORKDIR /app
        COPY package.json .
        RUN npm i
        COPY . .
        RUN npx tsc
        RUN npm prune --omit=dev

        FROM node:slim
        WORKDIR /app
        COPY --from=build /app /app
        CMD ["node", "dist/main.js"]
      `,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = outcome(c.input);
      assert.ok(!('reason' in r), `refused: ${'reason' in r ? r.reason : ''}`);
      assert.equal(r.runtime, c.runtime);
      assert.equal(r.text, c.output);
      assert.equal(buildModel(r.text).stages.length, 2);
      assert.ok('reason' in planSplit(buildModel(r.text)), 'the output would be split again');
      const left = lint(r.text).filter((f) => ['build-in-final-stage', 'libc-mismatch', 'unknown-stage-reference'].includes(f.ruleId));
      assert.deepEqual(left.map((f) => f.message), []);
      // The input's finding carries this split.
      const finding = lint(c.input).find((f) => f.ruleId === 'build-in-final-stage');
      assert.ok(finding && finding.fixes.length === 1, 'build-in-final-stage offers the split');
    });
  }
});

describe('split coverage: the new patterns refuse with a reason', () => {
  before(() => engineReady);

  const cases: [string, string, string][] = [
    [
      'javac, then java -jar of a jar nothing packs',
      'FROM openjdk:17\nWORKDIR /app\nCOPY . .\nRUN javac Main.java\nCMD ["java", "-jar", "main"]\n',
      'the image runs `java -jar main`, but the build only compiles classes (`javac`) and no `jar` command packs `main`',
    ],
    [
      'javac into a directory outside the application',
      'FROM openjdk:17\nWORKDIR /app\nCOPY . .\nRUN javac -d /opt/classes Main.java\nCMD ["java", "-cp", "/opt/classes", "Main"]\n',
      'the class path entry `/opt/classes` is not in the application\'s directory, so the build may not write it',
    ],
    [
      'javac with a wildcard class path',
      'FROM openjdk:17\nWORKDIR /app\nCOPY . .\nRUN javac -cp "lib/*" Main.java\nCMD ["java", "-cp", "lib/*:.", "Main"]\n',
      'the class path entry `lib/*` cannot be copied into the runtime stage as it is',
    ],
    [
      'javac, then a Java module',
      'FROM openjdk:17\nWORKDIR /app\nCOPY . .\nRUN javac -d mods/app $(find src -name "*.java")\nCMD ["java", "--module-path", "mods", "-m", "app/com.acme.Main"]\n',
      'the image starts a Java module, whose module path is not followed',
    ],
    [
      'yarn global add',
      'FROM node:20\nWORKDIR /app\nCOPY . .\nRUN yarn global add serve && yarn && yarn build\nCMD ["serve", "-s", "build"]\n',
      '`yarn global add` puts programs outside the application directory, which is all the runtime stage gets',
    ],
    [
      'yarn in a directory changed with cd',
      'FROM node:20\nWORKDIR /app\nCOPY . .\nRUN cd web && yarn && yarn build\nCMD ["yarn", "--cwd", "web", "start"]\n',
      'yarn runs in a directory changed with `cd`, not in the WORKDIR that the runtime stage copies',
    ],
  ];
  for (const [name, input, reason] of cases) {
    it(name, () => {
      const r = outcome(input);
      assert.deepEqual(r, { reason });
      const finding = lint(input).find((f) => f.ruleId === 'build-in-final-stage');
      assert.ok(finding, 'no build-in-final-stage finding');
      assert.ok(finding.message.includes(`No automatic split: ${reason.replace(/`([^`]*)`/g, '"$1"')}.`), finding.message);
      assert.deepEqual(finding.fixes, []);
    });
  }
});

describe('split coverage: a start script on a runtime without a shell', () => {
  before(() => engineReady);

  it('go install, then a shell script as CMD: refused for scratch', () => {
    const input = 'FROM golang:1.8\nCOPY . /go/src/gateway\nRUN cd /go/src/gateway && go install && chmod +x /go/src/gateway/start.sh\nWORKDIR /go/bin/\nCMD ["/go/src/gateway/start.sh"]\n';
    assert.deepEqual(outcome(input), { reason: 'the CMD runs the script `/go/src/gateway/start.sh`, whose interpreter `scratch` does not have' });
  });
});
