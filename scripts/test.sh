#!/usr/bin/env bash
# Sets up what is missing, then runs every test: formatting and lints, Rust unit and
# integration tests (the local vault over real HTTPS), UI tests, Microsoft SDK conformance
# suites, and the end-to-end suite in the real webview under Xvfb.
set -euo pipefail
cd "$(dirname "$0")/.."
export CI=${CI:-}
export CARGO_TERM_COLOR=${CARGO_TERM_COLOR:-never}
# A cold CI build gains nothing from incremental caches; they only take disk and time.
[ -n "$CI" ] && export CARGO_INCREMENTAL=0

scripts/setup.sh test
df -h . | sed 's/^/disk: /'

failed=()
step() {
  local name=$1
  shift
  printf '\n\033[1;34m==> %s\033[0m\n' "$name"
  local start=$SECONDS
  if "$@"; then
    printf '\033[1;32m--> %s passed (%ss)\033[0m\n' "$name" $((SECONDS - start))
  else
    printf '\033[1;31m--> %s FAILED (%ss)\033[0m\n' "$name" $((SECONDS - start))
    # A full disk fails builds with errors that name something else; say how much is left.
    df -h . | sed 's/^/    /'
    failed+=("$name")
  fi
}

step "rustfmt" cargo fmt --all --check
step "lint (biome)" npm run lint
step "ui typecheck" npm --workspace ui run typecheck
step "ui tests (vitest)" npm --workspace ui test
# The app embeds ui/dist; one feature set for tests and the E2E binary shares every build.
step "ui build" npm --workspace ui run build
step "clippy" cargo clippy --workspace --all-targets --features certdeck/custom-protocol -- -D warnings
# Tests and the binaries the E2E and conformance suites run, in one build: `--tests`
# gives the binaries the same (dev-dependency) features as the tests, so nothing builds twice.
step "rust build" cargo build --workspace --bins --tests --features certdeck/custom-protocol
# Every test binary runs, so one failure does not hide the others.
step "rust tests" cargo test --workspace --no-fail-fast --features certdeck/custom-protocol
# The sign-in cache's key in a real Secret Service (gnome-keyring in a private D-Bus session).
step "OS keyring (Secret Service)" scripts/keyring-test.sh
step "fuzz smoke (every target briefly)" scripts/fuzz.sh smoke
for suite in tests/conformance/run.sh; do
  [ -x "$suite" ] && step "conformance ($suite)" "$suite"
done
# Every launch keeps its dirs under target/e2e-run/, emptied first; the secret scan then
# looks there, in the temp dir and the user's cache for what the run used.
node tests/e2e/secret-scan.mjs --clean
step "end-to-end (real webview)" npm --workspace tests/e2e test
step "secret scan (after E2E)" node tests/e2e/secret-scan.mjs

echo
if [ ${#failed[@]} -gt 0 ]; then
  echo "Failed steps: ${failed[*]}"
  exit 1
fi
echo "All test steps passed."
