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
# The in-memory Durable Task engine runs as many work items at once as the runtime reports processors, and waits 500 ms
# whenever that many are busy; a simulated year keeps one per project busy at a time. On 2 cores that made a year take a
# minute instead of ten seconds. Raise the reported count (not the machine's cores) unless the caller set it.
export DOTNET_PROCESSOR_COUNT="${DOTNET_PROCESSOR_COUNT:-16}"
exec dotnet tools/Rochford.Lsp.Simulation/bin/Release/net10.0/Rochford.Lsp.Simulation.dll "$@"
