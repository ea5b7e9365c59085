#!/usr/bin/env bash
# Installs Debian's redis-server, which the socketio-redis and ws-redis transports need. The suite starts
# and stops its own instance per point on a free loopback port: never a system service, so the service
# that apt may start is not used (and is stopped where systemd is absent, it never starts).
set -euo pipefail
if command -v redis-server >/dev/null 2>&1; then
  echo "redis-server already installed: $(redis-server --version)"
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
# no prompts, and no service started on install where policy-rc.d is honoured
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends redis-server >/dev/null
echo "installed: $(redis-server --version)"
