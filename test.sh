#!/usr/bin/env bash
# The one test command: brings what the SDK does not (Debian's Chromium for the browser tests),
# then builds the solution and runs every test project. Extra arguments go to each `dotnet test`.
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

dotnet build SpotifyDashboard.slnx

# The whole-app tests spend most of their time waiting on the processes they start, so the other test projects run
# meanwhile instead of after them (on two cores this takes minutes off the run). Their output is shown once they end.
app_log=$(mktemp)
trap 'rm -f "$app_log"' EXIT
dotnet test tests/SpotifyDashboard.AppTests --no-build "$@" >"$app_log" 2>&1 &
app_tests=$!

failed=0
for project in tests/*/*.Tests.csproj; do
  dotnet test "$project" --no-build "$@" || failed=1
done

wait "$app_tests" || failed=1
cat "$app_log"
exit "$failed"
