#!/usr/bin/env bash
# Benchmarks `mou check` against git's word diff on the same files, in one run, and prints the ratios.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
cargo bench --quiet --bench check
