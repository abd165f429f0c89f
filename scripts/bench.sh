#!/usr/bin/env bash
# Benchmarks `mou check` against git's word diff on the same files, in one run, and prints the ratios: for the default
# release build, and on x86-64 Linux also for a statically linked build (which the README offers as an install).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
cargo bench --quiet --bench check
triple=x86_64-unknown-linux-gnu
if [ "$(uname -s)-$(uname -m)" = "Linux-x86_64" ] && ldd --version 2>&1 | grep -qiE "glibc|gnu libc"; then
  echo
  RUSTFLAGS="-C target-feature=+crt-static" cargo build --release --quiet --target "$triple"
  MOU_BIN="$PWD/target/$triple/release/mou" cargo bench --quiet --bench check
fi
