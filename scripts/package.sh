#!/usr/bin/env bash
# Builds CertDeck's release packages: a .deb and an .rpm holding the app and certdeck-cli, in
# the `dist` profile (thin LTO, stripped). Output: target/dist/bundle/{deb,rpm}/.
# Then checks the .deb: its Depends cover every library the two binaries link (dpkg-shlibdeps).
# Usage: scripts/package.sh        (scripts/package-test.sh installs and tries the .deb)
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1;34m==>\033[0m %s\n' "$*"; }
fail() { printf '\033[1;31mpackage:\033[0m %s\n' "$*" >&2; exit 1; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

scripts/setup.sh app
# dpkg-shlibdeps (dpkg-dev) checks the Depends; rpm lists the .rpm.
missing=()
command -v dpkg-shlibdeps >/dev/null || missing+=(dpkg-dev)
command -v rpm >/dev/null || missing+=(rpm)
if [ ${#missing[@]} -gt 0 ]; then
  say "Installing ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

target=${CARGO_TARGET_DIR:-target}
out=$PWD/$target/dist
started=$(date +%s)

# The bundles install target/dist/certdeck-cli as /usr/bin/certdeck-cli (tauri.conf.json).
[ "$target" = target ] || fail "tauri.conf.json takes certdeck-cli from target/dist: unset CARGO_TARGET_DIR."
say "Building certdeck-cli (profile dist)"
cargo build --profile dist -p certdeck-cli
say "Building the app and its bundles (profile dist)"
npx tauri build --ci --bundles deb,rpm -- --profile dist
elapsed=$(($(date +%s) - started))

deb=$(ls -t "$out"/bundle/deb/*.deb | head -1)
rpm=$(ls -t "$out"/bundle/rpm/*.rpm | head -1)

say "Checking the .deb's Depends against the libraries the binaries link"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/debian"
printf 'Source: certdeck\n\nPackage: certdeck\nArchitecture: any\n' >"$work/debian/control"
needed=$(cd "$work" && dpkg-shlibdeps -O "$out/certdeck" "$out/certdeck-cli" 2>/dev/null |
  sed -n 's/^shlibs:Depends=//p' | tr ',' '\n' | sed 's/^ *//; s/ .*//' | sort -u)
declared=$(dpkg-deb -f "$deb" Depends | tr ',' '\n' | sed 's/^ *//; s/ .*//' | sort -u)
undeclared=$(comm -23 <(echo "$needed") <(echo "$declared"))
[ -z "$undeclared" ] || fail "the binaries link libraries from packages the .deb does not depend on: $(echo $undeclared). Add them to bundle.linux.deb.depends in tauri.conf.json."

size() { du -h "$1" | cut -f1; }
echo
echo "Packages (built in $((elapsed / 60)) min $((elapsed % 60)) s):"
echo "  $deb  $(size "$deb")"
echo "  $rpm  $(size "$rpm")"
echo "  binaries: certdeck $(size "$out/certdeck"), certdeck-cli $(size "$out/certdeck-cli")"
echo "  Depends: $(dpkg-deb -f "$deb" Depends)"
echo "Install test: scripts/package-test.sh"
