#!/usr/bin/env bash
# Coverage-guided fuzzing of CertDeck's parsers with cargo-fuzz (libFuzzer + AddressSanitizer,
# nightly toolchain; scripts/setup.sh test installs both). Targets, in fuzz/fuzz_targets/:
#   inspect_file   file inspection end to end (sniff → parse → explain → convert, read back)
#   policy_rules   the policy rules, lint, diff and patches; subject and SAN parsers
#   vault_bodies   the local vault's request bodies, parsed and validated as the server does
#   backup_blob    backup decoding: unseal, parse, the restore checks
#
#   scripts/fuzz.sh smoke [SECONDS [TARGET...]]   build all, run each briefly (in test.sh)
#   scripts/fuzz.sh long [SECONDS [TARGET...]]    each target SECONDS (default 600), 2 at a time
#
# A failure is a panic, a run over 1 s (-timeout; 10 s in the smoke run, FUZZ_TIMEOUT overrides)
# or an allocation of 256 MiB or more
# (-malloc_limit_mb). The process as a whole may reach 1 GiB (-rss_limit_mb): AddressSanitizer's
# shadow memory and quarantine and libFuzzer's corpus count there, and under 256 MiB they made
# false alarms (an input that peaks at 44 MB alone). Each run prints executions, coverage (cov/ft from libFuzzer's final
# stats) and findings per target; inputs that fail are saved in fuzz/artifacts/<target>/ and
# reproduce with `cargo +nightly fuzz run <target> fuzz/artifacts/<target>/<file>`.
# Seeds: fuzz/corpus/<target>/ (fuzz/make-corpus.sh); what runs add goes to fuzz/work/.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
mode=${1:-smoke}
targets=(inspect_file policy_rules vault_bodies backup_blob)
[ $# -gt 2 ] && targets=("${@:3}")

# Largest input per target: certificate files in 64 KiB, policy text and bodies smaller.
max_len() {
  case $1 in
    inspect_file | backup_blob) echo 65536 ;;
    *) echo 16384 ;;
  esac
}

# The smoke run replays the seed corpus on whatever machine runs the tests, loaded or not: its
# scrypt-protected keys (N=16384) take close to 1 s under AddressSanitizer there, so it stops
# only for a real hang; the long run holds every input to 1 s.
case $mode in
  smoke) seconds=${2:-30}; jobs=2; timeout=${FUZZ_TIMEOUT:-10} ;;
  long) seconds=${2:-600}; jobs=2; timeout=${FUZZ_TIMEOUT:-1} ;;
  *) echo "usage: scripts/fuzz.sh smoke|long [seconds-per-target]" >&2; exit 2 ;;
esac

# One build of every target; debug assertions off: the release code is what ships.
cargo +nightly fuzz build --sanitizer address

logs=$(mktemp -d)
run() {
  local target=$1
  mkdir -p "work/$target" "artifacts/$target"
  ASAN_OPTIONS=quarantine_size_mb=64 cargo +nightly fuzz run --sanitizer address "$target" "work/$target" "corpus/$target" -- \
    -max_total_time="$seconds" -timeout="$timeout" -rss_limit_mb=1024 -malloc_limit_mb=256 \
    -max_len="$(max_len "$target")" -print_final_stats=1 \
    -artifact_prefix="artifacts/$target/" >"$logs/$target.log" 2>&1
}

failed=()
pids=()
for target in "${targets[@]}"; do
  run "$target" &
  pids+=("$!:$target")
  if [ ${#pids[@]} -ge $jobs ]; then
    wait "${pids[0]%%:*}" || failed+=("${pids[0]#*:}")
    pids=("${pids[@]:1}")
  fi
done
for entry in "${pids[@]}"; do
  wait "${entry%%:*}" || failed+=("${entry#*:}")
done

printf '%-14s %12s %8s %8s %8s %8s  %s\n' target executions exec/s cov ft slowest finding
for target in "${targets[@]}"; do
  log=$logs/$target.log
  execs=$(awk '/stat::number_of_executed_units:/ {print $2}' "$log")
  speed=$(awk '/stat::average_exec_per_sec:/ {print $2}' "$log")
  slowest=$(awk '/stat::slowest_unit_time_sec:/ {print $2 "s"}' "$log")
  cov=$(grep -oE 'cov: [0-9]+' "$log" | tail -1 | cut -d' ' -f2)
  ft=$(grep -oE 'ft: [0-9]+' "$log" | tail -1 | cut -d' ' -f2)
  # libFuzzer stops at the first finding: a panic is a "deadly signal".
  finding=$(grep -m1 -oE 'ERROR: (libFuzzer|AddressSanitizer): [a-z -]+' "$log" | cut -d: -f3 || true)
  printf '%-14s %12s %8s %8s %8s %8s %s\n' "$target" "${execs:-?}" "${speed:-?}" "${cov:-?}" "${ft:-?}" "${slowest:-?}" "${finding:- none}"
done
if [ ${#failed[@]} -gt 0 ]; then
  for target in "${failed[@]}"; do
    echo
    echo "== $target failed; the end of its log ($logs/$target.log):"
    grep -vE '^#[0-9]+' "$logs/$target.log" | tail -40
  done
  exit 1
fi
rm -rf "$logs"
