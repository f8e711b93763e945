#!/usr/bin/env bash
# Lays out the function app for the Functions host (custom handler): host.json, the trigger folders,
# and the self-contained app binary side by side in infra/out/, zipped as infra/out.zip.
# Deploy the zip with: az functionapp deployment source config-zip -g <group> -n <app> --src infra/out.zip
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf infra/out infra/out.zip
dotnet publish functions/Rochford.Lsp.Web -c Release -r linux-x64 --self-contained true -o infra/out -nologo
cp host.json infra/out/
for trigger in functions/triggers/*/; do
  [ -f "$trigger/function.json" ] && cp -r "$trigger" infra/out/
done
(cd infra/out && zip -qr ../out.zip .)
echo "Wrote infra/out.zip"
