import { Instruction, type Argument } from 'dockerfile-ast';

/**
 * dockerfile-ast scans an instruction's text again on every `getArguments()` call (and its own constructors,
 * `getFlags()`, `getArgumentsRange()`, `getRawArgumentsContent()` call it several times each), building a
 * fresh Argument, and two document positions, per word. An instruction's text never changes after parsing,
 * so the scan is kept on the instruction after the first call; each caller still gets its own array, since
 * dockerfile-ast itself shifts flags off the array it gets. This halves the parse of a long RUN.
 *
 * The engine imports this module for its side effect before it parses anything.
 */
const SCANNED = Symbol('dockerfile-slim.rawArguments');
const PATCHED = Symbol('dockerfile-slim.rawArgumentsPatched');

interface Scanned {
  [SCANNED]?: Argument[];
}

interface RawArguments {
  getRawArguments(this: Instruction & Scanned): Argument[];
  [PATCHED]?: true;
}

const proto = Instruction.prototype as unknown as RawArguments;
const scan = proto.getRawArguments;
if (typeof scan === 'function' && proto[PATCHED] === undefined) {
  proto[PATCHED] = true;
  proto.getRawArguments = function getRawArguments(this: Instruction & Scanned): Argument[] {
    let args = this[SCANNED];
    if (args === undefined) {
      args = scan.call(this);
      this[SCANNED] = args;
    }
    return args.slice();
  };
}
