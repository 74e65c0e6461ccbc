#!/usr/bin/env bash
# Regenerates docs/statement.png and docs/overview.png from the shipped
# example with headless Chromium (apt-get install chromium fonts-noto-cjk
# pngquant). Run from the project folder.
set -euo pipefail
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cargo run -q -- -q statement --period 2026Q1 --rep 刘洋 --out "$out"
cargo run -q -- -q report --period 2026Q1 --warn-days 7 --html "$out/overview.html"
shot() {
    chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$out/profile" --window-size=1240,1754 --screenshot="$out/$2.png" "file://$1" 2>/dev/null
    pngquant --force --quality 60-85 --output "docs/$2.png" "$out/$2.png"
}
shot "$out/2026Q1-刘洋.html" statement
shot "$out/overview.html" overview
