#!/usr/bin/env bash
# Benchmarks `mou check --format json` against git's word diff on the same inputs, side by side, and prints the ratios
# and a Markdown table for the README's "Speed" section. Arguments select shapes by substring
# (`scripts/bench.sh 18k repo`); with none, every shape runs.
#
# MOU_BENCH_README=1 writes the machine line, the table and its notes into README.md, between the lines
# `<!-- bench:start -->` and `<!-- bench:end -->` of its "Speed" section (run it with no shape named).
#
# MOU_BENCH_STATIC=1 also measures a statically linked build (which the README offers as an install) on x86-64 Linux,
# in a second pass that takes as long again. MOU_BENCH_JSON_DIR=DIR writes each JSON report to DIR (the static pass
# to DIR/static), to compare the output of two builds byte for byte.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
mkdir -p target/bench
cargo bench --quiet --bench check -- "$@" | tee target/bench/last-run.txt
if [ "${MOU_BENCH_README:-0}" = 1 ]; then
  # From the machine line to the notes' end (the load average and wall time describe this run only).
  awk 'FNR == NR { if ($0 ~ /^machine:/) on = 1; if ($0 ~ /^load average/) on = 0; if (on) buf = buf $0 "\n"; next }
       /^<!-- bench:start -->$/ { print; printf "%s", buf; skip = 1; next }
       /^<!-- bench:end -->$/ { skip = 0 }
       !skip { print }' target/bench/last-run.txt README.md > target/bench/README.md.new
  grep -q '^<!-- bench:end -->$' target/bench/README.md.new || { echo "README.md has no bench markers" >&2; exit 1; }
  mv target/bench/README.md.new README.md
fi
if [ "${MOU_BENCH_STATIC:-0}" = 1 ]; then
  triple=x86_64-unknown-linux-gnu
  if [ "$(uname -s)-$(uname -m)" = "Linux-x86_64" ] && ldd --version 2>&1 | grep -qiE "glibc|gnu libc"; then
    echo
    RUSTFLAGS="-C target-feature=+crt-static" cargo build --release --quiet --target "$triple"
    json_dir=()
    if [ -n "${MOU_BENCH_JSON_DIR:-}" ]; then
      json_dir=(MOU_BENCH_JSON_DIR="$MOU_BENCH_JSON_DIR/static")
    fi
    env "${json_dir[@]}" MOU_BIN="$PWD/target/$triple/release/mou" cargo bench --quiet --bench check -- "$@"
  else
    echo "MOU_BENCH_STATIC: the static build is measured on x86-64 Linux with glibc only" >&2
  fi
fi
