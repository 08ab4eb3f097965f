#!/usr/bin/env bash
# Regenerates the desktop icon set (PNG, ICO, ICNS) from icons/certdeck.svg.
set -euo pipefail
cd "$(dirname "$0")/.."
npx tauri icon icons/certdeck.svg -o icons
# The freedesktop icon theme sizes the default set lacks (the .deb/.rpm install every size).
npx tauri icon icons/certdeck.svg -o icons --png 16,22,24,48,256
# Desktop only: drop the mobile and Windows Store variants the CLI also writes.
rm -rf icons/android icons/ios icons/Square*Logo.png icons/StoreLogo.png
cp icons/certdeck.svg ui/public/certdeck.svg
