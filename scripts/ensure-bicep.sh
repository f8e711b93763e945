#!/usr/bin/env bash
# Makes sure the pinned Bicep CLI (NuGet package Azure.Bicep.CommandLine.linux-x64, version in
# tools/bicep/Bicep.props) is restored, and prints the path of its `bicep` executable on stdout.
#   bicep=$(scripts/ensure-bicep.sh) && "$bicep" build infra/main.bicep --stdout
# Needs only the .NET SDK and the NuGet registry. Linux x64 only (the package is the linux-x64 build).
set -euo pipefail
cd "$(dirname "$0")/.."

dotnet restore tools/bicep/Bicep.csproj -nologo -verbosity:quiet >&2
bicep=$(dotnet msbuild tools/bicep/Bicep.csproj -nologo -getProperty:BicepCliPath)
if [ ! -f "$bicep" ]; then
  echo "ensure-bicep: restored, but no Bicep CLI at $bicep" >&2
  exit 1
fi
[ -x "$bicep" ] || chmod +x "$bicep"   # NuGet does not always keep the executable bit
echo "$bicep"
