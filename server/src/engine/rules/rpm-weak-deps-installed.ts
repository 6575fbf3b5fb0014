import { parseImageRef, type ImageRef } from '../catalog/imageRef.js';
import { defineRule } from '../defineRule.js';
import { shippedScripts } from '../model/chain.js';
import { insertAt } from '../edits.js';
import { findOption, optionValues } from '../model/commands.js';
import { type DockerfileModel, type Inst, type RunInfo } from '../model/model.js';
import { callLabel, configMatchesBefore, copiesFileBefore, installsPackages, packageCall, packageCalls, runCalls, type PackageCall } from '../model/packages.js';
import type { ShellCommand } from '../model/shell.js';
import { rootStage } from '../model/stageFacts.js';

const WEAK_DEPS_SETOPT = /^install_weak_deps=/i;
const WEAK_DEPS_OFF_CONFIG = /install_weak_deps\s*=\s*["']?(?:false|0|no|off)\b/i;
const NODOCS_CONFIG = /tsflags\s*=\s*["']?[\w,]*nodocs/i;
const ONLY_REQUIRES_CONFIG = /solver\.onlyRequires\s*=\s*["']?true\b/i;
const DNF_CONFIG_FILES = ['/etc/dnf/dnf.conf', '/etc/yum.conf'];
const ZYPP_CONFIG_FILES = ['/etc/zypp/zypp.conf'];

export default defineRule('rpm-weak-deps-installed', {
  check({ model, report, t }) {
    for (const { inst, script } of shippedScripts(model)) {
      if (!runCalls(inst.run, 'dnf') && !runCalls(inst.run, 'yum') && !runCalls(inst.run, 'zypper')) continue;
      const image = baseImage(inst);
      for (const call of packageCalls(script)) {
        if (!installsPackages(call)) continue;
        const finding =
          call.manager === 'zypper' ? zypperFinding(model, inst, call, image) : call.manager === 'dnf' || call.manager === 'yum' ? rpmFinding(model, inst, call, image) : null;
        if (!finding) continue;
        const { cmd, verb } = call;
        report({
          range: model.lines.range(cmd.nameWord!.start, verb.end),
          message: t(finding.key, finding.vars),
          fixes: [
            {
              title: t('fix', { options: finding.args.join(t('and')) }),
              safety: 'unsafe',
              edits: [insertAt(model, verb.end, cmd.json ? finding.args.map((a) => `, ${JSON.stringify(a)}`).join('') : ` ${finding.args.join(' ')}`)],
            },
          ],
        });
      }
    }
  },
});

interface Finding {
  key: 'weak' | 'weakDocs' | 'zypper';
  vars: Record<string, string>;
  /** Options to insert after the install word. */
  args: string[];
}

function rpmFinding(model: DockerfileModel, inst: Inst & { run: RunInfo }, call: PackageCall, image: ImageRef | null): Finding | null {
  const { cmd } = call;
  // yum 3 (CentOS 7, Amazon Linux 2) knows no weak dependencies: only yum that is dnf underneath counts.
  if (call.manager === 'yum' && !(image && yumIsDnf(image))) return null;
  const setopts = optionValues(cmd, ['--setopt']);
  // An explicit install_weak_deps, either way, is the author's choice.
  if (setopts.some((v) => WEAK_DEPS_SETOPT.test(v))) return null;
  const configured = (pattern: RegExp): boolean => configMatchesBefore(model, inst, cmd.start, isInstallCall, pattern);
  if (configured(WEAK_DEPS_OFF_CONFIG) || copiesFileBefore(inst, DNF_CONFIG_FILES)) return null;

  const micro = cmd.name === 'microdnf';
  const weakOff = micro ? '--setopt=install_weak_deps=0' : '--setopt=install_weak_deps=False';
  const nodocs = micro ? '--nodocs' : '--setopt=tsflags=nodocs';
  const hasNodocs =
    findOption(cmd, ['--nodocs', '--no-docs']) !== null || setopts.some((v) => /^tsflags=.*nodocs/i.test(v)) || configured(NODOCS_CONFIG);
  const vars = { call: callLabel(call), option: weakOff, nodocs };
  return hasNodocs ? { key: 'weak', vars, args: [weakOff] } : { key: 'weakDocs', vars, args: [weakOff, nodocs] };
}

function zypperFinding(model: DockerfileModel, inst: Inst & { run: RunInfo }, call: PackageCall, image: ImageRef | null): Finding | null {
  const { cmd } = call;
  if (findOption(cmd, ['--no-recommends', '--recommends'])) return null;
  // openSUSE and SUSE images set solver.onlyRequires in their zypp.conf already.
  if (image && suseImage(image)) return null;
  if (configMatchesBefore(model, inst, cmd.start, isInstallCall, ONLY_REQUIRES_CONFIG) || copiesFileBefore(inst, ZYPP_CONFIG_FILES)) return null;
  return {
    key: 'zypper',
    vars: { call: callLabel(call) },
    args: ['--no-recommends'],
  };
}

/** Install calls are left out of the configuration text: an option given to one install is not configuration. */
function isInstallCall(cmd: ShellCommand): boolean {
  const call = packageCall(cmd);
  return call !== null && installsPackages(call);
}

function baseImage(inst: Inst): ImageRef | null {
  if (!inst.stage) return null;
  const text = rootStage(inst.stage).image;
  return text ? parseImageRef(text) : null;
}

/** Images whose `yum` is dnf (yum 4 or later): the Enterprise Linux 8+ family, Fedora, Amazon Linux 2023. */
function yumIsDnf(image: ImageRef): boolean {
  const segments = image.repository.split('/');
  const tag = (image.tag ?? 'latest').toLowerCase();
  if (segments.some((s) => /^(ubi|rhel)(8|9|1\d)(\b|-)/.test(s))) return true;
  if (segments.some((s) => ['rockylinux', 'almalinux', 'fedora', 'fedora-minimal', 'openeuler'].includes(s))) return true;
  switch (image.name) {
    case 'centos':
      return /^(stream|8|centos8)/.test(tag);
    case 'oraclelinux':
      return /^(8|9|1\d)\b/.test(tag);
    case 'amazonlinux':
      return tag === 'latest' || tag.startsWith('2023');
    default:
      return false;
  }
}

/** openSUSE and SUSE images (Docker Hub `opensuse/*` and the old `opensuse`, registry.opensuse.org, registry.suse.com). */
function suseImage(image: ImageRef): boolean {
  if (image.registry === 'registry.suse.com' || image.registry === 'registry.opensuse.org') return true;
  const first = image.repository.split('/')[0];
  return image.registry === 'docker.io' && (first === 'opensuse' || first === 'suse' || image.repository === 'library/opensuse');
}
