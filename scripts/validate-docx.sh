#!/usr/bin/env bash
# Validates Word files against the Open XML schemas and the rules Word applies (required parts and
# relationships, element order, attribute values), with the `openxml-audit` validator from PyPI.
#
#   scripts/validate-docx.sh --install        installs the validator into a virtual environment under target/
#                                            (needs python3 and access to PyPI)
#   scripts/validate-docx.sh [FILE.docx ...]
#
# With no file, builds the example draft (fixtures/example) and the demonstration redline (fixtures/redline)
# as Word files into target/validate-docx and validates those.
#
# The validator is taken from $OPENXML_AUDIT, else `openxml-audit` on PATH, else that virtual environment.
# Exit codes: 0 every file valid, 1 a file is invalid, 2 usage error, 3 no validator installed.
set -euo pipefail
cd "$(dirname "$0")/.."

venv=target/ooxml-venv
version=0.8.0

if [ "${1:-}" = "--install" ]; then
  shift
  if [ ! -x "$venv/bin/openxml-audit" ]; then
    python3 -m venv "$venv" >/dev/null
    "$venv/bin/pip" install --quiet --disable-pip-version-check "openxml-audit==$version"
  fi
  [ $# -eq 0 ] && exit 0
fi

validator=${OPENXML_AUDIT:-}
if [ -z "$validator" ]; then
  if command -v openxml-audit >/dev/null 2>&1; then
    validator=$(command -v openxml-audit)
  elif [ -x "$venv/bin/openxml-audit" ]; then
    validator=$venv/bin/openxml-audit
  else
    echo "openxml-audit is not installed (scripts/validate-docx.sh --install, or pip install openxml-audit)" >&2
    exit 3
  fi
fi

files=("$@")
if [ ${#files[@]} -eq 0 ]; then
  out=target/validate-docx
  mkdir -p "$out"
  cargo build --quiet
  ./target/debug/mou build fixtures/example/party.toml -o "$out/draft.docx" --force 2>/dev/null
  ./target/debug/mou redline fixtures/redline/edited.md --against fixtures/redline/official.md \
    -o "$out/redline.docx" --date 2026-01-15 --force 2>/dev/null || true
  files=("$out/draft.docx" "$out/redline.docx")
fi

status=0
for f in "${files[@]}"; do
  if [ ! -f "$f" ]; then
    echo "$f: no such file" >&2
    exit 2
  fi
  # Strict: any schema or semantic violation fails, against the rules of current Word versions.
  if report=$("$validator" --policy strict --format microsoft365 --max-errors 50 "$f" 2>&1); then
    echo "$f: valid"
  else
    echo "$f: INVALID"
    echo "$report"
    status=1
  fi
done
exit $status
