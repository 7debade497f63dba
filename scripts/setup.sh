#!/usr/bin/env bash
# Installs everything `make demo` and `make test` need, and nothing twice.
#
# Every step first checks whether its piece is already there; a warm run only checks.
# It prints what it does and stops with the name of the piece it could not install.
#
#   scripts/setup.sh            everything (Rust wasm target, wasm tools, browsers, npm deps)
#   scripts/setup.sh --no-browsers   only what building the package and the demo need (`make demo`)
#
# After it, `scripts/env.sh` (sourced by the Makefile) selects the toolchain and tool paths.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
. "$root/scripts/env.sh"

want_browsers=1
[ "${1:-}" = "--no-browsers" ] && want_browsers=0

log() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }
die() { printf '\033[31m[setup] FAILED: %s\033[0m\n' "$*" >&2; exit 1; }
have() { command -v "$1" >/dev/null 2>&1; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif have sudo; then sudo "$@"; else die "need root for: $*"; fi; }

apt_updated=0
apt_install() { # apt_install PKG... : installs the Debian packages that are missing
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  have apt-get || die "apt-get not found; install by hand: ${missing[*]}"
  if [ $apt_updated = 0 ]; then log "apt-get update"; as_root apt-get update -q >/dev/null; apt_updated=1; fi
  log "apt-get install ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q "${missing[@]}" >/dev/null ||
    die "apt-get install ${missing[*]}"
}

# --- 1. A Rust toolchain that can build wasm32-unknown-unknown ------------------------------
have cargo || die "cargo not found: install Rust with rustup (https://rustup.rs) first"
have rustup || die "rustup not found: it selects the toolchain; install Rust with rustup first"
# A C and C++ compiler: cargo links build scripts and the tools it installs with `cc`, and the
# fuzz targets' libFuzzer (built by `make lint`) is C++.
have cc && have c++ || apt_install build-essential

toolchain_has_wasm_std() { # toolchain_has_wasm_std NAME
  local sysroot
  sysroot=$(RUSTUP_TOOLCHAIN="$1" rustc --print sysroot 2>/dev/null) || return 1
  compgen -G "$sysroot/lib/rustlib/wasm32-unknown-unknown/lib/libstd-*.rlib" >/dev/null
}

