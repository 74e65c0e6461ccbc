#!/bin/sh
# Builds the release leadctl and runs the benchmark example (examples/bench.rs).
# Usage: benches/bench.sh [--sizes 100000,1000000,10000000] [--keep DIR] [--runs 5] [--threads N]
set -eu
cd "$(dirname "$0")/.."
cargo build --release --bin leadctl --example floor
exec cargo run --release --example bench -- "$@"
