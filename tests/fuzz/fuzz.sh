#!/usr/bin/env bash
# Builds the fuzz targets with clang's libFuzzer (+ ASan/UBSan) and runs each one.
#   bash tests/fuzz/fuzz.sh [SECONDS_PER_TARGET=60] [TARGET...]
#   GONGWEN_FUZZ_RUNS=1000000 bash tests/fuzz/fuzz.sh 0 [TARGET...]   (a number of executions instead)
# Corpora grow in build-fuzz/corpus/<target> (seeded from tests/fuzz/corpus/); crashes land in
# build-fuzz/crashes/. Exit 1 if any target crashed.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
seconds=${1:-60}; shift || true
build=${GONGWEN_FUZZ_BUILD:-$root/build-fuzz}
bash "$root/tests/fuzz/configure.sh" "$build" || exit 1
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=($(cd "$root/tests/fuzz" && ls fuzz_*.cpp | sed 's/fuzz_\(.*\)\.cpp/\1/'))
cmake --build "$build" -j"$(nproc)" --target $(printf 'fuzz_%s ' "${targets[@]}") >/dev/null || exit 1
mkdir -p "$build/crashes"
# One target: its output in $build/fuzz_<target>.log, what to say about it in .result.
fuzz_one() {
  local t=$1 corpus=$build/corpus/$1 dict=()
  mkdir -p "$corpus"
  cp -n "$root/tests/fuzz/corpus/$t/"* "$corpus/" 2>/dev/null
  [ -f "$root/tests/fuzz/$t.dict" ] && dict=(-dict="$root/tests/fuzz/$t.dict")
  # rss_limit: a clean error for a hostile input, never an out-of-memory kill
  if ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 "$build/tests/fuzz/fuzz_$t" "$corpus" "${dict[@]}" \
      $( [ -n "${GONGWEN_FUZZ_RUNS:-}" ] && echo "-runs=$GONGWEN_FUZZ_RUNS" || echo "-max_total_time=$seconds" ) -rss_limit_mb=2048 -max_len=65536 -timeout=20 -print_final_stats=1 \
      -artifact_prefix="$build/crashes/$t-" >"$build/fuzz_$t.log" 2>&1; then
    grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$build/fuzz_$t.log" | sed "s/^/  /" >"$build/fuzz_$t.result"
  else
    { echo "FAIL: fuzz_$t found a crash:"; tail -40 "$build/fuzz_$t.log"; } >"$build/fuzz_$t.result"
    return 1
  fi
}
# A fuzzer is one process on one core: as many at a time as there are cores (each still gets its
# seconds of a core to itself), their reports in the targets' order.
fail=0
per=$(nproc)
for ((i = 0; i < ${#targets[@]}; i += per)); do
  batch=("${targets[@]:i:per}")
  pids=()
  for t in "${batch[@]}"; do
    echo "== fuzz_$t for ${GONGWEN_FUZZ_RUNS:-${seconds}s}"
    fuzz_one "$t" &
    pids+=($!)
  done
  for k in "${!batch[@]}"; do
    wait "${pids[$k]}" || fail=1
    echo "-- fuzz_${batch[$k]}"
    cat "$build/fuzz_${batch[$k]}.result"
  done
done
exit $fail
