import rule from '../../server/src/engine/rules/rpm-weak-deps-installed.js';
import { dockerfile, testRule } from '../support/ruleTester.js';

testRule(rule, {
  valid: [
    {
      name: 'weak dependencies turned off on the command',
      code: dockerfile`
        FROM fedora:40
        RUN dnf install -y --setopt=install_weak_deps=False curl && dnf clean all
      `,
    },
    {
      name: '=0 and false spellings',
      code: dockerfile`
        FROM fedora:40
        RUN dnf install -y --setopt=install_weak_deps=0 curl \
         && dnf install -y --setopt=install_weak_deps=false git
      `,
    },
    {
      name: '--setopt as two words, before the subcommand',
      code: dockerfile`
        FROM fedora:40
        RUN dnf --setopt install_weak_deps=False install -y curl
      `,
    },
    {
      name: 'microdnf with =0',
      code: dockerfile`
        FROM registry.access.redhat.com/ubi9/ubi-minimal
        RUN microdnf install -y --setopt=install_weak_deps=0 --nodocs curl
      `,
    },
    {
      name: 'an explicit install_weak_deps=True is the author’s choice',
      code: dockerfile`
        FROM fedora:40
        RUN dnf install -y --setopt=install_weak_deps=True curl
      `,
    },
    {
      name: 'dnf.conf edited earlier in the stage',
      code: dockerfile`
        FROM fedora:40
        RUN echo "install_weak_deps=False" >> /etc/dnf/dnf.conf
        RUN dnf install -y curl
      `,
    },
    {
      name: 'dnf config-manager --save earlier in the same RUN',
      code: dockerfile`
        FROM rockylinux:9
        RUN dnf config-manager --save --setopt=install_weak_deps=0 && yum install -y curl
      `,
    },
    {
      name: 'yum.conf written by a heredoc in a parent stage',
      code: dockerfile`
        FROM rockylinux:9 AS base
        RUN cat >> /etc/yum.conf <<EOF
        install_weak_deps=False
        EOF
        FROM base AS runtime
        RUN yum install -y curl
      `,
    },
    {
      name: 'dnf.conf copied in',
      code: dockerfile`
        FROM fedora:40
        COPY dnf.conf /etc/dnf/
        RUN dnf install -y curl
      `,
    },
    {
      name: 'yum 3 has no weak dependencies',
      code: dockerfile`
        FROM centos:7
        RUN yum install -y curl && yum clean all
      `,
    },
    {
      name: 'yum on an unknown base image',
      code: dockerfile`
        ARG BASE
        FROM $BASE
        RUN yum install -y curl
      `,
    },
    {
      name: 'zypper --no-recommends',
      code: dockerfile`
        FROM example.org/base/sles:15.6
        RUN zypper -n in --no-recommends curl
      `,
    },
    {
      name: 'openSUSE images turn recommends off in zypp.conf',
      code: dockerfile`
        FROM opensuse/leap:15.6
        RUN zypper -n in curl
      `,
    },
    {
      name: 'the old Docker Hub opensuse image and the SUSE registry',
      code: dockerfile`
        FROM opensuse:leap AS tools
        RUN zypper -n install curl
        FROM registry.suse.com/bci/bci-base:15.6
        COPY --from=tools /usr/bin/curl /usr/bin/curl
        RUN zypper -n in git
      `,
    },
    {
      name: 'zypp.conf edited earlier',
      code: dockerfile`
        FROM example.org/base/sles:15.6
        RUN sed -i 's/.*solver.onlyRequires.*/solver.onlyRequires = true/g' /etc/zypp/zypp.conf \
         && zypper -n in curl
      `,
    },
    {
      name: 'builder stage is not shipped',
      code: dockerfile`
        FROM fedora:40 AS build
        RUN dnf install -y gcc
        FROM fedora:40 AS runtime
        COPY --from=build /out /out
      `,
    },
    {
      name: 'subcommands that install nothing new by name',
      code: dockerfile`
        FROM fedora:40
        RUN dnf upgrade -y && dnf remove -y curl && zypper ref && dnf $DNF_OPTS install curl
      `,
    },
    {
      name: 'non-POSIX SHELL is not read',
      code: dockerfile`
        FROM mcr.microsoft.com/windows/servercore:ltsc2022
        SHELL ["powershell", "-Command"]
        RUN dnf install -y curl
      `,
    },
  ],
  invalid: [
    {
      name: 'dnf install',
      code: dockerfile`
        FROM fedora:40
        RUN dnf install -y curl && dnf clean all
      `,
      errors: [
        {
          line: 2,
          column: 5,
          endLine: 2,
          endColumn: 16,
          message:
            '"dnf install" also installs weak dependencies (Recommends). Add --setopt=install_weak_deps=False to leave them out; --setopt=tsflags=nodocs leaves out their documentation too.',
        },
      ],
      output: dockerfile`
        FROM fedora:40
        RUN dnf install --setopt=install_weak_deps=False --setopt=tsflags=nodocs -y curl && dnf clean all
      `,
      fixSafety: 'unsafe',
      safeOutput: null,
    },
    {
      name: 'dnf --nodocs install: only the weak-dependency option',
      code: dockerfile`
        FROM fedora:40
        RUN dnf --nodocs install -y curl
      `,
      errors: [{ line: 2, column: 5, endColumn: 25, message: /^"dnf install" also installs weak dependencies \(Recommends\)\. Add --setopt=install_weak_deps=False to leave them out\.$/ }],
      output: dockerfile`
        FROM fedora:40
        RUN dnf --nodocs install --setopt=install_weak_deps=False -y curl
      `,
    },
    {
      name: 'yum where yum is dnf, nodocs configured earlier',
      code: dockerfile`
        FROM rockylinux:9
        RUN echo tsflags=nodocs >> /etc/dnf/dnf.conf
        RUN yum -y install curl
      `,
      errors: [{ line: 3, column: 5, endColumn: 19, message: /to leave them out\.$/ }],
      output: dockerfile`
        FROM rockylinux:9
        RUN echo tsflags=nodocs >> /etc/dnf/dnf.conf
        RUN yum -y install --setopt=install_weak_deps=False curl
      `,
    },
    {
      name: 'microdnf gets =0 and --nodocs',
      code: dockerfile`
        FROM registry.access.redhat.com/ubi9/ubi-minimal
        RUN microdnf install -y curl
      `,
      errors: [{ line: 2, column: 5, endColumn: 21, message: '"microdnf install" also installs weak dependencies (Recommends). Add --setopt=install_weak_deps=0 to leave them out; --nodocs leaves out their documentation too.' }],
      output: dockerfile`
        FROM registry.access.redhat.com/ubi9/ubi-minimal
        RUN microdnf install --setopt=install_weak_deps=0 --nodocs -y curl
      `,
    },
    {
      name: 'group installs: yum groupinstall and dnf group install, two findings',
      code: dockerfile`
        FROM registry.access.redhat.com/ubi8/ubi
        RUN yum groupinstall -y 'Development Tools' \
         && sudo dnf group install -y rpm-development-tools
      `,
      errors: [
        { line: 2, column: 5, endColumn: 21, message: '"yum groupinstall"' },
        { line: 3, column: 10, endColumn: 27, message: '"dnf group install"' },
      ],
      output: dockerfile`
        FROM registry.access.redhat.com/ubi8/ubi
        RUN yum groupinstall --setopt=install_weak_deps=False --setopt=tsflags=nodocs -y 'Development Tools' \
         && sudo dnf group install --setopt=install_weak_deps=False --setopt=tsflags=nodocs -y rpm-development-tools
      `,
    },
    {
      name: 'zypper in on a base image without the SUSE configuration',
      code: dockerfile`
        FROM example.org/base/sles:15.6
        RUN zypper --non-interactive in curl
      `,
      errors: [{ line: 2, column: 5, endColumn: 32, message: '"zypper in" without --no-recommends also installs recommended packages.' }],
      output: dockerfile`
        FROM example.org/base/sles:15.6
        RUN zypper --non-interactive in --no-recommends curl
      `,
    },
    {
      name: 'an option on one install does not cover the next',
      code: dockerfile`
        FROM fedora:40
        RUN dnf install -y --setopt=install_weak_deps=False curl; dnf install -y --nodocs git
      `,
      errors: [{ line: 2, column: 59, endColumn: 70 }],
      output: dockerfile`
        FROM fedora:40
        RUN dnf install -y --setopt=install_weak_deps=False curl; dnf install --setopt=install_weak_deps=False -y --nodocs git
      `,
    },
    {
      name: 'configuration written in a later RUN does not count',
      code: dockerfile`
        FROM fedora:40
        RUN dnf install -y --nodocs curl
        RUN echo install_weak_deps=False >> /etc/dnf/dnf.conf
      `,
      errors: [{ line: 2 }],
      output: dockerfile`
        FROM fedora:40
        RUN dnf install --setopt=install_weak_deps=False -y --nodocs curl
        RUN echo install_weak_deps=False >> /etc/dnf/dnf.conf
      `,
    },
    {
      name: 'configuration in an ONBUILD trigger runs in a later build only',
      code: dockerfile`
        FROM fedora:40
        ONBUILD RUN echo install_weak_deps=False >> /etc/dnf/dnf.conf
        RUN dnf install -y --nodocs curl
        ONBUILD RUN dnf install -y --nodocs git
      `,
      errors: [{ line: 3, column: 5, endColumn: 16 }],
      output: dockerfile`
        FROM fedora:40
        ONBUILD RUN echo install_weak_deps=False >> /etc/dnf/dnf.conf
        RUN dnf install --setopt=install_weak_deps=False -y --nodocs curl
        ONBUILD RUN dnf install -y --nodocs git
      `,
    },
    {
      name: 'exec form gets JSON arguments',
      code: dockerfile`
        FROM fedora:40
        RUN ["dnf", "install", "-y", "curl"]
      `,
      errors: [{ line: 2, column: 6, endColumn: 22 }],
      output: dockerfile`
        FROM fedora:40
        RUN ["dnf", "install", "--setopt=install_weak_deps=False", "--setopt=tsflags=nodocs", "-y", "curl"]
      `,
    },
    {
      name: 'heredoc script',
      code: dockerfile`
        FROM fedora:40
        RUN <<EOF
        dnf install -y --nodocs curl
        EOF
      `,
      errors: [{ line: 3, column: 1, endColumn: 12 }],
      output: dockerfile`
        FROM fedora:40
        RUN <<EOF
        dnf install --setopt=install_weak_deps=False -y --nodocs curl
        EOF
      `,
    },
    {
      name: 'ONBUILD trigger, lower-case instruction',
      code: dockerfile`
        from fedora:40
        onbuild run dnf install -y --nodocs curl
      `,
      errors: [{ line: 2, column: 13, endColumn: 24 }],
      output: dockerfile`
        from fedora:40
        onbuild run dnf install --setopt=install_weak_deps=False -y --nodocs curl
      `,
    },
    {
      name: 'stage a shipped stage builds FROM',
      code: dockerfile`
        FROM fedora:40 AS base
        RUN dnf install -y --nodocs curl
        FROM base AS runtime
        COPY app /app
      `,
      errors: [{ line: 2 }],
      output: dockerfile`
        FROM fedora:40 AS base
        RUN dnf install --setopt=install_weak_deps=False -y --nodocs curl
        FROM base AS runtime
        COPY app /app
      `,
    },
    {
      name: 'escape directive, comment line in the continuation, variables',
      code: dockerfile`
        # escape=${'`'}
        FROM fedora:40
        RUN dnf install -y --nodocs ${'`'}
            # packages
            $PKGS
      `,
      errors: [{ line: 3, column: 5, endColumn: 16 }],
      output: dockerfile`
        # escape=${'`'}
        FROM fedora:40
        RUN dnf install --setopt=install_weak_deps=False -y --nodocs ${'`'}
            # packages
            $PKGS
      `,
    },
    {
      name: 'CRLF line endings are kept',
      code: dockerfile`
        FROM fedora:40
        RUN dnf install -y --nodocs \
              curl
      `.replace(/\n/g, '\r\n'),
      errors: [{ line: 2, column: 5, endColumn: 16 }],
      output: dockerfile`
        FROM fedora:40
        RUN dnf install --setopt=install_weak_deps=False -y --nodocs \
              curl
      `.replace(/\n/g, '\r\n'),
    },
  ],
});
