import { defineRule } from '../defineRule.js';
import { chainOf } from '../model/chain.js';
import { runsOf } from '../model/model.js';
import { isBaseImageDefinition, programName, startCommand } from '../model/startCommand.js';
import { fromImage, isRootUser, shippedImage } from '../model/stageFacts.js';
import { lastUser, stateAtEnd } from '../model/timeline.js';

/** Commands that start as root and switch to another user themselves. */
const PRIVILEGE_DROP = /\b(?:gosu|su-exec|setpriv|runuser|s6-setuidgid|setuser|chpst)\b|chroot\s+--userspec/;
/** Servers that bind their port as root and run their workers as an unprivileged user by design. */
const SELF_DROPPING = /^(?:httpd|httpd-foreground|apache2|apache2-foreground|apache2ctl|nginx|php-fpm[\d.]*|postgres)$/;

export default defineRule('runs-as-root', {
  check({ model, report, t }) {
    const shipped = shippedImage(model);
    if (!shipped) return;
    const { stage: final, ref, facts } = shipped;
    if (facts?.libc === 'windows') return;
    const user = lastUser(final);
    if (user) {
      if (user.value.includes('$') || !isRootUser(user.value)) return;
    } else {
      // Only images the catalog knows start as root (the timeline's imageUser); others may set a USER of their own.
      if (stateAtEnd(final).imageUser !== 'root') return;
    }
    // A base image for other Dockerfiles leaves the user to them (official language images do).
    if (isBaseImageDefinition(model, final)) return;
    if (dropsPrivileges(model, final)) return;

    if (user) {
      const start = model.lines.offsetAt(user.inst.node.getArgumentsRange()!.start);
      const end = model.lines.offsetAt(user.inst.node.getArgumentsRange()!.end);
      report({
        range: model.lines.range(start, end),
        message: t('rootUser', { user: user.value }),
      });
      return;
    }
    const at = fromImage(model, final);
    if (!at) return;
    report({
      range: model.lines.range(at.start, at.end),
      message: t('noUser', { image: `${ref!.familiarName}${ref!.tag ? `:${ref!.tag}` : ''}`, advice: t(suggestion(facts!.family, facts!.kind, ref!.tag)) }),
    });
  },
});

function suggestion(family: string, kind: string, tag: string | null): 'node' | 'distroless' | 'scratch' | 'dotnet' | 'create' {
  if (family === 'node') return 'node';
  if (kind === 'distroless') return 'distroless';
  if (kind === 'scratch') return 'scratch';
  // The .NET images have an `app` user from .NET 8 on.
  if ((family === 'dotnet-runtime' || family === 'dotnet-sdk') && Number(/^(\d+)\./.exec(tag ?? '')?.[1] ?? 0) >= 8) return 'dotnet';
  return 'create';
}

/** The image starts as root on purpose and switches user itself (gosu, su-exec…, or a server that does). */
function dropsPrivileges(model: Parameters<typeof startCommand>[0], final: Parameters<typeof startCommand>[1]): boolean {
  for (const r of runsOf(chainOf(final))) {
    if (PRIVILEGE_DROP.test(model.text.slice(r.start, r.end))) return true;
  }
  const { entrypoint, cmd } = startCommand(model, final);
  for (const part of [entrypoint, cmd]) {
    if (!part) continue;
    if (PRIVILEGE_DROP.test(model.text.slice(part.inst.start, part.inst.end))) return true;
    const name = programName(part.words?.[0]);
    if (name && SELF_DROPPING.test(name)) return true;
  }
  return false;
}
