import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { extract, type Headers } from 'tar-stream';
import type { BuiltImage, ImageHistoryEntry, ImageLayerFiles, LayerEntry } from '../engine/index.js';

/**
 * Reads an image saved by its builder as a `docker-archive` (`docker save`, `podman save --format
 * docker-archive`, `buildah push IMG docker-archive:FILE`): `manifest.json` names the config and the layer
 * tarballs in order; each layer is read as a tar stream (gunzipped first when compressed) for its entry
 * list and its uncompressed size. Nothing is unpacked to disk. Both the classic layout and the OCI layout
 * that newer Docker writes inside the archive are covered, since both list their files in `manifest.json`.
 */
export async function readDockerArchive(file: string, imageBytes: number | null = null): Promise<BuiltImage> {
  const json = new Map<string, unknown>();
  const layers = new Map<string, ImageLayerFiles>();
  const links = new Map<string, string>();
  const outer = extract();
  outer.on('entry', (header: Headers, stream: Readable, next: (error?: unknown) => void) => {
    const name = normalizeName(header.name);
    if (header.type === 'symlink' || header.type === 'link') {
      if (header.linkname) links.set(name, header.type === 'symlink' ? resolveLink(name, header.linkname) : normalizeName(header.linkname));
      stream.resume();
      stream.on('end', () => next());
      return;
    }
    if (header.type !== 'file') {
      stream.resume();
      stream.on('end', () => next());
      return;
    }
    readMember(stream)
      .then((member) => {
        if (member.kind === 'json') json.set(name, member.value);
        else if (member.kind === 'layer') layers.set(name, member.layer);
        next();
      })
      .catch((error: unknown) => next(error));
  });
  await pipeline(createReadStream(file), outer);

  const manifest = json.get('manifest.json');
  if (!Array.isArray(manifest) || manifest.length === 0) throw new Error(`${file} is not a docker-archive (no manifest.json)`);
  const entry = manifest[0] as { Config?: string; Layers?: string[] };
  const configName = entry.Config ? follow(normalizeName(entry.Config), links) : '';
  const config = json.get(configName) as { history?: { created_by?: string; empty_layer?: boolean }[] } | undefined;
  if (!config) throw new Error(`${file}: the image config ${entry.Config ?? '(none)'} is missing`);
  const ordered: ImageLayerFiles[] = (entry.Layers ?? []).map((layerName) => {
    const layer = layers.get(follow(normalizeName(layerName), links));
    if (!layer) throw new Error(`${file}: layer ${layerName} is missing or is not a tar stream`);
    return layer;
  });
  const history: ImageHistoryEntry[] = (config.history ?? []).map((h) => ({ createdBy: h.created_by ?? '', emptyLayer: h.empty_layer === true }));
  return { history, layers: ordered, imageBytes };
}

type Member = { kind: 'json'; value: unknown } | { kind: 'layer'; layer: ImageLayerFiles } | { kind: 'other' };

const MAX_JSON = 16 * 1024 * 1024;

/** One file of the archive: JSON (config, manifest), a layer tarball (plain or gzip), or something else. */
async function readMember(stream: Readable): Promise<Member> {
  const iterator = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const first = await iterator.next();
  if (first.done) return { kind: 'other' };
  const head = first.value;
  const rest = async function* (): AsyncGenerator<Buffer> {
    yield head;
    for (let r = await iterator.next(); !r.done; r = await iterator.next()) yield r.value;
  };
  const firstByte = head.subarray(0, 64).toString('latin1').trimStart()[0];
  if (firstByte === '{' || firstByte === '[') {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of rest()) {
      size += chunk.length;
      if (size > MAX_JSON) return drain(iterator);
      chunks.push(chunk);
    }
    try {
      return { kind: 'json', value: JSON.parse(Buffer.concat(chunks).toString('utf8')) };
    } catch {
      return { kind: 'other' };
    }
  }
  const gzip = head[0] === 0x1f && head[1] === 0x8b;
  const looksTar = gzip || (head.length >= 263 && head.subarray(257, 262).toString('latin1') === 'ustar');
  if (!looksTar) return drain(iterator);
  return { kind: 'layer', layer: await readLayer(Readable.from(rest()), gzip) };
}

async function drain(iterator: AsyncIterator<Buffer>): Promise<Member> {
  for (let r = await iterator.next(); !r.done; r = await iterator.next());
  return { kind: 'other' };
}

/** The entries of one layer tarball and its uncompressed size in bytes. */
export async function readLayer(source: Readable, gzip: boolean): Promise<ImageLayerFiles> {
  const entries: LayerEntry[] = [];
  let bytes = 0;
  const inner = extract();
  inner.on('entry', (header: Headers, stream: Readable, next: () => void) => {
    entries.push({ path: header.name, size: header.size ?? 0, type: entryType(header.type) });
    stream.on('end', () => next());
    stream.resume();
  });
  const count = async function* (input: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    for await (const chunk of input) {
      bytes += chunk.length;
      yield chunk;
    }
  };
  if (gzip) await pipeline(source, createGunzip(), count, inner);
  else await pipeline(source, count, inner);
  return { bytes, entries };
}

function entryType(type: Headers['type']): LayerEntry['type'] {
  switch (type) {
    case 'file':
    case 'contiguous-file':
      return 'file';
    case 'directory':
      return 'directory';
    case 'symlink':
      return 'symlink';
    case 'link':
      return 'link';
    default:
      return 'other';
  }
}

function normalizeName(name: string): string {
  return name.replace(/^\.\//, '').replace(/^\/+/, '');
}

function resolveLink(name: string, target: string): string {
  const parts = name.split('/').slice(0, -1);
  for (const part of target.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.' && part !== '') parts.push(part);
  }
  return target.startsWith('/') ? normalizeName(target) : parts.join('/');
}

function follow(name: string, links: Map<string, string>): string {
  let current = name;
  for (let hops = 0; hops < 8 && links.has(current); hops++) current = links.get(current)!;
  return current;
}
