#!/usr/bin/env bash
# Installs what CertDeck needs on Debian/Ubuntu, skipping whatever is already there.
#   scripts/setup.sh app    build and run the app
#   scripts/setup.sh test   also everything the test suites use
# Safe to run again: every step checks first.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-app}

say() { printf '\033[1;34m==>\033[0m %s\n' "$*"; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# Build and run: Tauri's WebKitGTK stack.
app_packages=(
  build-essential pkg-config file curl ca-certificates
  libwebkit2gtk-4.1-dev libgtk-3-dev librsvg2-dev libayatana-appindicator3-dev
  libsoup-3.0-dev libxdo-dev libssl-dev libdbus-1-dev
)
# Tests: headless X, the webview's WebDriver, screenshots, drag sources, fixture tools, and a
# Secret Service (gnome-keyring in a private D-Bus session) for the token cache's key.
test_packages=(
  xvfb xauth webkit2gtk-driver imagemagick x11-utils xdotool fonts-dejavu-core
  python3 python3-venv python3-gi gir1.2-gtk-3.0 openssl default-jre-headless
  dbus gnome-keyring
)

packages=("${app_packages[@]}")
[ "$mode" = test ] && packages+=("${test_packages[@]}")

if command -v apt-get >/dev/null; then
  missing=()
  for pkg in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
  done
  # keytool may come from any JRE already on the machine.
  if command -v keytool >/dev/null; then
    missing=("${missing[@]/default-jre-headless/}")
  fi
  read -r -a missing <<<"${missing[*]}"
  if [ ${#missing[@]} -gt 0 ]; then
    say "Installing system packages: ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
else
  say "Not a Debian/Ubuntu system: install the packages listed in README.md yourself."
fi

if ! command -v cargo >/dev/null; then
  echo "Rust is missing: install it with rustup (https://rustup.rs), then run this again." >&2
  exit 1
fi

# Node.js 20.19+ (Vite 7). Debian 12's own nodejs is 18: then take Node 20 from npm's registry.
node_ok() { command -v node >/dev/null && node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>20||(a===20&&b>=19)?0:1)'; }
if ! node_ok; then
  command -v npm >/dev/null || as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm
  say "Installing Node.js 20 from the npm registry"
  as_root npm install -g --no-audit --no-fund node@20
  hash -r
  node_ok || { echo "Node.js 20.19 or newer is needed (found $(node --version 2>&1))." >&2; exit 1; }
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "Installing npm packages"
  npm ci --no-audit --no-fund
fi

# Fuzzing (scripts/fuzz.sh): cargo-fuzz builds with sanitizers, which need the nightly toolchain.
if [ "$mode" = test ]; then
  if ! command -v rustup >/dev/null; then
    echo "Fuzzing needs the nightly toolchain: install Rust with rustup (https://rustup.rs)." >&2
    exit 1
  fi
  if ! rustup run nightly rustc --version >/dev/null 2>&1; then
    say "Installing the nightly Rust toolchain (fuzzing)"
    rustup toolchain install nightly --profile minimal --no-self-update
  fi
  if ! cargo fuzz --version >/dev/null 2>&1; then
    say "Installing cargo-fuzz"
    cargo install cargo-fuzz --version 0.13.2 --locked
  fi
fi

if [ "$mode" = test ] && ! command -v tauri-driver >/dev/null; then
  say "Installing tauri-driver"
  cargo install tauri-driver --version 2.1.0 --locked
fi
