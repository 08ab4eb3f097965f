#!/usr/bin/env bash
# Schemathesis over Microsoft's OpenAPI file (its issuer and contacts operations, in openapi/): every
# answer of the local vault must match the response schema (issue #17: bodies once stored as
# sent were echoed back). Called by run.sh with VAULT_URL (a vault it may write to), CA_FILE and
# TOKEN_FILE of a running `certdeck-cli local-vault serve`. Creates target/schemathesis-venv when
# missing. Prints `N passed, N failed` as run.sh expects; exits non-zero on a failure.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
: "${VAULT_URL:?VAULT_URL of a running local vault}" "${CA_FILE:?}" "${TOKEN_FILE:?}"
target="${CARGO_TARGET_DIR:-target}"
case "$target" in /*) ;; *) target="$root/$target" ;; esac
spec="$root/tests/conformance/openapi/certificates-issuers-contacts-2025-07-01.json"

venv="$target/schemathesis-venv"
if [ ! -x "$venv/bin/schemathesis" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check schemathesis==4.32.5 </dev/null
fi

# The file holds the issuer and contacts operations only; 60 s at most.
if timeout 60 "$venv/bin/schemathesis" run "$spec" \
    --url "${VAULT_URL%/}" \
    --header "Authorization: Bearer $(cat "$TOKEN_FILE")" \
    --tls-verify "$CA_FILE" \
    --checks response_schema_conformance \
    --max-examples 25 --generation-deterministic --workers 1 \
    --no-color </dev/null; then
  echo "1 passed, 0 failed"
else
  echo "schemathesis: response schema violations (or a timeout) on the issuer/contacts operations" >&2
  echo "0 passed, 1 failed"
  exit 1
fi
