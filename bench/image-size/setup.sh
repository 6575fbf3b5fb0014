#!/usr/bin/env bash
# Prepare the image-size benchmark: tools, local base images, toolchain images, vendored inputs.
#
#   bash bench/image-size/setup.sh            # build only what is missing or out of date
#   bash bench/image-size/setup.sh --force    # rebuild every image
#   ONLY="gcc-12 golang-1.19" bash bench/image-size/setup.sh   # just these toolchain images
#
# No container registry is used. The Debian base images are made from the host's Debian mirror with
# debuerreotype (the tool behind the official "debian" images); every other image is built from a
# Dockerfile in images/ with buildah. See README.md for the mapping to official image names.
#
# Needs root (rootful containers-storage in /var/lib/containers) and Debian apt.
# Env: IMAGE_BENCH_WORK  scratch dir for rootfs trees and tars (default /var/tmp/dockerfile-slim-image-bench)
#      MIRROR            Debian mirror URL (default: the first one in the host's apt sources)
#      SKIP_OPTIONAL=1   do not build the optional busybox, rust, java and distroless images
set -Eeuo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
WORK="${IMAGE_BENCH_WORK:-/var/tmp/dockerfile-slim-image-bench}"
FORCE=0
[ "${1:-}" = "--force" ] && FORCE=1
SUITE=bookworm

