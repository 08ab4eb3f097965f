#!/usr/bin/env bash
# The token cache's key in a real OS keyring: gnome-keyring's Secret Service in a private D-Bus
# session, its keyring files in a temporary folder. The login keyring is created unlocked with
# a throwaway password (with an empty one the daemon asks a GUI prompter and stores nothing).
set -euo pipefail
cd "$(dirname "$0")/.."
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
XDG_DATA_HOME=$data dbus-run-session -- bash -c '
  printf "certdeck-test-keyring" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  CERTDECK_REAL_KEYRING=1 cargo test -p certdeck-azure --test signin -- --exact \
    an_account_outlives_a_restart_with_its_key_in_the_os_keyring --nocapture
'
