#!/usr/bin/env bash
# Builds and runs every leadctl fuzz target for a while, one after another.
#
#   fuzz/run.sh [SECONDS] [TARGET...]     # default: 60 seconds, every target
#
# Needs cargo-fuzz (`cargo install cargo-fuzz --locked`). No nightly toolchain
# is needed: RUSTC_BOOTSTRAP=1 lets stable rustc take the sanitizer flags.
# New corpus entries go to fuzz/corpus/<target>/ (only the seeds are
# committed), crashes to fuzz/artifacts/<target>/, libFuzzer's output to
# fuzz/logs/<target>.log. Exits 1 when any target crashed or failed to run.
#
# Environment:
#   FUZZ_SANITIZER=none   build without AddressSanitizer (about 1.5x faster;
#                         the default, address, also checks unsafe code in
#                         dependencies). Switching rebuilds everything.
#   FUZZ_KEEP_GOING=1     do not stop at the first crash: libFuzzer's fork
#                         mode records every crash, timeout and OOM and goes on.
set -uo pipefail

seconds=${1:-60}
shift || true
case $seconds in
    ''|*[!0-9]*) echo "usage: fuzz/run.sh [SECONDS] [TARGET...]" >&2; exit 2 ;;
esac

fuzz_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$fuzz_dir/.." || exit 2

if ! cargo fuzz --version >/dev/null 2>&1; then
    cat >&2 <<'EOF'
cargo-fuzz is not installed. Install it once with

    cargo install cargo-fuzz --locked

(a few minutes), then run fuzz/run.sh again. No nightly toolchain is needed.
EOF
    exit 2
fi

export RUSTC_BOOTSTRAP=1
sanitizer=(--sanitizer "${FUZZ_SANITIZER:-address}")

# Largest input per target (parsers: a cell or a few lines of cells; the
# other targets: the biggest seed must fit (examples.seed, the
# three example ledgers, is about 14.5 KB); calamine is slow, so xlsx stays small).
max_len() {
    case $1 in
        parsers) echo 1024 ;;
        rules_toml) echo 8192 ;;
        ledgers) echo 16384 ;;
        xlsx) echo 10240 ;;
        workbook) echo 400000 ;;  # the bombs of corpus/workbook must fit whole
        *) echo 4096 ;;
    esac
}

# Seconds one input may take. The workbook corpus holds bombs the budget
# refuses only after parsing two million shared strings: about 40 s with
# AddressSanitizer and coverage tracing (3 s in a debug build, well under
# one in release).
timeout_of() {
    case $1 in
        workbook) echo 90 ;;
        *) echo 10 ;;
    esac
}

if [ $# -gt 0 ]; then
    targets=("$@")
else
    mapfile -t targets < <(cargo fuzz list)
fi

echo "building ${targets[*]} …"
if ! cargo fuzz build "${sanitizer[@]}" >"$fuzz_dir/build.log" 2>&1; then
    tail -n 30 "$fuzz_dir/build.log" >&2
    echo "build failed; see fuzz/build.log" >&2
    exit 1
fi

mkdir -p "$fuzz_dir/logs"
failed=0
summary=()
for target in "${targets[@]}"; do
    corpus="$fuzz_dir/corpus/$target"
    artifacts="$fuzz_dir/artifacts/$target"
    log="$fuzz_dir/logs/$target.log"
    mkdir -p "$corpus" "$artifacts"
    before=$(ls -1 "$artifacts")
    flags=(-max_total_time="$seconds" -rss_limit_mb=2048 -max_len="$(max_len "$target")" -timeout="$(timeout_of "$target")" -print_final_stats=1)
    if [ -n "${FUZZ_KEEP_GOING:-}" ]; then
        flags+=(-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1)
    fi
    if [ -f "$fuzz_dir/dicts/$target.dict" ]; then
        flags+=(-dict="$fuzz_dir/dicts/$target.dict")
    fi
    echo "fuzzing $target for ${seconds}s (log: fuzz/logs/$target.log) …"
    cargo fuzz run "${sanitizer[@]}" "$target" -- "${flags[@]}" >"$log" 2>&1
    status=$?

    # The last status line (`#RUNS … corp: N/SIZE … exec/s: N rss: NMb`),
    # then the final stats when libFuzzer printed them (not in fork mode).
    last=$(grep -E '^#[0-9]+.*corp: ' "$log" | tail -n 1)
    corp=$(sed -n 's/.*corp: \([0-9]*\(\/[0-9]*[a-zA-Z]*\)\{0,1\}\).*/\1/p' <<<"$last")
    final() { sed -n "s/^stat::$1: *//p" "$log" | tail -n 1; }
    runs=$(final number_of_executed_units); runs=${runs:-$(sed -n 's/^#\([0-9]*\).*/\1/p' <<<"$last")}
    speed=$(final average_exec_per_sec); speed=${speed:-$(sed -n 's/.*exec\/s: \([0-9]*\).*/\1/p' <<<"$last")}
    rss=$(final peak_rss_mb); rss=${rss:-$(sed -n 's/.*rss: \([0-9]*\)Mb.*/\1/p' <<<"$last")}
    new=$(comm -13 <(echo "$before") <(ls -1 "$artifacts") | sed "s|^|fuzz/artifacts/$target/|" | tr '\n' ' ')
    line="$target: ${runs:-?} runs, ${speed:-?} exec/s, corpus ${corp:-?}, peak ${rss:-?} MB"
    if [ "$status" -ne 0 ] || [ -n "$new" ]; then
        failed=1
        why=$(grep -m1 -E "^thread '.*' panicked|ERROR: libFuzzer|==[0-9]+== ?ERROR" "$log")
        line="$line — FAILED (status $status): ${new:-no artifact} ${why:+— $why}"
    else
        line="$line — no crash"
    fi
    echo "$line"
    summary+=("$line")
done

echo
echo "summary (${seconds}s per target):"
printf '  %s\n' "${summary[@]}"
if [ "$failed" -ne 0 ]; then
    echo "reproduce a crash with: RUSTC_BOOTSTRAP=1 cargo fuzz run TARGET fuzz/artifacts/TARGET/FILE" >&2
    echo "minimise it with:       RUSTC_BOOTSTRAP=1 cargo fuzz tmin TARGET fuzz/artifacts/TARGET/FILE" >&2
fi
exit "$failed"
