#!/bin/sh
# Builds the release leadctl and runs the benchmark example (examples/bench.rs).
# Usage: benches/bench.sh [--sizes 100000,1000000,10000000] [--keep DIR] [--runs 3]
set -eu
cd "$(dirname "$0")/.."
cargo build --release --bin leadctl
exec cargo run --release --example bench -- "$@"
