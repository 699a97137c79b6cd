#!/usr/bin/env bash
# The one test command: brings what the SDK does not (Debian's Chromium for the browser tests),
# then runs every test project of the solution. Extra arguments go to `dotnet test`.
set -euo pipefail
cd "$(dirname "$0")"

chromium_path="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$chromium_path" ]; then
  echo "test.sh: Chromium is missing; installing Debian's chromium package for the browser tests…"
  sudo_cmd=""
  if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi
  if command -v apt-get >/dev/null 2>&1; then
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium >/dev/null
  else
    echo "test.sh: no apt-get here: install Chromium yourself and set CHROMIUM_PATH; the browser tests will fail without it." >&2
  fi
fi

dotnet test SpotifyDashboard.slnx "$@"
