#!/usr/bin/env bash
# Installs Debian's Chromium (/usr/bin/chromium) for the browser tests when it is missing. Playwright never
# downloads a browser here: the tests drive this one through its executable path. Safe to run repeatedly.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" -ne 0 ]; then
  echo "Chromium is needed for the browser tests: run 'sudo apt-get install -y chromium' (or run this script as root)." >&2
  exit 1
fi
echo "Installing Debian's chromium for the browser tests..."
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium >/dev/null
[ -x /usr/bin/chromium ] || { echo "apt-get did not install /usr/bin/chromium; see the output above." >&2; exit 1; }
