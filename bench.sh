#!/usr/bin/env bash
# Prints benchmark figures (not timed tests) for the app on its local Durable Task engine, each section against its own
# private in-memory Azurite, with issue 10's goal beside each figure:
#   ./bench.sh [pages|engine|clock|scale [N]|tables|all]      (all: every section; scale runs 200 projects unless N is given)
# Figures go to stdout, progress to stderr. `all` takes about ten minutes on a 2-core machine.
set -euo pipefail
cd "$(dirname "$0")"
scripts/ensure-npm.sh >&2
# Build quietly (the benchmarks, the app they start and the simulation they time); show the output only when it fails.
for project in tests/Rochford.Lsp.Benchmarks tools/Rochford.Lsp.Simulation; do
  if ! build_log=$(dotnet build "$project" -c Release -nologo -v quiet 2>&1); then
    echo "$build_log" >&2
    exit 1
  fi
done
exec dotnet tests/Rochford.Lsp.Benchmarks/bin/Release/net10.0/Rochford.Lsp.Benchmarks.dll "$@"
