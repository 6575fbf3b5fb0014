/**
 * Template tag for inline Dockerfiles: reads the raw strings (so `\` line continuations survive) and removes
 * the common indentation and the first and last blank lines. Keeps a final newline.
 */
export function dockerfile(strings: TemplateStringsArray, ...values: unknown[]): string {
  let raw = '';
  strings.raw.forEach((s, i) => {
    raw += s + (i < values.length ? String(values[i]) : '');
  });
  const lines = raw.split('\n');
  if (lines[0]?.trim() === '') lines.shift();
  if (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
  const indents = lines.filter((l) => l.trim() !== '').map((l) => /^ */.exec(l)![0].length);
  const cut = indents.length > 0 ? Math.min(...indents) : 0;
  return `${lines.map((l) => l.slice(cut)).join('\n')}\n`;
}
