#!/usr/bin/env bash
# Conformance of `certdeck-cli local-vault serve` with Microsoft's Python and JavaScript SDKs, and
# schemathesis's response-schema check over the issuer and contacts operations.
# Assumes `cargo build -p certdeck-cli` ran (binary: ${CARGO_TARGET_DIR:-target}/debug/certdeck-cli)
# and `npm install` at the repository root. Creates target/conformance-venv when missing.
# Prints each suite's `N passed, N failed`, then the combined line; exits non-zero on any failure.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
target="${CARGO_TARGET_DIR:-target}"
case "$target" in /*) ;; *) target="$root/$target" ;; esac
cli="$target/debug/certdeck-cli"
[ -x "$cli" ] || { echo "missing $cli: run cargo build -p certdeck-cli" >&2; exit 2; }

venv="$target/conformance-venv"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r tests/conformance/python/requirements.txt </dev/null
fi

work="$(mktemp -d)"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

mkfifo "$work/ready"
"$cli" local-vault serve --data-dir "$work/data" --operation-delay-ms 50 \
  --vault py --vault py-restore --vault js --vault js-restore --vault schema \
  >"$work/ready" 2>"$work/server.log" </dev/null &
server_pid=$!
exec 3<"$work/ready"
if ! read -r -t 60 ready <&3; then
  echo "local vault did not start:" >&2; cat "$work/server.log" >&2; exit 2
fi
# Keep draining the server's stdout so it never blocks on a full pipe.
cat <&3 >/dev/null &

field() { python3 -c 'import json,sys; d=json.loads(sys.argv[1]); print(eval(sys.argv[2]))' "$ready" "$1"; }
url_of() { field "[v['url'] for v in d['vaults'] if v['name']=='$1'][0]"; }
export CA_FILE TOKEN_FILE CERTDECK_CLI="$cli"
CA_FILE="$(field "d['ca_file']")"
TOKEN_FILE="$(field "d['token_file']")"

total_pass=0
total_fail=0
run_suite() { # name, command...
  local name="$1"; shift
  local log="$work/$name.log"
  set +e
  "$@" 2>&1 </dev/null | tee "$log"
  local status=${PIPESTATUS[0]}
  set -e
  local counts
  counts="$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$log" | tail -1 || true)"
  if [ -z "$counts" ]; then
    echo "$name: no result line (exit $status)"; total_fail=$((total_fail + 1)); return
  fi
  local p f
  p="${counts%% passed*}"; f="${counts#*, }"; f="${f%% failed*}"
  total_pass=$((total_pass + p)); total_fail=$((total_fail + f))
  if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then total_fail=$((total_fail + 1)); fi
}

VAULT_URL="$(url_of py)" RESTORE_VAULT_URL="$(url_of py-restore)" \
  run_suite python "$venv/bin/python" tests/conformance/python/conformance.py
VAULT_URL="$(url_of js)" RESTORE_VAULT_URL="$(url_of js-restore)" NODE_EXTRA_CA_CERTS="$CA_FILE" \
  run_suite js node tests/conformance/js/conformance.mjs
VAULT_URL="$(url_of schema)" run_suite schemathesis tests/conformance/schemathesis.sh

kill -TERM "$server_pid"
if ! wait "$server_pid"; then
  echo "local vault did not exit cleanly on SIGTERM" >&2; total_fail=$((total_fail + 1))
fi
server_pid=""

echo "conformance: $total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
