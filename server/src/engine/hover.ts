/**
 * Hover content for a position in a Dockerfile: the base-image card on a FROM image, and the notes on
 * size-related flags of package managers and `useradd` inside RUN. Pure: text in, markdown out.
 */
import { escapeMarkdown, flagHoverMarkdown, imageHoverMarkdown } from './catalog/hoverCard.js';
import { lookupImage } from './catalog/images.js';
import type { DockerfileModel, Inst, RunInfo } from './model/model.js';
import type { ShellCommand, ShellWord } from './model/shell.js';
import { fromImage, rootStage } from './model/stageFacts.js';
import { HOVER_MESSAGES } from './catalog/hoverMessages.js';
import { translator, type Locale } from './i18n/locale.js';

export interface Hover {
  markdown: string;
  /** Document offsets of the word the hover is about (end exclusive). */
  start: number;
  end: number;
}

/** Tools whose flags have notes. */
const TOOLS = /^(?:apk|apt-get|apt|yum|dnf|microdnf|zypper|pip\d*(?:\.\d+)?|npm|useradd)$/;

/** The hover at a document offset, or null when there is nothing to say there. */
export function hoverAt(model: DockerfileModel, offset: number, locale: Locale = 'en'): Hover | null {
  if (!Number.isInteger(offset) || offset < 0 || offset >= model.text.length) return null;
  return imageHover(model, offset, locale) ?? flagHover(model, offset, locale);
}

function imageHover(model: DockerfileModel, offset: number, locale: Locale): Hover | null {
  for (const stage of model.stages) {
    const at = fromImage(model, stage);
    if (!at || offset < at.start || offset >= at.end) continue;
    const root = rootStage(stage);
    const rootAt = root === stage ? at : fromImage(model, root);
    const ref = rootAt?.ref;
    if (!ref) return null;
    let markdown = imageHoverMarkdown(ref, lookupImage(ref), locale);
    if (root !== stage && stage.parent) {
      const line = stage.parent.fromInst.range.start.line + 1;
      markdown = `${translator(HOVER_MESSAGES, locale)('fromStage', { stage: escapeMarkdown(stage.imageText), line })}\n\n${markdown}`;
    }
    return { markdown, start: at.start, end: at.end };
  }
  return null;
}

function flagHover(model: DockerfileModel, offset: number, locale: Locale): Hover | null {
  // ONBUILD triggers are listed after their ONBUILD instruction and cover the same text: prefer them.
  let inst: (Inst & { run: RunInfo }) | null = null;
  for (const i of model.instructions) {
    if (i.run && offset >= i.start && offset < i.end && (!inst || i.onbuild)) inst = i as Inst & { run: RunInfo };
  }
  const commands = inst?.run.script?.commands ?? [];
  for (const cmd of commands) {
    const word = cmd.args.find((w) => offset >= w.start && offset < w.end);
    if (!word || word.value === null) continue;
    const tool = toolOf(cmd, word);
    if (!tool) return null;
    const markdown = flagHoverMarkdown(tool, word.value, locale);
    return markdown === null ? null : { markdown, start: word.start, end: word.end };
  }
  return null;
}

/** The tool whose flag the word is: the command itself, or pip run as `python -m pip`. */
function toolOf(cmd: ShellCommand, word: ShellWord): string | null {
  const name = cmd.name;
  if (!name) return null;
  if (TOOLS.test(name)) return name;
  if (/^python\d*(?:\.\d+)?$/.test(name)) {
    const vals = cmd.args.map((a) => a.value);
    const m = vals.indexOf('-m');
    if (m >= 0 && /^pip\d*$/.test(vals[m + 1] ?? '') && cmd.args.indexOf(word) > m + 1) return 'pip';
  }
  return null;
}
