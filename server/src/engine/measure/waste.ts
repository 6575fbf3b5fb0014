/**
 * Waste in a stack of image layers, from their file lists alone (pure: the adapter reads the tarballs).
 *
 * A layer's bytes are wasted when a later layer hides them: a whiteout (`.wh.NAME`) deletes a path and all
 * below it, an opaque marker (`.wh..wh..opq`) hides everything a lower layer had in its directory, and a new
 * entry at the same path replaces the lower one (overlay copies the whole file up, so `chmod` stores it
 * again). Each hidden copy is counted once, by the layer that hides it first: the total is the bytes the
 * image stores but no container can see, never a file's size times the layers it appears in.
 */

/** One tar entry of a layer, with the path as stored (`./` and leading `/` are ignored). */
export interface LayerEntry {
  path: string;
  /** Content bytes (tar header size; 0 for directories, links and whiteouts). */
  size: number;
  type: 'file' | 'directory' | 'symlink' | 'link' | 'other';
}

export interface LayerFiles {
  entries: readonly LayerEntry[];
}

/** How a later layer hid bytes of an earlier one. */
export type WasteKind = 'deleted' | 'overwritten';

/** One hidden copy of one path. */
export interface HiddenCopy {
  path: string;
  bytes: number;
  /** Index of the layer whose copy is hidden. */
  producer: number;
  /** Index of the layer that hides it. */
  hider: number;
  kind: WasteKind;
}

const WHITEOUT = '.wh.';
const OPAQUE = '.wh..wh..opq';

/** `./usr/bin/` → `usr/bin`; the root is the empty string. */
export function normalizeLayerPath(path: string): string {
  let p = path.replace(/\\/g, '/');
  while (p.startsWith('./')) p = p.slice(2);
  p = p.replace(/^\/+/, '').replace(/\/+$/, '').replace(/\/{2,}/g, '/');
  return p === '.' ? '' : p;
}

function parentOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

function join(dir: string, name: string): string {
  return dir === '' ? name : `${dir}/${name}`;
}

interface Live {
  layer: number;
  size: number;
  directory: boolean;
}

/** The merged file system as the layers are stacked: each path's visible entry, and a child index per directory. */
class Stack {
  readonly live = new Map<string, Live>();
  private readonly children = new Map<string, Set<string>>();

  set(path: string, entry: Live): void {
    this.live.set(path, entry);
    let child = path;
    while (child !== '') {
      const parent = parentOf(child);
      let set = this.children.get(parent);
      if (!set) {
        set = new Set();
        this.children.set(parent, set);
      }
      if (set.has(child)) break;
      set.add(child);
      child = parent;
    }
  }

  /** Removes `path` and everything below it; calls `hidden` for each removed entry. */
  remove(path: string, hidden: (path: string, entry: Live) => void): void {
    for (const child of [...(this.children.get(path) ?? [])]) this.remove(child, hidden);
    this.children.delete(path);
    const entry = this.live.get(path);
    if (entry) {
      this.live.delete(path);
      hidden(path, entry);
    }
    if (path !== '') this.children.get(parentOf(path))?.delete(path);
  }

  /** Removes everything below `dir` (not `dir` itself). */
  clear(dir: string, hidden: (path: string, entry: Live) => void): void {
    for (const child of [...(this.children.get(dir) ?? [])]) this.remove(child, hidden);
  }
}

/**
 * Stacks the layers (first = bottom) and returns every copy of a file that a later layer hides, in layer
 * order. Within a layer, whiteouts and opaque markers apply to the layers below it, before its own entries.
 */
export function hiddenCopies(layers: readonly LayerFiles[]): HiddenCopy[] {
  const stack = new Stack();
  const out: HiddenCopy[] = [];
  layers.forEach((layer, index) => {
    const hide = (kind: WasteKind) => (path: string, entry: Live) => {
      if (entry.size > 0) out.push({ path, bytes: entry.size, producer: entry.layer, hider: index, kind });
    };
    const additions: LayerEntry[] = [];
    for (const raw of layer.entries) {
      const path = normalizeLayerPath(raw.path);
      const slash = path.lastIndexOf('/');
      const name = path.slice(slash + 1);
      const dir = slash < 0 ? '' : path.slice(0, slash);
      if (name === OPAQUE) stack.clear(dir, hide('deleted'));
      else if (name.startsWith(WHITEOUT)) stack.remove(join(dir, name.slice(WHITEOUT.length)), hide('deleted'));
      else if (path !== '') additions.push({ ...raw, path });
    }
    for (const entry of additions) {
      const directory = entry.type === 'directory';
      const before = stack.live.get(entry.path);
      if (before && !(before.directory && directory)) {
        // A file replaced (or a directory replaced by a file, or the reverse): the lower copy is hidden.
        stack.remove(entry.path, hide('overwritten'));
      }
      stack.set(entry.path, { layer: index, size: directory ? 0 : entry.size, directory });
    }
  });
  return out;
}

/** Bytes of the layer's own entries (content only, no tar headers). */
export function contentBytes(layer: LayerFiles): number {
  let total = 0;
  for (const entry of layer.entries) if (entry.type === 'file') total += entry.size;
  return total;
}
