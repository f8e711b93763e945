#!/usr/bin/env bash
# Installs the repo's pinned npm packages (Azurite and front-end assets) into ./node_modules when missing
# or out of date with package-lock.json. Safe to run repeatedly.
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=node_modules/.package-lock.json
if [ ! -f node_modules/azurite/dist/src/table/main.js ] || [ ! -f node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.css ] \
   || [ ! -f node_modules/axe-core/axe.min.js ] || [ package-lock.json -nt "$stamp" ]; then
  echo "Installing npm packages (pinned in package-lock.json)..."
  npm ci --no-audit --no-fund --loglevel=error 2>&1 | grep -v 'Unknown user config' || true
  [ -f node_modules/azurite/dist/src/table/main.js ] || { echo "npm ci did not install Azurite; see the output above." >&2; exit 1; }
fi
