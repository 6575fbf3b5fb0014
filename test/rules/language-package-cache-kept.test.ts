import rule from '../../server/src/engine/rules/language-package-cache-kept.js';
import { dockerfile, testRule } from '../support/ruleTester.js';

testRule(rule, {
  valid: [
    {
      name: 'composer install --no-cache',
      code: dockerfile`
        FROM php:8.3-cli
        RUN composer install --no-dev --no-cache
      `,
    },
    {
      name: 'composer clear-cache in the same RUN',
      code: dockerfile`
        FROM php:8.3-cli
        RUN composer install --no-dev && composer clear-cache
      `,
    },
    {
      name: "Composer's cache removed, COMPOSER_HOME as the official composer image sets it",
      code: dockerfile`
        FROM php:8.3-cli
        ENV COMPOSER_HOME=/tmp
        RUN composer install --no-dev && rm -rf /tmp/cache
      `,
    },
    {
      name: '~/.composer removed with $HOME',
      code: dockerfile`
        FROM php:8.3-cli
        RUN php composer.phar install; rm -rf $HOME/.composer
      `,
    },
    {
      name: 'conda clean -afy, as the official images do',
      code: dockerfile`
        FROM continuumio/miniconda3
        RUN conda install -y numpy && conda clean -afy
      `,
    },
    {
      name: 'micromamba clean --all --yes, mamba clean -tipsy',
      code: dockerfile`
        FROM mambaorg/micromamba:1.5
        RUN micromamba install -y -n base -f env.yaml && micromamba clean --all --yes
        RUN mamba env create -f env.yml && mamba clean -tipsy
      `,
    },
    {
      name: 'the pkgs folder removed',
      code: dockerfile`
        FROM continuumio/miniconda3
        RUN /opt/conda/bin/conda create -y -n app python=3.12 && rm -rf /opt/conda/pkgs/*
      `,
    },
    {
      name: 'cpanm work folder removed, as the official perl images do',
      code: dockerfile`
        FROM perl:5.40
        RUN cpanm --notest Mojolicious && rm -fr /root/.cpanm /tmp/*
      `,
    },
    {
      name: 'cpanm moved by PERL_CPANM_HOME and that folder removed',
      code: dockerfile`
        FROM perl:5.40
        ENV PERL_CPANM_HOME=/tmp/cpanm
        RUN cpanm Plack && rm -rf /tmp/cpanm
      `,
    },
    {
      name: 'Maven in a builder stage that does not ship',
      code: dockerfile`
        FROM maven:3.9-eclipse-temurin-21 AS build
        COPY . /src
        RUN mvn -B package
        FROM eclipse-temurin:21-jre
        COPY --from=build /src/target/app.jar /app.jar
        CMD ["java", "-jar", "/app.jar"]
      `,
    },
    {
      name: 'the image starts Maven itself: its repository is what it runs with',
      code: dockerfile`
        FROM maven:3.9-eclipse-temurin-21
        COPY . /src
        RUN mvn -B dependency:go-offline
        CMD ["mvn", "spring-boot:run"]
      `,
    },
    {
      name: 'offline Maven downloads nothing; a cache mount on ~/.m2',
      code: dockerfile`
        FROM maven:3.9-eclipse-temurin-21
        RUN mvn -o package
        RUN --mount=type=cache,target=/root/.m2 mvn package
      `,
    },
    {
      name: 'Gradle caches removed',
      code: dockerfile`
        FROM gradle:8-jdk21
        RUN gradle build --no-daemon && rm -rf ~/.gradle/caches
      `,
    },
    {
      name: 'gem install --no-document, -N and the RubyGems 2 options',
      code: dockerfile`
        FROM debian:bookworm
        RUN gem install bundler --no-document && gem install -N rake && gem install --no-rdoc --no-ri rails
      `,
    },
    {
      name: 'the official ruby images turn documentation off in their gemrc',
      code: dockerfile`
        FROM ruby:3.3-slim
        RUN gem install rails
      `,
    },
    {
      name: 'a gemrc written earlier',
      code: dockerfile`
        FROM debian:bookworm
        RUN echo 'gem: --no-document' > /etc/gemrc
        RUN gem install rails
      `,
    },
    {
      name: 'other subcommands download nothing',
      code: dockerfile`
        FROM php:8.3-cli
        RUN composer dump-autoload --optimize && conda list && gem list && cpanm --version && mvn --version
      `,
    },
      {
      name: 'the official gradle images declare ~/.gradle a volume: what a RUN writes there is discarded',
      code: dockerfile`
        FROM gradle:8.6-jdk17-alpine
        COPY . .
        RUN gradle build
        ENTRYPOINT ["java", "-jar", "build/libs/app.jar"]
      `,
    },
    {
      name: 'a VOLUME declared over the cache earlier in the image',
      code: dockerfile`
        FROM eclipse-temurin:21-jdk
        VOLUME /root/.m2
        COPY . /src
        RUN cd /src && ./mvnw -B package
      `,
    },
  ],
  invalid: [
    {
      name: 'composer install: clear-cache appended, or a mount on both places Composer may use',
      code: dockerfile`
        FROM php:8.3-cli
        RUN composer install --no-dev --optimize-autoloader
      `,
      errors: [{ line: 2, column: 5, endColumn: 21, message: "composer install leaves Composer's download cache in this layer" }],
      output: dockerfile`
        FROM php:8.3-cli
        RUN composer install --no-dev --optimize-autoloader && composer clear-cache
      `,
      mountOutput: dockerfile`
        FROM php:8.3-cli
        RUN --mount=type=cache,target=/root/.composer/cache,sharing=locked --mount=type=cache,target=/root/.cache/composer,sharing=locked composer install --no-dev --optimize-autoloader
      `,
    },
    {
      name: 'php composer.phar: the cleanup uses the same invocation; two installs, one finding',
      code: dockerfile`
        FROM php:8.3-cli
        RUN php composer.phar require monolog/monolog \
         && php composer.phar install
      `,
      errors: [{ line: 2, column: 5, endColumn: 30, message: 'php composer.phar require' }],
      output: dockerfile`
        FROM php:8.3-cli
        RUN php composer.phar require monolog/monolog \
         && php composer.phar install \
         && php composer.phar clear-cache
      `,
      fixSafety: 'safe',
    },
    {
      name: 'a cache set for the command alone: no cleanup (it would clean another cache), a mount on it',
      code: dockerfile`
        FROM php:8.3-cli
        RUN COMPOSER_CACHE_DIR=/tmp/cc composer install
      `,
      errors: [{ line: 2, column: 32, endColumn: 48 }],
      output: dockerfile`
        FROM php:8.3-cli
        RUN --mount=type=cache,target=/tmp/cc,sharing=locked COMPOSER_CACHE_DIR=/tmp/cc composer install
      `,
      fixSafety: 'unsafe',
    },
    {
      name: 'conda by its path: the pkgs folder of that install',
      code: dockerfile`
        FROM debian:bookworm-slim
        RUN /opt/conda/bin/conda install -y numpy
      `,
      errors: [{ line: 2, column: 5, endColumn: 33, message: 'the downloaded package archives in the pkgs folder' }],
      output: dockerfile`
        FROM debian:bookworm-slim
        RUN /opt/conda/bin/conda install -y numpy && /opt/conda/bin/conda clean --all --yes
      `,
      mountOutput: dockerfile`
        FROM debian:bookworm-slim
        RUN --mount=type=cache,target=/opt/conda/pkgs,sharing=locked /opt/conda/bin/conda install -y numpy
      `,
    },
    {
      name: 'micromamba with MAMBA_ROOT_PREFIX; mamba env create',
      code: dockerfile`
        FROM debian:bookworm-slim
        ENV MAMBA_ROOT_PREFIX=/opt/conda
        RUN micromamba install -y -n base python=3.12
        RUN mamba env create -f environment.yml
      `,
      errors: [
        { line: 3, column: 5, endColumn: 23 },
        { line: 4, column: 5, endColumn: 21, message: 'mamba create leaves' },
      ],
      output: dockerfile`
        FROM debian:bookworm-slim
        ENV MAMBA_ROOT_PREFIX=/opt/conda
        RUN micromamba install -y -n base python=3.12 && micromamba clean --all --yes
        RUN mamba env create -f environment.yml && mamba clean --all --yes
      `,
      mountOutput: dockerfile`
        FROM debian:bookworm-slim
        ENV MAMBA_ROOT_PREFIX=/opt/conda
        RUN --mount=type=cache,target=/opt/conda/pkgs,sharing=locked micromamba install -y -n base python=3.12
        RUN --mount=type=cache,target=/opt/conda/pkgs,sharing=locked mamba env create -f environment.yml
      `,
    },
    {
      name: 'cpanm (run as root: a base image known to run as root, no USER)',
      code: dockerfile`
        FROM debian:bookworm-slim
        RUN cpanm --notest Mojolicious
      `,
      errors: [{ line: 2, column: 5, endColumn: 10, message: "cpanm leaves cpanm's work folder" }],
      output: dockerfile`
        FROM debian:bookworm-slim
        RUN cpanm --notest Mojolicious && rm -rf ~/.cpanm
      `,
      mountOutput: dockerfile`
        FROM debian:bookworm-slim
        RUN --mount=type=cache,target=/root/.cpanm,sharing=locked cpanm --notest Mojolicious
      `,
    },
    {
      name: 'a base image the catalog does not know may run as another user: no cache mount',
      code: dockerfile`
        FROM example.com/perl-app:1
        RUN cpanm Plack
      `,
      errors: [{ line: 2, column: 5, endColumn: 10 }],
      output: dockerfile`
        FROM example.com/perl-app:1
        RUN cpanm Plack && rm -rf ~/.cpanm
      `,
      mountOutput: null,
    },
    {
      name: 'Maven run twice in the final stage: the first RUN gets advice and only the mount',
      code: dockerfile`
        FROM maven:3.9-eclipse-temurin-21
        COPY pom.xml .
        RUN mvn -B dependency:go-offline
        COPY src src
        RUN mvn -B package
        CMD ["java", "-jar", "target/app.jar"]
      `,
      errors: [
        { line: 3, column: 5, endColumn: 8, message: 'a later instruction runs it again' },
        { line: 5, column: 5, endColumn: 8, message: 'run rm -rf ~/.m2/repository in the same RUN' },
      ],
      output: dockerfile`
        FROM maven:3.9-eclipse-temurin-21
        COPY pom.xml .
        RUN --mount=type=cache,target=/root/.m2/repository,sharing=locked mvn -B dependency:go-offline
        COPY src src
        RUN mvn -B package && rm -rf ~/.m2/repository
        CMD ["java", "-jar", "target/app.jar"]
      `,
      safeOutput: dockerfile`
        FROM maven:3.9-eclipse-temurin-21
        COPY pom.xml .
        RUN mvn -B dependency:go-offline
        COPY src src
        RUN mvn -B package && rm -rf ~/.m2/repository
        CMD ["java", "-jar", "target/app.jar"]
      `,
      remaining: 0,
    },
    {
      name: 'Gradle wrapper: caches and wrapper distributions, settings kept',
      code: dockerfile`
        FROM eclipse-temurin:21-jdk
        COPY . /app
        RUN cd /app && ./gradlew build --no-daemon
      `,
      errors: [{ line: 3, column: 16, endColumn: 25, message: "./gradlew leaves Gradle's dependency cache" }],
      output: dockerfile`
        FROM eclipse-temurin:21-jdk
        COPY . /app
        RUN cd /app && ./gradlew build --no-daemon && rm -rf ~/.gradle/caches ~/.gradle/wrapper/dists
      `,
      mountOutput: dockerfile`
        FROM eclipse-temurin:21-jdk
        COPY . /app
        RUN --mount=type=cache,target=/root/.gradle/caches,sharing=locked --mount=type=cache,target=/root/.gradle/wrapper,sharing=locked cd /app && ./gradlew build --no-daemon
      `,
    },
    {
      name: 'gem install outside the ruby images: --no-document, no cache mount',
      code: dockerfile`
        FROM debian:bookworm
        RUN apt-get update && apt-get install -y ruby && gem install bundler:2.5.0 && rm -rf /var/lib/apt/lists/*
      `,
      errors: [{ line: 2, column: 50, endColumn: 61, message: "gem install without --no-document also installs each gem's documentation" }],
      output: dockerfile`
        FROM debian:bookworm
        RUN apt-get update && apt-get install -y ruby && gem install --no-document bundler:2.5.0 && rm -rf /var/lib/apt/lists/*
      `,
      mountOutput: null,
      fixSafety: 'safe',
    },
    {
      name: 'a non-root user: the cleanup only (a cache mount would belong to root)',
      code: dockerfile`
        FROM perl:5.40
        USER app
        RUN cpanm -n Plack
      `,
      errors: [{ line: 3, column: 5, endColumn: 10 }],
      output: dockerfile`
        FROM perl:5.40
        USER app
        RUN cpanm -n Plack && rm -rf ~/.cpanm
      `,
      mountOutput: null,
    },
  ],
});
