import rule from '../../server/src/engine/rules/pecl-cache-kept.js';
import { dockerfile, testRule } from '../support/ruleTester.js';

testRule(rule, {
  valid: [
    {
      name: '/tmp/pear removed in the same RUN, as the official PHP images do',
      code: dockerfile`
        FROM php:8.3-cli
        RUN pecl install redis-6.0.2 \
         && docker-php-ext-enable redis \
         && rm -rf /tmp/pear ~/.pearrc
      `,
    },
    {
      name: 'contents of /tmp/pear removed',
      code: dockerfile`
        FROM php:8.3-cli
        RUN pecl install apcu; rm -rf /tmp/pear/*
      `,
    },
    {
      name: 'all of /tmp removed',
      code: dockerfile`
        FROM php:8.3-cli
        RUN pecl install apcu && rm -rf /tmp
      `,
    },
    {
      name: 'tmpfs mount on /tmp',
      code: dockerfile`
        FROM php:8.3-cli
        RUN --mount=type=tmpfs,target=/tmp pecl install apcu
      `,
    },
    {
      name: 'cache mount on /tmp/pear',
      code: dockerfile`
        FROM php:8.3-cli
        RUN --mount=type=cache,target=/tmp/pear pecl install apcu
      `,
    },
    {
      name: 'builder stage is not shipped',
      code: dockerfile`
        FROM php:8.3-cli AS build
        RUN pecl install apcu
        FROM php:8.3-cli
        COPY --from=build /usr/local/lib/php/extensions /usr/local/lib/php/extensions
      `,
    },
    {
      name: 'pecl directories moved by configuration: out of sight',
      code: dockerfile`
        FROM php:8.3-cli
        RUN pecl config-set temp_dir /build/pear
        RUN pecl install apcu
      `,
    },
    {
      name: 'other pecl subcommands download nothing to build',
      code: dockerfile`
        FROM php:8.3-cli
        RUN pecl list && pecl info apcu && pecl config-get php_ini
      `,
    },
    {
      name: 'removal with $HOME',
      code: dockerfile`
        FROM php:8.3-cli
        RUN pear install Mail && rm -rf "/tmp/pear" $HOME/.pearrc
      `,
    },
  ],
  invalid: [
    {
      name: 'pecl install then enable',
      code: dockerfile`
        FROM php:8.3-cli
        RUN pecl install redis && docker-php-ext-enable redis
      `,
      errors: [{ line: 2, column: 5, endColumn: 17, message: '"pecl install" leaves its sources and build tree in this layer. Remove /tmp/pear in the same RUN.' }],
      output: dockerfile`
        FROM php:8.3-cli
        RUN pecl install redis && docker-php-ext-enable redis && rm -rf /tmp/pear ~/.pearrc
      `,
      fixSafety: 'safe',
    },
    {
      name: 'two RUNs, two findings; leading && continuation style',
      code: dockerfile`
        FROM php:8.3-fpm
        RUN pecl install -o -f xdebug \
            && docker-php-ext-enable xdebug
        RUN pecl upgrade apcu
      `,
      errors: [
        { line: 2, column: 5, endColumn: 17 },
        { line: 4, column: 5, endColumn: 17, message: '"pecl upgrade"' },
      ],
      output: dockerfile`
        FROM php:8.3-fpm
        RUN pecl install -o -f xdebug \
            && docker-php-ext-enable xdebug \
            && rm -rf /tmp/pear ~/.pearrc
        RUN pecl upgrade apcu && rm -rf /tmp/pear ~/.pearrc
      `,
    },
    {
      name: 'two installs in one RUN: one finding, one removal',
      code: dockerfile`
        FROM php:8.3-cli
        RUN pecl install redis; pecl install apcu; docker-php-ext-enable redis apcu
      `,
      errors: [{ line: 2, column: 5, endColumn: 17 }],
      output: dockerfile`
        FROM php:8.3-cli
        RUN pecl install redis; pecl install apcu; docker-php-ext-enable redis apcu; \
            rm -rf /tmp/pear ~/.pearrc
      `,
    },
    {
      name: 'removal before the install does not help; a stage that configures pecl keeps ~/.pearrc',
      code: dockerfile`
        FROM php:8.3-cli
        RUN pecl config-set php_ini /usr/local/etc/php/php.ini
        RUN rm -rf /tmp/pear && pecl install apcu
      `,
      errors: [{ line: 3, column: 25, endColumn: 37 }],
      output: dockerfile`
        FROM php:8.3-cli
        RUN pecl config-set php_ini /usr/local/etc/php/php.ini
        RUN rm -rf /tmp/pear && pecl install apcu && rm -rf /tmp/pear
      `,
    },
    {
      name: 'heredoc, pear',
      code: dockerfile`
        FROM php:8.3-cli
        RUN <<EOF
        set -e
        pear install Mail
        EOF
      `,
      errors: [{ line: 4, column: 1, endColumn: 13, message: '"pear install"' }],
      output: dockerfile`
        FROM php:8.3-cli
        RUN <<EOF
        set -e
        pear install Mail
        rm -rf /tmp/pear ~/.pearrc
        EOF
      `,
    },
    {
      name: 'ONBUILD, lower case, CRLF',
      code: dockerfile`
        from php:8.3-cli
        onbuild run pecl install apcu
      `.replace(/\n/g, '\r\n'),
      errors: [{ line: 2, column: 13, endColumn: 25 }],
      output: dockerfile`
        from php:8.3-cli
        onbuild run pecl install apcu && rm -rf /tmp/pear ~/.pearrc
      `.replace(/\n/g, '\r\n'),
    },
    {
      name: 'a stage the final stage builds FROM ships',
      code: dockerfile`
        FROM php:8.3-cli AS base
        RUN pecl install apcu
        FROM base
        CMD ["php", "-a"]
      `,
      errors: [{ line: 2 }],
      output: dockerfile`
        FROM php:8.3-cli AS base
        RUN pecl install apcu && rm -rf /tmp/pear ~/.pearrc
        FROM base
        CMD ["php", "-a"]
      `,
    },
  ],
});
