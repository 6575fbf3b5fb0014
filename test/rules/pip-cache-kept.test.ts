import rule from '../../server/src/engine/rules/pip-cache-kept.js';
import { dockerfile, testRule } from '../support/ruleTester.js';

testRule(rule, {
  valid: [
    {
      name: 'pip cache purge later in the RUN, run by a Python named with a variable',
      code: dockerfile`
        FROM python:3.12-slim
        RUN python${'$'}{VERSION} -m pip install flask && python${'$'}{VERSION} -m pip cache purge
      `,
    },
    {
      name: 'a variable or a python-like word not followed by -m pip is not pip',
      code: dockerfile`
        FROM python:3.12-slim
        RUN "$TOOL" install flask && python${'$'}{V} -m venv /venv && $X/bin/pythonish -m pip install flask
      `,
    },
    {
      name: '--no-cache-dir given',
      code: dockerfile`
        FROM python:3.12-slim
        RUN pip install --no-cache-dir -r requirements.txt
      `,
    },
    {
      name: '--no-cache-dir as a general option before the subcommand',
      code: dockerfile`
        FROM python:3.12-slim
        RUN pip --no-cache-dir install curl
      `,
    },
    {
      name: 'an abbreviation pip accepts (--no-cache)',
      code: dockerfile`
        FROM python:3.12-slim
        RUN pip install --no-cache curl
      `,
    },
    {
      name: 'ENV PIP_NO_CACHE_DIR=1 in the stage',
      code: dockerfile`
        FROM python:3.12-slim
        ENV PIP_NO_CACHE_DIR=1
        RUN pip install curl
      `,
    },
    {
      name: 'PIP_NO_CACHE_DIR=false also turns the cache off (pip keeps that for compatibility)',
      code: dockerfile`
        FROM python:3.12-slim
        ENV PIP_NO_CACHE_DIR=false
        RUN pip install curl
      `,
    },
    {
      name: 'PIP_NO_CACHE_DIR inherited through FROM <alias>',
      code: dockerfile`
        FROM python:3.12-slim AS base
        ENV PIP_NO_CACHE_DIR=on
        FROM base
        RUN pip install curl
      `,
    },
    {
      name: 'assignment prefix on the command',
      code: dockerfile`
        FROM python:3.12-slim
        RUN PIP_NO_CACHE_DIR=yes pip install curl
      `,
    },
    {
      name: 'export earlier in the RUN',
      code: dockerfile`
        FROM python:3.12-slim
        RUN set -eux; \
            export PIP_NO_CACHE_DIR=1; \
            pip install curl
      `,
    },
    {
      name: 'declare -x or typeset -x earlier in the RUN; readonly of a variable ENV set',
      code: dockerfile`
        FROM python:3.12-slim
        ENV PIP_NO_CACHE_DIR=0
        RUN declare -x PIP_NO_CACHE_DIR=1 && pip install curl
        RUN typeset -x PIP_NO_CACHE_DIR=1; pip install wget
        RUN readonly PIP_NO_CACHE_DIR=1; pip install jq
      `,
    },
    {
      name: 'a bare assignment of a variable ENV set (exported), or one exported after it is set',
      code: dockerfile`
        FROM python:3.12-slim
        ENV PIP_NO_CACHE_DIR=0
        RUN PIP_NO_CACHE_DIR=1 && pip install curl
        RUN PIP_INDEX_URL=https://example.com/simple PIP_NO_CACHE_DIR=off; export PIP_NO_CACHE_DIR; pip install jq
      `,
    },
    {
      name: 'export in a CRLF continuation',
      code: dockerfile`
        FROM python:3.12-slim
        RUN export PIP_NO_CACHE_DIR=1 && \
            pip install curl
      `.replace(/\n/g, '\r\n'),
    },
    {
      name: 'ARG with a default is in the environment of RUN',
      code: dockerfile`
        FROM python:3.12-slim
        ARG PIP_NO_CACHE_DIR=1
        RUN pip install curl
      `,
    },
    {
      name: 'a value pip rejects stops pip before it caches anything',
      code: dockerfile`
        FROM python:3.12-slim
        ENV PIP_NO_CACHE_DIR=maybe
        RUN pip install curl
      `,
    },
    {
      name: 'a value that cannot be read: no guess',
      code: dockerfile`
        FROM python:3.12-slim
        ENV PIP_NO_CACHE_DIR=$NO_CACHE
        RUN pip install curl
      `,
    },
    {
      name: 'cache mount on the pip cache',
      code: dockerfile`
        FROM python:3.12-slim
        RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt
      `,
    },
    {
      name: 'cache mount on ~/.cache, written with $HOME',
      code: dockerfile`
        FROM python:3.12-slim
        RUN --mount=type=cache,target=$HOME/.cache pip install -r requirements.txt
      `,
    },
    {
      name: 'cache mount under a HOME the image sets',
      code: dockerfile`
        FROM python:3.12-slim
        ENV HOME=/app
        RUN --mount=type=cache,target=/app/.cache/pip pip install -r requirements.txt
      `,
    },
    {
      name: 'cache removed in the same RUN',
      code: dockerfile`
        FROM python:3.12-slim
        RUN pip install curl && rm -rf ~/.cache/pip
      `,
    },
    {
      name: 'parent of the cache removed in the same RUN',
      code: dockerfile`
        FROM python:3.12-slim
        RUN pip install curl \
         && rm -rf /root/.cache
      `,
    },
    {
      name: 'pip cache purge',
      code: dockerfile`
        FROM python:3.12-slim
        RUN python3 -m pip install curl; python3 -m pip cache purge
      `,
    },
    {
      name: 'custom --cache-dir that is removed',
      code: dockerfile`
        FROM python:3.12-slim
        RUN pip install --cache-dir /tmp/pip curl && rm -rf /tmp/pip
      `,
    },
    {
      name: 'PIP_CACHE_DIR on a tmpfs mount',
      code: dockerfile`
        FROM python:3.12-slim
        ENV PIP_CACHE_DIR=/var/cache/pip
        RUN --mount=type=tmpfs,target=/var/cache/pip pip install curl
      `,
    },
    {
      name: 'pip configuration written earlier in the stage',
      code: dockerfile`
        FROM python:3.12-slim
        RUN pip config set global.no-cache-dir false
        RUN pip install curl
      `,
    },
    {
      name: 'pip.conf copied into the image',
      code: dockerfile`
        FROM python:3.12-slim
        COPY pip.conf /etc/pip.conf
        RUN pip install curl
      `,
    },
    {
      name: '--no-index installs from local files only',
      code: dockerfile`
        FROM python:3.12-slim
        RUN pip install --no-index --find-links /wheels curl
      `,
    },
    {
      name: 'builder stage is not shipped',
      code: dockerfile`
        FROM python:3.12-slim AS build
        RUN pip wheel -w /wheels curl && pip install curl
        FROM python:3.12-slim
        COPY --from=build /wheels /wheels
      `,
    },
    {
      name: 'other pip subcommands and python without -m pip',
      code: dockerfile`
        FROM python:3.12-slim
        RUN pip --version && pip list && python -c "import pip" && python3 -m venv /venv
      `,
    },
    {
      name: 'non-POSIX SHELL is not read',
      code: dockerfile`
        FROM mcr.microsoft.com/windows/servercore:ltsc2022
        SHELL ["powershell", "-Command"]
        RUN pip install curl
      `,
    },
  ],
  invalid: [
    {
      name: 'pip run by a Python named with a version variable, a variable or a versioned name',
      code: dockerfile`
        FROM python:3.12-slim
        ARG VERSION=3.12
        RUN python${'$'}{VERSION} -m pip install flask
        RUN "$PYTHON" -m pip install flask
        RUN python3.11 -m pip install flask
      `,
      errors: [
        { line: 3, column: 5, endColumn: 36, message: '"python${VERSION} -m pip install" leaves the pip cache in this layer. Add --no-cache-dir.' },
        { line: 4, column: 5, endColumn: 29 },
        { line: 5, column: 5, endColumn: 30 },
      ],
      output: dockerfile`
        FROM python:3.12-slim
        ARG VERSION=3.12
        RUN python${'$'}{VERSION} -m pip install --no-cache-dir flask
        RUN "$PYTHON" -m pip install --no-cache-dir flask
        RUN python3.11 -m pip install --no-cache-dir flask
      `,
    },
    {
      name: 'the cache-mount alternative, on root\'s cache',
      code: dockerfile`
        FROM python:3.12-slim
        RUN pip install flask
      `,
      errors: [{ line: 2, column: 5, endColumn: 16 }],
      output: dockerfile`
        FROM python:3.12-slim
        RUN pip install --no-cache-dir flask
      `,
      mountOutput: dockerfile`
        FROM python:3.12-slim
        RUN --mount=type=cache,target=/root/.cache/pip,sharing=locked pip install flask
      `,
    },
    {
      name: 'PIP_NO_CACHE_DIR exported only in a subshell that ended, or set without export (pip does not see it)',
      code: dockerfile`
        FROM python:3.12-slim
        RUN (export PIP_NO_CACHE_DIR=1) && pip install flask
        RUN readonly PIP_NO_CACHE_DIR=1; pip install curl
      `,
      errors: [{ line: 2, column: 36, endColumn: 47 }, { line: 3, column: 34, endColumn: 45 }],
      output: dockerfile`
        FROM python:3.12-slim
        RUN (export PIP_NO_CACHE_DIR=1) && pip install --no-cache-dir flask
        RUN readonly PIP_NO_CACHE_DIR=1; pip install --no-cache-dir curl
      `,
    },
    {
      name: 'a bare assignment of a variable nothing exported, or ENV\'s variable unset (pip does not see it)',
      code: dockerfile`
        FROM python:3.12-slim
        RUN PIP_NO_CACHE_DIR=1; pip install flask
        ENV PIP_NO_CACHE_DIR=1
        RUN unset PIP_NO_CACHE_DIR && pip install curl
      `,
      errors: [{ line: 2, column: 25, endColumn: 36 }, { line: 4, column: 31, endColumn: 42 }],
      output: dockerfile`
        FROM python:3.12-slim
        RUN PIP_NO_CACHE_DIR=1; pip install --no-cache-dir flask
        ENV PIP_NO_CACHE_DIR=1
        RUN unset PIP_NO_CACHE_DIR && pip install --no-cache-dir curl
      `,
    },
    {
      name: 'no cache mount for a non-root user: the mount would belong to root',
      code: dockerfile`
        FROM python:3.12-slim
        USER app
        RUN pip install --user flask
      `,
      errors: [{ line: 3, column: 5, endColumn: 16 }],
      output: dockerfile`
        FROM python:3.12-slim
        USER app
        RUN pip install --no-cache-dir --user flask
      `,
      mountOutput: null,
    },
    {
      name: 'the cache mount follows HOME',
      code: dockerfile`
        FROM python:3.12-slim
        ENV HOME=/app
        RUN pip install flask
      `,
      errors: [{ line: 3, column: 5, endColumn: 16 }],
      output: dockerfile`
        FROM python:3.12-slim
        ENV HOME=/app
        RUN pip install --no-cache-dir flask
      `,
      mountOutput: dockerfile`
        FROM python:3.12-slim
        ENV HOME=/app
        RUN --mount=type=cache,target=/app/.cache/pip,sharing=locked pip install flask
      `,
    },
    {
      name: 'pip install',
      code: dockerfile`
        FROM python:3.12-slim
        RUN pip install -r requirements.txt
      `,
      errors: [{ line: 2, column: 5, endColumn: 16, message: '"pip install" leaves the pip cache in this layer. Add --no-cache-dir.' }],
      output: dockerfile`
        FROM python:3.12-slim
        RUN pip install --no-cache-dir -r requirements.txt
      `,
      safeOutput: dockerfile`
        FROM python:3.12-slim
        RUN pip install --no-cache-dir -r requirements.txt
      `,
      fixSafety: 'safe',
    },
    {
      name: 'upgrading pip alone still fills the cache',
      code: dockerfile`
        FROM python:3.12-slim
        RUN pip install --upgrade pip
      `,
      errors: [{ line: 2, column: 5, endColumn: 16 }],
      output: dockerfile`
        FROM python:3.12-slim
        RUN pip install --no-cache-dir --upgrade pip
      `,
    },
    {
      name: 'python3 -m pip, with an interpreter option',
      code: dockerfile`
        FROM python:3.12-slim
        RUN python3 -I -m pip install curl
      `,
      errors: [{ line: 2, column: 5, endColumn: 30, message: '"python3 -m pip install"' }],
      output: dockerfile`
        FROM python:3.12-slim
        RUN python3 -I -m pip install --no-cache-dir curl
      `,
    },
    {
      name: 'pip in a virtualenv and pip3.12, with general options, two findings',
      code: dockerfile`
        FROM python:3.12-slim
        RUN /venv/bin/pip --disable-pip-version-check install curl \
         && pip3.12 --timeout 60 install git
      `,
      errors: [
        { line: 2, column: 5, endColumn: 54, message: '"pip install"' },
        { line: 3, column: 5, endColumn: 33, message: '"pip3.12 install"' },
      ],
      output: dockerfile`
        FROM python:3.12-slim
        RUN /venv/bin/pip --disable-pip-version-check install --no-cache-dir curl \
         && pip3.12 --timeout 60 install --no-cache-dir git
      `,
    },
    {
      name: 'an empty PIP_NO_CACHE_DIR is ignored by pip',
      code: dockerfile`
        FROM python:3.12-slim
        ENV PIP_NO_CACHE_DIR=
        RUN pip install curl
      `,
      errors: [{ line: 3 }],
      output: dockerfile`
        FROM python:3.12-slim
        ENV PIP_NO_CACHE_DIR=
        RUN pip install --no-cache-dir curl
      `,
    },
    {
      name: 'ENV of an unrelated stage does not count',
      code: dockerfile`
        FROM python:3.12-slim AS other
        ENV PIP_NO_CACHE_DIR=1
        FROM python:3.12-slim
        RUN pip install curl
      `,
      errors: [{ line: 4 }],
      output: dockerfile`
        FROM python:3.12-slim AS other
        ENV PIP_NO_CACHE_DIR=1
        FROM python:3.12-slim
        RUN pip install --no-cache-dir curl
      `,
    },
    {
      name: 'removal before the install does not help',
      code: dockerfile`
        FROM python:3.12-slim
        RUN rm -rf /root/.cache/pip || true; pip install curl
      `,
      errors: [{ line: 2, column: 38, endColumn: 49 }],
      output: dockerfile`
        FROM python:3.12-slim
        RUN rm -rf /root/.cache/pip || true; pip install --no-cache-dir curl
      `,
    },
    {
      name: 'a cache mount elsewhere does not help; the moved cache is named',
      code: dockerfile`
        FROM python:3.12-slim
        ENV PIP_CACHE_DIR=/var/cache/pip
        RUN --mount=type=cache,target=/root/.cache/pip pip install curl && rm -rf ~/.cache/pip
      `,
      errors: [{ line: 3, message: '"pip install" leaves the pip cache (/var/cache/pip) in this layer. Add --no-cache-dir.' }],
      output: dockerfile`
        FROM python:3.12-slim
        ENV PIP_CACHE_DIR=/var/cache/pip
        RUN --mount=type=cache,target=/root/.cache/pip pip install --no-cache-dir curl && rm -rf ~/.cache/pip
      `,
    },
    {
      name: 'exec form',
      code: dockerfile`
        FROM python:3.12-slim
        RUN ["pip", "install", "curl"]
      `,
      errors: [{ line: 2, column: 6, endColumn: 22 }],
      output: dockerfile`
        FROM python:3.12-slim
        RUN ["pip", "install", "--no-cache-dir", "curl"]
      `,
    },
    {
      name: 'heredoc',
      code: dockerfile`
        FROM python:3.12-slim
        RUN <<EOF
        set -e
        pip install curl
        EOF
      `,
      errors: [{ line: 4, column: 1, endColumn: 12 }],
      output: dockerfile`
        FROM python:3.12-slim
        RUN <<EOF
        set -e
        pip install --no-cache-dir curl
        EOF
      `,
    },
    {
      name: 'ONBUILD trigger, lower-case, sudo',
      code: dockerfile`
        from python:3.12-slim
        onbuild run sudo pip install -r requirements.txt
      `,
      errors: [{ line: 2, column: 18, endColumn: 29 }],
      output: dockerfile`
        from python:3.12-slim
        onbuild run sudo pip install --no-cache-dir -r requirements.txt
      `,
    },
    {
      name: 'stage a shipped stage builds FROM; the builder stays quiet',
      code: dockerfile`
        FROM python:3.12-slim AS build
        RUN pip install build
        FROM python:3.12-slim AS base
        RUN pip install curl
        FROM base
        COPY --from=build /out /out
      `,
      errors: [{ line: 4 }],
      output: dockerfile`
        FROM python:3.12-slim AS build
        RUN pip install build
        FROM python:3.12-slim AS base
        RUN pip install --no-cache-dir curl
        FROM base
        COPY --from=build /out /out
      `,
    },
    {
      name: 'escape directive and a comment inside the continuation',
      code: dockerfile`
        # escape=${'`'}
        FROM python:3.12-slim
        RUN apt-get update && ${'`'}
        # the app
            pip install ${'`'}
              curl
      `,
      errors: [{ line: 5, column: 5, endColumn: 16 }],
      output: dockerfile`
        # escape=${'`'}
        FROM python:3.12-slim
        RUN apt-get update && ${'`'}
        # the app
            pip install --no-cache-dir ${'`'}
              curl
      `,
    },
    {
      name: 'CRLF line endings',
      code: dockerfile`
        FROM python:3.12-slim
        RUN pip install \
              curl
      `.replace(/\n/g, '\r\n'),
      errors: [{ line: 2, column: 5, endColumn: 16 }],
      output: dockerfile`
        FROM python:3.12-slim
        RUN pip install --no-cache-dir \
              curl
      `.replace(/\n/g, '\r\n'),
    },
  ],
});
