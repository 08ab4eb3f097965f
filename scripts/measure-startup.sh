#!/usr/bin/env bash
# Measures the release app's cold start to first paint and its idle memory, under Xvfb.
# First paint = the first screenshot of the window showing the rendered shell (more than a
# handful of colours), polled every ~50 ms. Usage: scripts/measure-startup.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
app=${CERTDECK_APP:-target/release/certdeck}
runs=${1:-5}
display=:$((200 + RANDOM % 300))
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null' EXIT
sleep 1

for run in $(seq "$runs"); do
  dirs=$(mktemp -d)
  start=$(date +%s%N)
  DISPLAY=$display CERTDECK_CONFIG_DIR=$dirs/c CERTDECK_DATA_DIR=$dirs/d "$app" >/dev/null 2>&1 &
  pid=$!
  while :; do
    colours=$(DISPLAY=$display import -window root -colors 256 -format '%k' info: 2>/dev/null || echo 0)
    [ "${colours:-0}" -gt 40 ] && break
    sleep 0.03
  done
  painted=$(( ($(date +%s%N) - start) / 1000000 ))
  sleep 5
  rss=$(ps -o rss= -p "$pid" | tr -d ' ')
  # The webview runs in WebKit's own processes: count them too.
  children=$(pgrep -P "$pid" -d, || true)
  total=$rss
  [ -n "$children" ] && total=$(( rss + $(ps -o rss= -p "$children" | awk '{s+=$1} END {print s+0}') ))
  echo "run $run: first paint ${painted} ms, idle RSS app ${rss} KiB, with WebKit processes ${total} KiB"
  kill "$pid"; wait "$pid" 2>/dev/null || true
  rm -rf "$dirs"
done
