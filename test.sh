#!/usr/bin/env bash
# Runs every test in the solution. Tests that need Azurite start their own (on free ports), so nothing
# needs to be running first. Prints a closing line "tests: N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")"

scripts/ensure-npm.sh
scripts/ensure-chromium.sh   # Debian's chromium for the browser tests (Playwright drives it; it downloads no browser)
log=$(mktemp)
trap 'rm -f "$log"' EXIT

status=0
# -m:1 runs one test assembly at a time: on a 2-core machine the engine tests beside the browser tests starved
# Chromium past Playwright's 30 s waits (seen once in three fresh runs). It costs about a minute.
dotnet test Rochford.Lsp.sln -c Release -nologo -m:1 2>&1 | tee "$log" || status=$?

# One summary line per test assembly ("Passed!  - Failed: 0, Passed: 59, Skipped: 0, ..."): add them up.
awk '
  /(Passed|Failed)! +- +Failed:/ {
    for (i = 1; i <= NF; i++) {
      if ($i == "Failed:")  { f += $(i+1) + 0 }
      if ($i == "Passed:")  { p += $(i+1) + 0 }
      if ($i == "Skipped:") { s += $(i+1) + 0 }
    }
    n++
  }
  END {
    printf "\n%d test assemblies\n", n
    printf "tests: %d passed, %d failed, %d skipped\n", p, f, s
    if (n == 0 || p == 0) exit 1
  }' "$log" || status=1
exit "$status"
