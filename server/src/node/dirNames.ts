import { readdirSync, statSync } from 'node:fs';

/**
 * The names in directories, each directory listed once (one `readdir` instead of a `stat` per name asked): for a
 * run of the CLI over many Dockerfiles, which asks every Dockerfile's directory for the same few names
 * (`.dockerignore`, `package.json`, `.git`, `go.mod`, `Cargo.toml`, `.dockerfile-slim.json`), most of them absent.
 *
 * It only ever says that a name is *not* there: `mayHold` is false when the directory was listed and no entry
 * has that name in any letter case, and then `stat` would have found nothing either. Otherwise (true) the caller
 * asks `stat` as before, so a name that is there is answered exactly as without the listing (links followed,
 * names compared as the file system compares them). The listing is not used, and `stat` is asked, when it
 * cannot say so for certain: a directory that cannot be listed (searchable but not readable), a name or an entry
 * with a character outside ASCII (a file system may fold case or normalise Unicode: for ASCII names and entries
 * that can only be ASCII case), and on Windows (short 8.3 names, trailing dots). A directory whose size says it
 * holds many entries (over `maxSize` bytes: 16 KiB is some 500 entries on ext4) is not listed either: reading all
 * its names would cost more than the few stats (`/tmp` here: 10,000 entries, 13–25 ms). A run that writes files
 * forgets the listings (`forget`).
 */
export class DirectoryNames {
  /** Lower-cased names per directory; null when the listing cannot be used. */
  private readonly lists = new Map<string, ReadonlySet<string> | null>();

  constructor(private readonly maxSize = 16_384) {}

  /** False when `name` is certainly not in `dir`; true when it may be (ask stat). `list`: list `dir` if it was not yet. */
  mayHold(dir: string, name: string, list = true): boolean {
    if (!ASCII.test(name)) return true;
    let names = this.lists.get(dir);
    if (names === undefined) {
      if (!list) return true;
      names = listed(dir, this.maxSize);
      this.lists.set(dir, names);
    }
    return names === null || names.has(name.toLowerCase());
  }

  /** Forgets every listing (the run wrote files). */
  forget(): void {
    this.lists.clear();
  }
}

const ASCII = /^[\x20-\x7e]*$/;

function listed(dir: string, maxSize: number): ReadonlySet<string> | null {
  if (process.platform === 'win32') return null;
  let entries: string[];
  try {
    const st = statSync(dir, { throwIfNoEntry: false });
    if (!st || !st.isDirectory() || st.size > maxSize) return null;
    entries = readdirSync(dir);
  } catch {
    return null;
  }
  const names = new Set<string>();
  for (const entry of entries) {
    if (!ASCII.test(entry)) return null;
    names.add(entry.toLowerCase());
  }
  return names;
}
