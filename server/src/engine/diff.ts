/** Above this many cells the middle of the two texts is shown as one replaced block instead of an LCS. */
const MAX_TABLE = 16_000_000;

export type Op = { kind: ' ' | '-' | '+'; line: string };

/** Lines with their line breaks (`\r\n`, `\n` or `\r`); the last one may have none. */
export function splitLines(text: string): string[] {
  return text.match(/[^\r\n]*(?:\r\n|\n|\r)|[^\r\n]+$/g) ?? [];
}

/**
 * A unified diff (as `diff -u` prints it) from `oldText` to `newText`; the empty string when they are equal.
 * Lines are compared with their line breaks and matched by a longest common subsequence.
 */
export function unifiedDiff(oldText: string, newText: string, oldName: string, newName: string, context = 3): string {
  if (oldText === newText) return '';
  const a = splitLines(oldText);
  const b = splitLines(newText);
  const ops = diffLines(a, b);
  let out = `--- ${oldName}\n+++ ${newName}\n`;
  // Positions in `ops` of the changed lines, grouped into hunks that keep `context` lines around them.
  let i = 0;
  let oldLine = 0;
  let newLine = 0;
  const counts: { old: number; new: number }[] = ops.map((op) => {
    const at = { old: oldLine, new: newLine };
    if (op.kind !== '+') oldLine++;
    if (op.kind !== '-') newLine++;
    return at;
  });
  while (i < ops.length) {
    if (ops[i]!.kind === ' ') {
      i++;
      continue;
    }
    const start = Math.max(0, i - context);
    let end = i;
    // Extend while the next change is within 2 × context unchanged lines.
    for (;;) {
      while (end < ops.length && ops[end]!.kind !== ' ') end++;
      let next = end;
      while (next < ops.length && ops[next]!.kind === ' ') next++;
      if (next < ops.length && next - end <= 2 * context) {
        end = next;
        continue;
      }
      end = Math.min(ops.length, end + context);
      break;
    }
    const hunk = ops.slice(start, end);
    const oldCount = hunk.filter((o) => o.kind !== '+').length;
    const newCount = hunk.filter((o) => o.kind !== '-').length;
    const first = counts[start]!;
    const oldStart = oldCount === 0 ? first.old : first.old + 1;
    const newStart = newCount === 0 ? first.new : first.new + 1;
    out += `@@ -${range(oldStart, oldCount)} +${range(newStart, newCount)} @@\n`;
    for (const op of hunk) {
      const content = op.line.replace(/\r\n$|\n$|\r$/, '');
      out += `${op.kind}${content}\n`;
      if (content === op.line) out += '\\ No newline at end of file\n';
    }
    i = end;
  }
  return out;
}

function range(start: number, count: number): string {
  return count === 1 ? `${start}` : `${start},${count}`;
}

export function diffLines(a: string[], b: string[]): Op[] {
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const midA = a.slice(pre, a.length - suf);
  const midB = b.slice(pre, b.length - suf);
  const ops: Op[] = a.slice(0, pre).map((line) => ({ kind: ' ', line }));
  ops.push(...lcsOps(midA, midB));
  ops.push(...a.slice(a.length - suf).map((line): Op => ({ kind: ' ', line })));
  return ops;
}

function lcsOps(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  if ((n + 1) * (m + 1) > MAX_TABLE) {
    return [...a.map((line): Op => ({ kind: '-', line })), ...b.map((line): Op => ({ kind: '+', line }))];
  }
  // table[i][j] = length of the LCS of a[i..] and b[j..]
  const w = m + 1;
  const table = new Uint32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i * w + j] = a[i] === b[j] ? table[(i + 1) * w + j + 1]! + 1 : Math.max(table[(i + 1) * w + j]!, table[i * w + j + 1]!);
    }
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      ops.push({ kind: ' ', line: a[i]! });
      i++;
      j++;
    } else if (table[(i + 1) * w + j]! >= table[i * w + j + 1]!) {
      ops.push({ kind: '-', line: a[i]! });
      i++;
    } else {
      ops.push({ kind: '+', line: b[j]! });
      j++;
    }
  }
  while (i < n) ops.push({ kind: '-', line: a[i++]! });
  while (j < m) ops.push({ kind: '+', line: b[j++]! });
  return ops;
}

/** A run of changed lines: old lines [oldStart, oldEnd) are replaced by `newText`. */
export interface LineHunk {
  oldStart: number;
  oldEnd: number;
  /** New lines [newStart, newEnd) replace them. */
  newStart: number;
  newEnd: number;
  newText: string;
}

/** The changes from `oldText` to `newText` as line hunks with no context, in order. */
export function lineHunks(oldText: string, newText: string): LineHunk[] {
  if (oldText === newText) return [];
  const ops = diffLines(splitLines(oldText), splitLines(newText));
  const hunks: LineHunk[] = [];
  let line = 0;
  let newLine = 0;
  let current: LineHunk | null = null;
  for (const op of ops) {
    if (op.kind === ' ') {
      current = null;
      line++;
      newLine++;
      continue;
    }
    if (!current) {
      current = { oldStart: line, oldEnd: line, newStart: newLine, newEnd: newLine, newText: '' };
      hunks.push(current);
    }
    if (op.kind === '-') {
      line++;
      current.oldEnd = line;
    } else {
      newLine++;
      current.newEnd = newLine;
      current.newText += op.line;
    }
  }
  return hunks;
}
