import { chosenFix, type Finding } from '../../engine/index.js';

/** The findings of one checked file, with the path as the user wrote it (or as found under a directory). */
export interface FileResult {
  path: string;
  findings: Finding[];
}

/** What the formatter needs to know at the end of a run. */
export interface RunEnd {
  filesChecked: number;
  /** One-line messages of the problems that stopped a file from being checked. */
  errors: string[];
}

/** Output built piece by piece, so files are printed as soon as they are checked. */
export interface Formatter {
  begin(): string;
  file(result: FileResult): string;
  end(run: RunEnd): string;
}

/** Whether `fix` would apply one of this finding's fixes (safe ones, or unsafe ones too when asked). */
export function fixableWith(finding: Finding, unsafe: boolean): boolean {
  return chosenFix(finding, unsafe) !== undefined;
}
