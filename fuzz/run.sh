#!/usr/bin/env bash
# Run every fuzz target for a fixed number of executions and print a summary.
#
#   fuzz/run.sh [RUNS] [TARGET...]     RUNS defaults to 10000000 (10M) per target
#
# FUZZ_FLAGS (default "-s none -a"): cargo-fuzz options. No sanitizer, since the parsers are
# safe Rust and AddressSanitizer makes them 3-5 times slower; debug assertions on, so that an
# integer overflow panics instead of wrapping. Use FUZZ_FLAGS="" for cargo-fuzz's defaults.
#
# Needs nightly and cargo-fuzz (`cargo install cargo-fuzz`). Corpora go to fuzz/corpus/<target>,
# crashes to fuzz/artifacts/<target>, logs to fuzz/logs/<target>.log (all git-ignored).
# Exits non-zero when any target crashed.
set -u
cd "$(dirname "$0")"
runs=${1:-10000000}
read -r -a flags <<<"${FUZZ_FLAGS--s none -a}"
shift $(( $# > 0 ? 1 : 0 ))
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    mapfile -t targets < <(cargo +nightly fuzz list)
fi
mkdir -p logs
cargo +nightly fuzz build "${flags[@]}" || exit 2
failed=0
summary=()
for target in "${targets[@]}"; do
    mkdir -p "corpus/$target"
    log="logs/$target.log"
    start=$(date +%s)
    # -max_len: the parsers' own limit is 64 KiB; 4 KiB inputs reach every branch far faster.
    # An absolute corpus path: a target may change its working directory (configure_text does).
    cargo +nightly fuzz run "${flags[@]}" "$target" "$PWD/corpus/$target" -- \
        -runs="$runs" -max_len=4096 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        >"$log" 2>&1
    status=$?
    secs=$(( $(date +%s) - start ))
    execs=$(grep -a -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
    crashes=$(ls "artifacts/$target" 2>/dev/null | grep -c -E '^(crash|timeout|oom|leak)-' || true)
    if [ "$status" -ne 0 ]; then
        failed=1
        result="FAILED (exit $status, see fuzz/$log)"
    else
        result="ok"
    fi
    summary+=("$(printf '%-14s %12s executions  %3s crash files  %5ss  %s' \
        "$target" "${execs:-?}" "$crashes" "$secs" "$result")")
    echo "${summary[-1]}"
done
echo
echo "summary ($runs runs requested per target):"
printf '%s\n' "${summary[@]}"
exit $failed
