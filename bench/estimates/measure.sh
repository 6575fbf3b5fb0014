#!/usr/bin/env bash
# Measures what each calibration install adds to localhost/debian:bookworm-slim, by building it with buildah.
#   bash bench/estimates/measure.sh [out.jsonl]     (default bench/estimates/measured.jsonl)
# First builds one image with `apt-get update` done (the lists are then in the parent layer, not in the
# install's), then for each case in cases.txt, with and without --no-install-recommends:
#   FROM <that image>
#   RUN apt-get install -y [--no-install-recommends] <packages>
# and records the uncompressed size difference (`podman image inspect --format '{{.Size}}'`, the figure
# `docker images` shows). Every image carries the label bench.estimates=<run> and is removed afterwards.
# Needs root and the images of bench/image-size/setup.sh (run it first).
set -euo pipefail
cd "$(dirname "$0")"
OUT="${1:-measured.jsonl}"
RUN="bench.estimates=$$-$(date +%s)"
BASE_IMAGE=localhost/debian:bookworm-slim
LISTS=localhost/bench-estimates/lists:$$
WORK=$(mktemp -d)
cleanup() {
  podman images --filter "label=$RUN" -q | sort -u | xargs -r podman rmi -f >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
size() { podman image inspect --format '{{.Size}}' "$1"; }
bud() { buildah bud --pull=never --layers --no-cache --force-rm --isolation chroot --label "$RUN" -q -f "$1" -t "$2" "$WORK" >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log" >&2; return 1; }; }

printf 'FROM %s\nRUN apt-get update\n' "$BASE_IMAGE" > "$WORK/Dockerfile.lists"
bud "$WORK/Dockerfile.lists" "$LISTS"
base=$(size "$LISTS")
# A run that stopped half-way (an interrupted build) resumes: cases already in $OUT.tmp are kept.
touch "$OUT.tmp"
grep -v '^#' cases.txt | while read -r pkgs; do
  [ -n "$pkgs" ] || continue
  for recs in with without; do
    opt=""; [ "$recs" = without ] && opt="--no-install-recommends "
    flag=$([ "$recs" = with ] && echo true || echo false)
    grep -qF "{\"packages\":\"$pkgs\",\"recommends\":$flag," "$OUT.tmp" && continue
    tag="localhost/bench-estimates/case:$$"
    printf 'FROM %s\nRUN DEBIAN_FRONTEND=noninteractive apt-get install -y %s%s\n' "$LISTS" "$opt" "$pkgs" > "$WORK/Dockerfile.case"
    t0=$(date +%s)
    bud "$WORK/Dockerfile.case" "$tag"
    added=$(( $(size "$tag") - base ))
    printf '{"packages":"%s","recommends":%s,"addedBytes":%s,"buildSeconds":%s}\n' "$pkgs" "$flag" "$added" "$(( $(date +%s) - t0 ))" | tee -a "$OUT.tmp"
    podman rmi -f "$tag" >/dev/null
  done
done
{
  printf '{"date":"%s","base":"%s","baseBytes":%s,"baseId":"%s","buildah":"%s","kernel":"%s"}\n' "$(date -u +%Y-%m-%dT%H:%MZ)" "$BASE_IMAGE" "$(size "$BASE_IMAGE")" "$(podman image inspect --format '{{.Id}}' "$BASE_IMAGE" | cut -c1-12)" "$(buildah --version | awk '{print $3}')" "$(uname -r)"
  cat "$OUT.tmp"
} > "$OUT"
rm -f "$OUT.tmp"
