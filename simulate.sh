#!/usr/bin/env bash
# Simulates the reporting cycles over a date range on a simulated clock, against a private Azurite unless
# --storage is given: ./simulate.sh [--scenario file] [--from date] [--to date] [--storage connection-string]
# Timeline and summary go to stdout, progress to stderr. Exit codes: 0 ok, 2 bad scenario or arguments.
set -euo pipefail
cd "$(dirname "$0")"
scripts/ensure-npm.sh >&2
# Build quietly: show the compiler's output only when the build fails.
if ! build_log=$(dotnet build tools/Rochford.Lsp.Simulation -c Release -nologo -v quiet 2>&1); then
  echo "$build_log" >&2
  exit 1
fi
exec dotnet tools/Rochford.Lsp.Simulation/bin/Release/net10.0/Rochford.Lsp.Simulation.dll "$@"
