#!/usr/bin/env bash
# Prints an HTML page (a draft from `mou build -o x.html`, or an HTML redline) to PDF with headless Chromium, as a
# reader would from the browser, and prints the PDF's text page by page (pages separated by a form feed), to see
# what lands on each printed page: the page numbers, and where the pages break.
#
#   scripts/html-to-pdf.sh FILE.html
#
# The PDF is written beside the page (FILE.pdf) unless OUT_DIR is set. Chromium's own header and footer are
# turned off, so any page number in the text comes from the page's print styles.
#
# Needs Chromium (Debian: apt-get install chromium) and `pdftotext` (poppler-utils).
set -euo pipefail

if [ $# -ne 1 ] || [ ! -f "$1" ]; then
  echo "usage: $0 FILE.html" >&2
  exit 2
fi
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$browser" ]; then
  echo "error: chromium not found (apt-get install chromium)" >&2
  exit 2
fi
if ! command -v pdftotext >/dev/null 2>&1; then
  echo "error: pdftotext not found (apt-get install poppler-utils)" >&2
  exit 2
fi

html=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
out_dir=${OUT_DIR:-$(dirname "$html")}
name=$(basename "$html")
pdf="$out_dir/${name%.*}.pdf"

# A private profile: no clash with a running browser, nothing left in the user's home.
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT

rm -f "$pdf"
"$browser" --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$profile" --no-pdf-header-footer \
  --print-to-pdf="$pdf" "file://$html" >/dev/null 2>&1 || true
if [ ! -s "$pdf" ]; then
  echo "error: Chromium did not print $html" >&2
  exit 1
fi
pdftotext -layout "$pdf" -
