#!/usr/bin/env bash
# Replays every input under fuzz/regressions/<target>/ through its target
# and says which still fail: a fix in src/ is done when all of them pass.
#
#   fuzz/replay.sh [TARGET...]
#
# Needs cargo-fuzz (`cargo install cargo-fuzz --locked`). Memory is capped
# at 2 GB, so an input that makes leadctl allocate without bound fails fast.
set -uo pipefail

fuzz_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$fuzz_dir/.." || exit 2
if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "cargo-fuzz is not installed: cargo install cargo-fuzz --locked" >&2
    exit 2
fi
export RUSTC_BOOTSTRAP=1
sanitizer=(--sanitizer "${FUZZ_SANITIZER:-address}")

if [ $# -gt 0 ]; then targets=("$@"); else
    mapfile -t targets < <(cd "$fuzz_dir/regressions" && find . -mindepth 1 -maxdepth 1 -type d | sed 's|^\./||' | sort)
fi
cargo fuzz build "${sanitizer[@]}" >"$fuzz_dir/build.log" 2>&1 || { tail -n 30 "$fuzz_dir/build.log" >&2; exit 1; }

failed=0
for target in "${targets[@]}"; do
    for input in "$fuzz_dir/regressions/$target"/*; do
        [ -f "$input" ] || continue
        out=$(cargo fuzz run "${sanitizer[@]}" "$target" "$input" -- -rss_limit_mb=2048 -malloc_limit_mb=2048 -timeout=30 2>&1)
        if [ $? -eq 0 ]; then
            echo "pass  $target ${input#"$fuzz_dir"/}"
        else
            failed=1
            why=$(grep -m1 -A1 -E "panicked at|ERROR: libFuzzer|ERROR: AddressSanitizer" <<<"$out" | tr '\n' ' ')
            echo "FAIL  $target ${input#"$fuzz_dir"/}: $why"
        fi
    done
done
exit "$failed"
