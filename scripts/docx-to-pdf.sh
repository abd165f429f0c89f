#!/usr/bin/env bash
# Converts a .docx to PDF with LibreOffice (headless) and prints the PDF's text, to see what a reader of the
# printed document sees. The PDF is written beside the .docx (FILE.pdf) unless OUT_DIR is set.
#
#   scripts/docx-to-pdf.sh FILE.docx
#
# Needs `soffice` (Debian: apt-get install libreoffice-writer-nogui) and `pdftotext` (poppler-utils).
set -euo pipefail

if [ $# -ne 1 ] || [ ! -f "$1" ]; then
  echo "usage: $0 FILE.docx" >&2
  exit 2
fi
for tool in soffice pdftotext; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "error: $tool not found (apt-get install libreoffice-writer-nogui poppler-utils)" >&2
    exit 2
  fi
done

docx=$1
out_dir=${OUT_DIR:-$(dirname "$docx")}
name=$(basename "$docx")
pdf="$out_dir/${name%.*}.pdf"

# A private LibreOffice profile: no clash with a running instance, nothing left in the user's home.
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT

soffice --headless --norestore -env:UserInstallation="file://$profile" \
  --convert-to pdf --outdir "$out_dir" "$docx" >/dev/null 2>&1 || true
if [ ! -s "$pdf" ]; then
  echo "error: LibreOffice did not convert $docx" >&2
  exit 1
fi
pdftotext -layout "$pdf" -
