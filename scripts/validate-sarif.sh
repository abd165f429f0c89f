#!/usr/bin/env bash
# Validates the SARIF `mou check` writes for the sample contracts repository (fixtures/contracts-repo, which holds
# a file that cannot be checked and file names that need percent-encoding) with Microsoft's SARIF validator, using
# its SARIF rules and the rules of GitHub code scanning ("Sarif;Gh"). Prints every error and warning, and fails
# when there is an error.
#
#   scripts/validate-sarif.sh
#
# Needs npm: the validator (@microsoft/sarif-multitool) is installed once into target/sarif-multitool.
set -euo pipefail
cd "$(dirname "$0")/.."

version=5.7.0
if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
  echo "note: npm and node are needed to install the SARIF validator; skipped" >&2
  exit 0
fi
tool_dir=$PWD/target/sarif-multitool
if [ ! -d "$tool_dir/node_modules/@microsoft/sarif-multitool" ]; then
  mkdir -p "$tool_dir"
  npm install --prefix "$tool_dir" --no-audit --no-fund --silent "@microsoft/sarif-multitool@$version" >&2
fi
# The package's own launcher runs the tool through a shell, which splits "Sarif;Gh": run the binary directly.
multitool=$(cd "$tool_dir" && node -p "require('@microsoft/sarif-multitool')")
chmod u+x "$multitool"

cargo build --quiet
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Exit code 2: the sample holds a file that cannot be checked, which the log reports as a notification.
(cd fixtures/contracts-repo && SOURCE_DATE_EPOCH=1767225600 ../../target/debug/mou check --format sarif \
  >"$work/mou.sarif" 2>/dev/null) || [ $? -eq 2 ]

# The tool needs no culture data; without ICU installed it would refuse to start.
DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 "$multitool" validate --rule-kind "Sarif;Gh" --level "Error;Warning" \
  --output "$work/validation.sarif" "$work/mou.sarif" >"$work/validate.log" 2>&1 || {
  cat "$work/validate.log" >&2
  echo "error: the SARIF validator did not run" >&2
  exit 2
}
node - "$work/validation.sarif" <<'JS'
const log = JSON.parse(require("fs").readFileSync(process.argv[2], "utf8"));
const results = log.runs.flatMap((run) => run.results || []);
// A result without a level is a warning (SARIF 3.27.10).
const level = (r) => r.level ?? "warning";
for (const r of results) {
  const where = r.locations?.[0]?.physicalLocation?.region?.startLine ?? "";
  console.log(`${level(r)} ${r.ruleId} (line ${where}): ${r.message.text ?? r.message.arguments?.join("; ")}`);
}
const errors = results.filter((r) => level(r) === "error").length;
console.log(`${errors} errors, ${results.length - errors} warnings`);
process.exit(errors ? 1 : 0);
JS
