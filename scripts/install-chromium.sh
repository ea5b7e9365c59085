#!/usr/bin/env bash
# Installs headless Chromium for the `browser` client (npm run bench -- --clients browser) from
# Debian's own `chromium` package: never a downloaded browser build. Idempotent: does nothing when
# /usr/bin/chromium is already there. Needs root (CI runs as root; elsewhere it uses sudo if present).
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  echo "chromium: $(/usr/bin/chromium --version 2>/dev/null || echo present) at /usr/bin/chromium"
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-chromium: run as root (apt-get install chromium)" >&2; exit 1; }
  SUDO="sudo"
fi
$SUDO apt-get update
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y chromium
echo "chromium: $(/usr/bin/chromium --version 2>/dev/null) at /usr/bin/chromium"
