import rule from '../../server/src/engine/rules/musl-source-builds.js';
import { dockerfile, testRule } from '../support/ruleTester.js';

testRule(rule, {
  valid: [
    { name: 'no compiler installed: wheels or pure-Python packages', code: 'FROM python:3.12-alpine\nRUN pip install --no-cache-dir flask\n' },
    {
      name: 'compiler removed before pip runs (official python:alpine)',
      code: dockerfile`
        FROM alpine:3.20
        RUN set -eux; \
            apk add --no-cache --virtual .build-deps gcc libc-dev make; \
            make install; \
            apk del --no-network .build-deps; \
            pip3 install --no-cache-dir 'setuptools==79.0.1'
      `,
    },
    {
      name: 'only pip/setuptools/wheel, or --only-binary :all:',
      code: dockerfile`
        FROM python:3.12-alpine
        RUN apk add --no-cache build-base
        RUN pip install --upgrade pip setuptools wheel
        RUN pip install --only-binary :all: numpy
      `,
    },
    { name: 'Debian slim is fine', code: 'FROM python:3.12-slim\nRUN apt-get update && apt-get install -y gcc && pip install psycopg2\n' },
    { name: 'ONBUILD trigger', code: 'FROM python:3.12-alpine\nRUN apk add build-base\nONBUILD RUN pip install -r requirements.txt\n' },
  ],
  invalid: [
    {
      name: 'pip install after build-base on python alpine',
      code: dockerfile`
        FROM python:3.12-alpine3.20
        RUN apk add --no-cache build-base libffi-dev
        COPY requirements.txt .
        RUN pip install --no-cache-dir -r requirements.txt
      `,
      errors: [
        {
          line: 4,
          column: 5,
          endColumn: 16,
          severity: 'info',
          message: '"pip install" may compile from source on Alpine (musl). With build-base installed, packages without a musllinux wheel are compiled from source, which is slow and keeps build tools around; "python:3.12-slim" (Debian, glibc) installs prebuilt ones.',
        },
      ],
      output: null,
    },
    {
      name: 'same RUN, virtual package deleted only afterwards; python -m pip; lower case; builder stage counts too',
      code: dockerfile`
        from python:3.12-alpine as build
        run apk add --virtual .deps gcc musl-dev \
         && python3 -m pip install --prefix /install -r requirements.txt \
         && apk del .deps
        from python:3.12-alpine
        copy --from=build /install /usr/local
      `,
      errors: [{ line: 3, column: 5, endColumn: 27, message: '"python3 -m pip install" may compile from source on Alpine (musl). With gcc, musl-dev installed, packages without a musllinux wheel are compiled from source, which is slow and keeps build tools around; "python:3.12-slim" (Debian, glibc) installs prebuilt ones.' }],
      output: null,
    },
    {
      name: 'gem, bundle and npm through an inherited stage; two findings; CRLF',
      code: dockerfile`
        FROM ruby:3.3-alpine AS base
        RUN apk add --no-cache build-base
        FROM base
        RUN gem install nokogiri
        RUN bundle install --jobs 4
        FROM node:22-alpine
        RUN apk add --no-cache python3 make g++
        RUN npm ci --omit=dev
      `.replace(/\n/g, '\r\n'),
      errors: [
        { line: 4, column: 5, endColumn: 16, message: '"ruby:3.3-slim"' },
        { line: 5, column: 5, endColumn: 19, message: 'gems with native extensions' },
        { line: 8, column: 5, endColumn: 11, message: '"node:22-slim"' },
      ],
      output: null,
    },
    {
      name: 'plain alpine with Python from apk: generic suggestion; heredoc',
      code: dockerfile`
        FROM alpine:3.20
        RUN <<EOF
        apk add --no-cache python3 py3-pip gcc musl-dev python3-dev
        pip3 install --break-system-packages uwsgi
        EOF
      `,
      errors: [{ line: 4, column: 1, endColumn: 13, message: 'a "python:<version>-slim" image (Debian, glibc)' }],
      output: null,
    },
  ],
});
