#!/usr/bin/env bash
# Runs the Rochford LSP app locally: installs what is missing, starts Azurite (blob, queue and table services on
# 127.0.0.1:10000-10002, which the Durable Task engine's Azure Storage provider needs) with its data under .azurite/,
# and the app on http://localhost:7071 with the workflow engine in process.
# Ctrl-C stops both. Set Clock__SimulatedStart=2010-03-01T09:00:00Z to run on a simulated clock.
set -euo pipefail
cd "$(dirname "$0")"

command -v dotnet >/dev/null || { echo "The .NET 10 SDK is needed (dotnet was not found on PATH)." >&2; exit 1; }
command -v node >/dev/null || { echo "Node.js is needed to run Azurite (node was not found on PATH)." >&2; exit 1; }
scripts/ensure-npm.sh

pids=()
cleanup() {
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

if port_open 10000 && port_open 10001 && port_open 10002; then
  echo "Something is already listening on 127.0.0.1:10000-10002; using it as Azurite."
elif port_open 10000 || port_open 10001 || port_open 10002; then
  echo "Some of Azurite's ports (127.0.0.1:10000 blob, 10001 queue, 10002 table) are taken, but not all three." >&2
  echo "The workflow engine needs all three services: stop what holds them (an Azurite with tables only?) and run again." >&2
  exit 1
else
  mkdir -p .azurite
  node node_modules/azurite/dist/src/azurite.js --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 \
    --location .azurite --skipApiVersionCheck --disableTelemetry --silent &
  pids+=($!)
  for _ in $(seq 1 100); do port_open 10000 && port_open 10001 && port_open 10002 && break; sleep 0.1; done
  port_open 10002 || { echo "Azurite did not start on 127.0.0.1:10000-10002." >&2; exit 1; }
  echo "Azurite (blob, queue, table) on http://127.0.0.1:10000-10002, data in .azurite/"
fi

export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
export Storage__ConnectionString="${Storage__ConnectionString:-UseDevelopmentStorage=true}"
echo "Building the app..."
dotnet build functions/Rochford.Lsp.Web -c Release -nologo -v quiet
echo "Starting the app and its workflow engine on http://localhost:7071 (Ctrl-C stops it and Azurite)"
dotnet functions/Rochford.Lsp.Web/bin/Release/net10.0/Rochford.Lsp.Web.dll --urls http://localhost:7071 &
pids+=($!)
wait -n "${pids[@]}"
