#!/usr/bin/env bash
# Renders the demonstration redline (fixtures/redline) as HTML and takes a headless Chromium screenshot of it,
# so a person can look at the cover table and the marked-up text. Needs Debian's chromium package.
#
#   scripts/redline-screenshot.sh [OUT_DIR]      (default: target/redline-screenshot)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-target/redline-screenshot}
mkdir -p "$out"
out=$(cd "$out" && pwd)
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$browser" ]; then
  echo "chromium is not installed (apt-get install chromium)" >&2
  exit 2
fi
cargo build --release --quiet
./target/release/mou redline fixtures/redline/edited.md --against fixtures/redline/official.md \
  -o "$out/redline.html" --date 2026-01-15 --force
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
for part in cover:1200 text:1400; do
  name=${part%%:*}
  height=${part##*:}
  "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync --user-data-dir="$profile" \
    --hide-scrollbars --window-size=1000,"$height" --screenshot="$out/redline-$name.png" \
    "file://$out/redline.html$([ "$name" = text ] && echo '#r0' || true)" >/dev/null 2>&1
  echo "wrote $out/redline-$name.png"
done
# A PDF, as a reader would print it from the browser.
"$browser" --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
  --user-data-dir="$profile" --print-to-pdf="$out/redline.pdf" "file://$out/redline.html" >/dev/null 2>&1
echo "wrote $out/redline.pdf"
