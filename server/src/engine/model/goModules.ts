/**
 * Go modules that need cgo: a program that imports one of them does not work when built with
 * `CGO_ENABLED=0` (it fails to build, or builds a stub that fails at run time: go-sqlite3 says "Binary was
 * compiled with 'CGO_ENABLED=0', go-sqlite3 requires cgo to work"). Read from the `go.mod` of the build
 * context, which the adapter passes in (`BuildContextInfo.goMod`); the engine never reads files itself.
 */

/** Module paths (or prefixes ending in `/`) whose packages import "C" and have no pure-Go fallback. */
const CGO_MODULES: readonly string[] = [
  'github.com/mattn/go-sqlite3',
  'github.com/mattn/go-oci8',
  'github.com/godror/godror',
  'github.com/ibmdb/go_ibm_db',
  'github.com/confluentinc/confluent-kafka-go',
  'gopkg.in/confluentinc/confluent-kafka-go.v1',
  'github.com/tecbot/gorocksdb',
  'github.com/linxGnu/grocksdb',
  'github.com/DataDog/zstd',
  'github.com/valyala/gozstd',
  'github.com/google/gopacket',
  'github.com/miekg/pkcs11',
  'github.com/h2non/bimg',
  'github.com/davidbyttow/govips',
  'gopkg.in/gographics/imagick.v2',
  'gopkg.in/gographics/imagick.v3',
  'github.com/libgit2/git2go',
  'github.com/go-gl/',
  'github.com/veandco/go-sdl2',
  'fyne.io/fyne',
  'gocv.io/x/gocv',
  'github.com/tensorflow/tensorflow',
  'github.com/rjeczalik/notify',
];

/** The module paths a go.mod requires (`require x v1` and `require ( … )` blocks), in order. */
export function goModRequires(goMod: string): string[] {
  const out: string[] = [];
  let inBlock = false;
  for (const raw of goMod.split(/\r?\n|\r/)) {
    const line = raw.replace(/\/\/.*$/, '').trim();
    if (inBlock) {
      if (line === ')') inBlock = false;
      else if (line !== '') out.push(line.split(/\s+/)[0]!.replace(/^"|"$/g, ''));
      continue;
    }
    if (/^require\s*\($/.test(line)) inBlock = true;
    else {
      const m = /^require\s+("?)([^\s"]+)\1\s/.exec(line);
      if (m) out.push(m[2]!);
    }
  }
  return out;
}

/** The modules of `goMod` that need cgo (see CGO_MODULES). */
export function cgoModulesOf(goMod: string): string[] {
  return goModRequires(goMod).filter((path) => CGO_MODULES.some((m) => (m.endsWith('/') ? path.startsWith(m) : path === m || path.startsWith(`${m}/`))));
}