log() { printf '[setup %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
trap 'die "failed at line $LINENO: $BASH_COMMAND"' ERR

[ "$(id -u)" = 0 ] || die "run as root (rootful podman/buildah storage is used)"

# ---------------------------------------------------------------------------------------------
# 1. apt packages
# ---------------------------------------------------------------------------------------------
PKGS=(buildah podman skopeo runc debootstrap debuerreotype)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  log "installing: ${missing[*]}"
  # DPkg::Lock::Timeout waits for another apt run (e.g. a background install) instead of failing.
  timeout 1800 apt-get -o DPkg::Lock::Timeout=900 update -qq
  DEBIAN_FRONTEND=noninteractive timeout 1800 apt-get -o DPkg::Lock::Timeout=900 install -y -qq "${missing[@]}"
else
  log "apt packages present: ${PKGS[*]}"
fi

if [ -z "${MIRROR:-}" ]; then
  MIRROR="$(grep -hoE 'https?://[^ ]+/debian/?$' /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null \
    | head -1 || true)"
fi
MIRROR="${MIRROR%/}"
[ -n "$MIRROR" ] || die "cannot find the Debian mirror in the host's apt sources; set MIRROR=http://.../debian"
SECMIRROR="${MIRROR%/debian}/debian-security"

mkdir -p "$WORK"

have_image() { podman image exists "$1"; }

# ---------------------------------------------------------------------------------------------
# 2. localhost/debian:bookworm and localhost/debian:bookworm-slim
# ---------------------------------------------------------------------------------------------
import_tar() { # import_tar TAR IMAGE CMD
  local c
  c="$(buildah from scratch)"
  buildah add --quiet "$c" "$1" / >/dev/null
  buildah config --cmd "$3" --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    --label "bench.image-size=base" "$c"
  buildah commit --quiet --rm "$c" "$2" >/dev/null
}

make_debian_bases() {
  local s=/usr/share/debuerreotype/scripts d="$WORK/debian"
  log "debian: debootstrap $SUITE from $MIRROR (about 1-2 minutes)"
  rm -rf "$d"; mkdir -p "$d"
  # --non-debian: use a plain mirror (the default expects snapshot.debian.org, which is not reachable).
  timeout 1200 "$s/debuerreotype-init" --non-debian "$d/rootfs" "$SUITE" "$MIRROR" > "$d/init.log" 2>&1 \
    || { tail -20 "$d/init.log" >&2; die "debuerreotype-init failed (log: $d/init.log)"; }
  # Same minimizing steps as the official images: dpkg/apt docker-clean, gzip indexes, no translations.
  "$s/debuerreotype-minimizing-config" "$d/rootfs"
  rm -f "$d/rootfs/etc/apt/sources.list"
  cat > "$d/rootfs/etc/apt/sources.list.d/debian.sources" <<EOF
Types: deb
URIs: $MIRROR
Suites: $SUITE $SUITE-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: $SECMIRROR
Suites: $SUITE-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
  { timeout 900 "$s/debuerreotype-apt-get" "$d/rootfs" update -qq &&
    timeout 900 "$s/debuerreotype-apt-get" "$d/rootfs" dist-upgrade -yqq; } >> "$d/init.log" 2>&1 \
    || { tail -20 "$d/init.log" >&2; die "apt-get update/dist-upgrade in the rootfs failed (log: $d/init.log)"; }
  "$s/debuerreotype-apt-get" "$d/rootfs" clean
  : > "$d/rootfs/etc/resolv.conf"; : > "$d/rootfs/etc/hostname"   # filled in by the runtime
  cp -a "$d/rootfs" "$d/rootfs-slim"
  "$s/debuerreotype-slimify" "$d/rootfs-slim"   # path-exclude docs, man pages, locales
  "$s/debuerreotype-tar" "$d/rootfs" "$d/$SUITE.tar"
  "$s/debuerreotype-tar" "$d/rootfs-slim" "$d/$SUITE-slim.tar"
  import_tar "$d/$SUITE.tar" "localhost/debian:$SUITE" '["bash"]'
  import_tar "$d/$SUITE-slim.tar" "localhost/debian:$SUITE-slim" '["bash"]'
  podman tag "localhost/debian:$SUITE" localhost/debian:12
  podman tag "localhost/debian:$SUITE-slim" localhost/debian:12-slim
  rm -rf "$d/rootfs" "$d/rootfs-slim"   # keep the tars, drop the trees
}

if [ "$FORCE" = 1 ] || ! have_image "localhost/debian:$SUITE" || ! have_image "localhost/debian:$SUITE-slim"; then
  make_debian_bases
else
  log "present: localhost/debian:$SUITE, localhost/debian:$SUITE-slim"
fi

# ---------------------------------------------------------------------------------------------
# 3. localhost/busybox:latest (Debian's busybox-static, FROM scratch; about 2 MB)
# ---------------------------------------------------------------------------------------------
make_busybox() {
  local d="$WORK/busybox" a
  rm -rf "$d"; mkdir -p "$d/root" && cd "$d"
  chown _apt "$d" 2>/dev/null || true   # apt-get download drops privileges to _apt when it can
  timeout 300 apt-get download -qq busybox-static
  dpkg-deb -x busybox-static_*.deb pkg
  mkdir -p root/bin root/etc root/root root/tmp root/proc root/sys root/dev
  chmod 1777 root/tmp
  install -m 755 pkg/bin/busybox root/bin/busybox
  for a in $(root/bin/busybox --list); do [ "$a" = busybox ] || ln -s busybox "root/bin/$a"; done
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' > root/etc/passwd
  printf 'root:x:0:\nnogroup:x:65534:\n' > root/etc/group
  tar --numeric-owner -C root -cf busybox.tar .
  import_tar "$d/busybox.tar" localhost/busybox:latest '["sh"]'
  cd "$HERE"
}
if [ "${SKIP_OPTIONAL:-0}" != 1 ]; then
  if [ "$FORCE" = 1 ] || ! have_image localhost/busybox:latest; then
    log "busybox: building localhost/busybox:latest"; make_busybox
  else
    log "present: localhost/busybox:latest"
  fi
fi

# ---------------------------------------------------------------------------------------------
# 4. npm 10.8.2 for the node images (the npm release that the official node:18 images bundle).
#    Fetched once with the host's npm and checked against the registry's published sha512.
# ---------------------------------------------------------------------------------------------
NPM_TGZ="$HERE/images/ctx-node/npm-10.8.2.tgz"
NPM_SHA512='x/AIjFIKRllrhcb48dqUNAAZl0ig9+qMuN91RpZo3Cb2+zuibfh+KISl6+kVVyktDz230JKc208UkQwwMqyB+w=='
npm_ok() { [ -f "$NPM_TGZ" ] && [ "$(openssl dgst -sha512 -binary "$NPM_TGZ" | base64 -w0)" = "$NPM_SHA512" ]; }
if ! npm_ok; then
  log "fetching npm-10.8.2.tgz with the host's npm"
  mkdir -p "$(dirname "$NPM_TGZ")"
  (cd "$(dirname "$NPM_TGZ")" && timeout 300 npm pack --silent npm@10.8.2 >/dev/null)
  npm_ok || die "npm-10.8.2.tgz does not match its published sha512"
fi

# ---------------------------------------------------------------------------------------------
# 5. toolchain images from images/<recipe>.Dockerfile
#    Each entry: <recipe> <context> <tag> [more tags...]; <context> is images/ctx-<context>, or "-" for
#    an empty one. The hash of recipe + context is stored as a label: an edited recipe is rebuilt on
#    the next run, an unchanged one is skipped.
# ---------------------------------------------------------------------------------------------
TOOLCHAINS=(
  "gcc-12            -      localhost/gcc:12 localhost/gcc:12-bookworm"
  "golang-1.19       -      localhost/golang:1.19 localhost/golang:1.19-bookworm"
  "python-3.11       -      localhost/python:3.11 localhost/python:3.11-bookworm"
  "python-3.11-slim  -      localhost/python:3.11-slim localhost/python:3.11-slim-bookworm"
  "node-18           node   localhost/node:18 localhost/node:18-bookworm"
  "node-18-slim      node   localhost/node:18-slim localhost/node:18-bookworm-slim"
)
if [ "${SKIP_OPTIONAL:-0}" != 1 ]; then
  TOOLCHAINS+=(
    "rust-1.63         -      localhost/rust:1.63 localhost/rust:1.63-bookworm"
    "openjdk-17        -      localhost/openjdk:17 localhost/eclipse-temurin:17 localhost/eclipse-temurin:17-jdk"
    "temurin-17-jre    -      localhost/eclipse-temurin:17-jre"
    "maven-3.8-jdk-17  maven  localhost/maven:3.8-openjdk-17 localhost/maven:3-eclipse-temurin-17 localhost/maven:3.8.7-eclipse-temurin-17"
    "distroless-static -      gcr.io/distroless/static-debian12:latest gcr.io/distroless/static-debian12:nonroot gcr.io/distroless/static:latest"
    "distroless-base   -      gcr.io/distroless/base-debian12:latest gcr.io/distroless/cc-debian12:latest gcr.io/distroless/base:latest gcr.io/distroless/cc:latest"
  )
fi

mkdir -p "$WORK/emptyctx"
for entry in "${TOOLCHAINS[@]}"; do
  read -r recipe ctxname tag more <<<"$entry"
  if [ -n "${ONLY:-}" ] && ! [[ " $ONLY " == *" $recipe "* ]]; then continue; fi
  file="$HERE/images/$recipe.Dockerfile"
  [ -f "$file" ] || die "missing recipe $file"
  ctx="$WORK/emptyctx"
  [ "$ctxname" != - ] && ctx="$HERE/images/ctx-$ctxname"
  hash="$( { cat "$file"; tar -C "$ctx" --sort=name --mtime=@0 --owner=0 --group=0 -cf - . ; } | sha256sum | cut -c1-16)"
  current="$(podman image inspect --format '{{index .Labels "bench.image-size.recipe"}}' "$tag" 2>/dev/null || true)"
  if [ "$FORCE" != 1 ] && [ "$current" = "$hash" ]; then
    log "present: $tag (recipe $recipe unchanged)"
    continue
  fi
  old_id="$(podman image inspect --format '{{.Id}}' "$tag" 2>/dev/null || true)"
  log "building $tag from images/$recipe.Dockerfile"
  t0=$SECONDS
  # --layers=false: the toolchain becomes one layer on top of the Debian base, like a vendor image.
  if ! timeout 1800 buildah bud --pull=never --layers=false --force-rm --isolation chroot \
      --label "bench.image-size.recipe=$hash" -f "$file" -t "$tag" "$ctx" > "$WORK/$recipe.log" 2>&1; then
    tail -25 "$WORK/$recipe.log" >&2
    die "build of $tag failed (log: $WORK/$recipe.log)"
  fi
  for t in $more; do podman tag "$tag" "$t"; done
  # the previous build of this recipe, if it is now untagged
  if [ -n "$old_id" ] && [ -z "$(podman image inspect --format '{{join .RepoTags ","}}' "$old_id" 2>/dev/null)" ]; then
    podman rmi "$old_id" >/dev/null 2>&1 || true
  fi
  log "built $tag in $((SECONDS - t0)) s, $(podman image inspect --format '{{.Size}}' "$tag" | awk '{printf "%.1f MB", $1/1e6}')"
done

# ---------------------------------------------------------------------------------------------
# 6. vendored npm tarballs for the node fixture (fetched once with the host's npm, checked against
#    the fixture's package-lock.json, so the build itself never needs the npm registry)
# ---------------------------------------------------------------------------------------------
NODEFIX="$HERE/fixtures/node"
if [ -f "$NODEFIX/package-lock.json" ]; then
  mkdir -p "$NODEFIX/vendor"
  node --input-type=module - "$NODEFIX" <<'EOF'
import { readFileSync, existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { join, basename } from 'node:path';
const dir = process.argv[2];
const lock = JSON.parse(readFileSync(join(dir, 'package-lock.json'), 'utf8'));
for (const [key, pkg] of Object.entries(lock.packages)) {
  if (!key || !pkg.resolved?.startsWith('file:vendor/')) continue;
  const file = join(dir, pkg.resolved.slice('file:'.length));
  const name = key.replace(/^.*node_modules\//, '');
  const check = () => {
    const [algo, want] = pkg.integrity.split('-');
    return createHash(algo).update(readFileSync(file)).digest('base64') === want;
  };
  if (existsSync(file) && check()) { console.error(`[setup] vendor ok: ${basename(file)}`); continue; }
  console.error(`[setup] npm pack ${name}@${pkg.version}`);
  execFileSync('npm', ['pack', '--silent', `${name}@${pkg.version}`], { cwd: join(dir, 'vendor'), stdio: ['ignore', 'ignore', 'inherit'], timeout: 300_000 });
  if (!check()) throw new Error(`integrity mismatch for ${file}`);
}
EOF
fi

log "done. Images:"
podman images --format '{{.Repository}}:{{.Tag}}  {{.Size}}' \
  | grep -E '^(localhost/(debian|busybox|gcc|golang|python|node|rust|openjdk|eclipse-temurin|maven)|gcr.io/distroless/)' | sort >&2
