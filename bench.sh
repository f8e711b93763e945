#!/usr/bin/env bash
# Prints benchmark figures against a private in-memory Azurite: ./bench.sh [tables|runtime|pages|all]
set -euo pipefail
cd "$(dirname "$0")"
scripts/ensure-npm.sh
dotnet run --project tests/Rochford.Lsp.Benchmarks -c Release -- "$@"