build_debian_wasm_std() {
  local probe lib
  probe=$(mktemp -d)
  mkdir -p "$probe/src"
  printf '[package]\nname = "wasm_std_probe"\nversion = "0.0.0"\nedition = "2021"\n' > "$probe/Cargo.toml"
  : > "$probe/src/lib.rs"
  log "building std for wasm32 once from Debian's rust-web-src (about 3 minutes)"
  (cd "$probe" && RUSTUP_TOOLCHAIN=debian-web RUSTC_BOOTSTRAP=1 cargo test --release --no-run \
      --target wasm32-unknown-unknown -Zbuild-std=std,panic_abort,test >"$probe/build.log" 2>&1) ||
    { tail -20 "$probe/build.log" >&2; die "building std for wasm32 (log above)"; }
  lib=/usr/lib/rustlib/wasm32-unknown-unknown/lib
  as_root mkdir -p "$lib"
  for f in "$probe"/target/wasm32-unknown-unknown/release/deps/*.rlib; do
    case "$(basename "$f")" in libwasm_std_probe-*) continue ;; esac
    as_root cp "$f" "$lib/"
  done
  rm -rf "$probe"
}

if [ -n "${RUSTUP_TOOLCHAIN:-}" ] && toolchain_has_wasm_std "$RUSTUP_TOOLCHAIN"; then
  log "ok: toolchain '$RUSTUP_TOOLCHAIN' builds wasm32"
else
  default_tc=$(rustup show active-toolchain 2>/dev/null | cut -d' ' -f1)
  if toolchain_has_wasm_std "$default_tc"; then
    selected=$default_tc
  elif rustup toolchain list | grep -q '^debian-web' && toolchain_has_wasm_std debian-web; then
    selected=debian-web
  else
    log "trying: rustup target add wasm32-unknown-unknown (60 s at most)"
    if timeout 60 rustup target add wasm32-unknown-unknown >/dev/null 2>&1 && toolchain_has_wasm_std "$default_tc"; then
      selected=$default_tc
    else
      log "rustup could not download the target; using Debian's Rust (rustc-web) instead"
      apt_install rustc-web cargo-web rust-web-src lld-22 rustfmt-web rust-web-clippy
      rustup toolchain list | grep -q '^debian-web' || { log "rustup toolchain link debian-web /usr"; rustup toolchain link debian-web /usr; }
      toolchain_has_wasm_std debian-web || build_debian_wasm_std
      toolchain_has_wasm_std debian-web || die "std for wasm32 is still missing from Debian's toolchain"
      selected=debian-web
    fi
  fi
  mkdir -p "$(dirname "$toolchain_file")"
  echo "$selected" > "$toolchain_file"
  export RUSTUP_TOOLCHAIN=$selected
  log "ok: toolchain '$selected' builds wasm32 (remembered in ${toolchain_file#"$root"/})"
fi
# The library source (core, alloc) lets scripts/build-pkg.sh build the browser package for size
# (size-std); without it the package is built with stable flags (stable), bigger but the same.
sysroot=$(rustc --print sysroot)
if [ -d "$sysroot/lib/rustlib/src/rust/library/std" ]; then
  log "ok: the std source (the size build)"
elif [ "$RUSTUP_TOOLCHAIN" != debian-web ] && timeout 120 rustup component add rust-src >/dev/null 2>&1; then
  log "ok: rustup component add rust-src (the size build)"
else
  log "no library source here: the browser package is built with stable flags (the stable build)"
fi
for c in rustfmt cargo-clippy; do
  have "$c" && "$c" --version >/dev/null 2>&1 || die "$c missing for toolchain '$RUSTUP_TOOLCHAIN'"
done

# --- 2. wasm-bindgen-cli (exactly the version in Cargo.lock), wasm-opt -----------------------
[ -f Cargo.lock ] || cargo generate-lockfile
bindgen_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print }' Cargo.lock)
[ -n "$bindgen_version" ] || die "no wasm-bindgen in Cargo.lock"
if [ "$(wasm-bindgen --version 2>/dev/null | cut -d' ' -f2)" = "$bindgen_version" ]; then
  log "ok: wasm-bindgen-cli $bindgen_version"
else
  log "cargo install wasm-bindgen-cli $bindgen_version (about 3 minutes)"
  RUSTUP_TOOLCHAIN=$native_toolchain cargo install -q --force wasm-bindgen-cli --version "$bindgen_version" ||
    die "cargo install wasm-bindgen-cli $bindgen_version"
fi

have node && have npm || apt_install nodejs npm
# The examples' Vite 8 needs Node 20.19 or later, and Debian 12's own package is 18.
node -e 'const [major, minor] = process.versions.node.split(".").map(Number); process.exit(major > 20 || (major === 20 && minor >= 19) ? 0 : 1)' ||
  die "node $(node --version) is too old: the tests need Node 20.19 or later (from nodejs.org, or NodeSource's Debian packages)"
log "ok: node $(node --version)"
npm_tools() { # npm_tools DIR PKG@VER... : installs pinned npm packages into DIR, once
  local dir=$1 stamp
  shift
  stamp="$dir/.installed-$(echo "$*" | cksum | cut -d' ' -f1)"
  [ -f "$stamp" ] && return 0
  log "npm install $* (into ${dir/#$HOME/\~})"
  mkdir -p "$dir"
  [ -f "$dir/package.json" ] || echo '{"private": true}' > "$dir/package.json"
  (cd "$dir" && npm install --no-fund --no-audit --loglevel=error "$@" >/dev/null) || die "npm install $*"
  touch "$stamp"
}
# esbuild bundles the server entry (scripts/build-pkg.sh server).
npm_tools "$tools_dir" binaryen@132.0.0 esbuild@0.28.2
wasm-opt --version 2>/dev/null | grep -q 'version 132' || die "wasm-opt 132 (npm binaryen) is not first on PATH"
[ "$(esbuild --version 2>/dev/null)" = 0.28.2 ] || die "esbuild 0.28.2 (npm) is not first on PATH"
log "ok: $(wasm-opt --version), esbuild $(esbuild --version)"

# --- 3. Browsers and their WebDriver servers ------------------------------------------------
if [ $want_browsers = 1 ]; then
  have chromium && have chromedriver || apt_install chromium chromium-driver
  have firefox-esr || have firefox || apt_install firefox-esr
  # WebKit (Safari's engine): WebKitGTK's WebDriver and MiniBrowser, on a virtual X display
  # (xvfb-run needs xauth, which apt only recommends).
  have WebKitWebDriver && have xvfb-run && have xauth || apt_install webkit2gtk-driver xvfb xauth
  if ! have geckodriver; then
    log "cargo install geckodriver 0.37.1 (about 3 minutes)"
    RUSTUP_TOOLCHAIN=$native_toolchain cargo install -q geckodriver --version 0.37.1 || die "cargo install geckodriver"
  fi
  log "ok: $(chromium --version 2>/dev/null | head -1), $(firefox-esr --version 2>/dev/null || firefox --version), geckodriver $(geckodriver --version 2>/dev/null | head -1 | cut -d' ' -f2), WebKitGTK $(dpkg-query -W -f '${Version}' webkit2gtk-driver)"
fi
# npm packages of the end-to-end tests (www/: selenium-webdriver, which drives the browsers
# installed above through their WebDriver servers, never a downloaded browser; the examples'
# tests use it from there), of the framework examples (www/examples/: Vite, React, Vue, Svelte, Lit, Angular's CLI in angular/,
# webpack, TypeScript), of the benchmarks (bench/: esbuild, the peers) and of the server
# entry's tests (tests/server/: the reference webhook libraries, and deno, bun and miniflare,
# whose npm packages bring their runtime's binary).
# The demo itself needs none of them (its servers use only Node's standard library).
for dir in www www/examples www/examples/angular bench tests/server; do
  [ $want_browsers = 1 ] && [ -f "$dir/package-lock.json" ] || continue
  stamp=$dir/node_modules/.lock-$(cksum < "$dir/package-lock.json" | cut -d' ' -f1)
  if [ ! -f "$stamp" ]; then
    log "npm ci in $dir/"
    (cd "$dir" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-fund --no-audit --loglevel=error >/dev/null) || die "npm ci in $dir/"
    touch "$stamp"
  fi
  log "ok: $dir/node_modules"
done
log "ready"
