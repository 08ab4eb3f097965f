#!/usr/bin/env bash
# Sets up what is missing, then runs CertDeck in development mode (UI hot reload).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh app
exec npx tauri dev "$@"
