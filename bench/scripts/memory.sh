#!/usr/bin/env bash
# Memory of the four services (api, worker, web, cache host): starts the Release stack with a demo class of
# --students, waits until the api serves an analysis of all of them, reads every service's resident memory
# (VmRSS, and VmHWM = its peak; and the PSS total), puts load on it and reads again:
#   reads     wrk on the api's dashboard reads (overview, clusters, model, data, responses page)
#   streams   N open /api/events streams (bench/scripts/event_streams.py)
#   circuits  N open dashboards in headless chromium (the bench's `dashboard` command), unless --circuits ""
# Build first: dotnet build -c Release src/SpotifyDashboard.AppHost (builds the four services) && dotnet build -c Release bench/SpotifyDashboard.Bench
# Usage: bench/scripts/memory.sh [--students 10000] [--streams 500] [--circuits 50,200] [--reads-seconds 30]
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
students=10000 streams=500 circuits=50,200 reads_seconds=30
while [ $# -gt 0 ]; do
  case $1 in
    --students) students=$2; shift 2 ;;
    --streams) streams=$2; shift 2 ;;
    --circuits) circuits=$2; shift 2 ;;
    --reads-seconds) reads_seconds=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
# The services are started directly (not through the AppHost): own ports, so a lead's AppHost on 5080/5081 is not in
# the way, known pids, and no orchestrator in the figures. As under the AppHost: Release build, Development
# environment, Garnet with a data folder (append-only file); unlike it no OTLP exporter (no dashboard to send to).
api=http://127.0.0.1:5181 web=http://127.0.0.1:5180 cache_port=6390
for port in 5180 5181 $cache_port; do
  if ss -ltn | grep -q ":$port "; then echo "port $port is taken: stop what runs there first" >&2; exit 1; fi
done
work=$(mktemp -d /tmp/memory-bench.XXXX)
secret=$(od -An -tx1 -N24 /dev/urandom | tr -d ' \n')
export DOTNET_ENVIRONMENT=Development ASPNETCORE_ENVIRONMENT=Development
export ConnectionStrings__cache="127.0.0.1:$cache_port,password=$secret,abortConnect=false"
export Privacy__PseudonymKey=$secret Internal__Key=$secret
pids=()
run() { # project url [env...]
  local svc=$1 url=$2; shift 2
  env "$@" ASPNETCORE_URLS="$url" "src/SpotifyDashboard.$svc/bin/Release/net10.0/SpotifyDashboard.$svc" >"$work/$svc.log" 2>&1 &
  pids+=($!)
}
stop() { for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap stop EXIT
started=$(date +%s)
run CacheHost http://127.0.0.1:5189 Cache__Port=$cache_port Cache__Password=$secret Cache__DataPath="$work/garnet"
sleep 3
run Worker http://127.0.0.1:5182 Demo__InitialStudents="$students" Demo__MaxStudents="$students"
# The read limit is raised so the load measures memory, not 429 answers.
run Api $api Demo__InitialStudents="$students" Demo__MaxStudents="$students" RateLimits__ReadsPerMinute=1000000 RateLimits__ReadBurst=100000
run Web $web services__api__http__0=$api
log="$work/*.log"

# The service process of each project: its own apphost executable, started from this worktree.
pid_of() {
  for pid in "${pids[@]}"; do
    if [ "$(readlink "/proc/$pid/exe" 2>/dev/null)" = "$root/src/SpotifyDashboard.$1/bin/Release/net10.0/SpotifyDashboard.$1" ]; then
      echo "$pid"; return
    fi
  done
}
kb() { awk -v k="$2:" '$1 == k { print $2 }' "/proc/$1/status"; }
# PSS shares each page among the processes that map it: the runtime's and the framework's files, ~65-75 MB mapped
# by each of the four, count once in the PSS total and four times in the RSS total.
pss() { awk '$1 == "Pss:" { print int($2 / 1024) }' "/proc/$1/smaps_rollup"; }
report() { # label
  local total=0 total_pss=0 line="$1:"
  for svc in Api Worker Web CacheHost; do
    local pid; pid=$(pid_of $svc)
    local rss hwm; rss=$(( $(kb "$pid" VmRSS) / 1024 )); hwm=$(( $(kb "$pid" VmHWM) / 1024 ))
    total=$((total + rss)); total_pss=$((total_pss + $(pss "$pid"))); line="$line $svc=${rss}MB(peak ${hwm})"
  done
  echo "$line total=${total}MB pss-total=${total_pss}MB load=$(cut -d' ' -f1 /proc/loadavg)"
}

echo "waiting for the api to serve an analysis of $students students (log: $log)"
until [ "$(curl -fs "$api/api/overview" 2>/dev/null | python3 -c 'import json,sys; a=json.load(sys.stdin).get("analysis"); print(a["analysedRows"] if a else 0)' 2>/dev/null)" = "$students" ]; do
  sleep 2
  for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null || { echo "a service stopped: see $log" >&2; exit 1; }; done
done
echo "analysed after $(( $(date +%s) - started )) s from start"
sleep 15 # let start-up garbage be collected and the worker finish its post-analysis writes
report idle
# Each service trims its heap once a 10 s look finds it quiet after a burst (Memory:Trim): settled by now.
sleep 30
report idle+30s

cat > /tmp/memory-bench-paths.lua <<LUA
local paths = { "/api/overview", "/api/clusters", "/api/model", "/api/data", "/api/responses?limit=50", "/api/status" }
local i = 0
request = function() i = i + 1; return wrk.format("GET", paths[(i % #paths) + 1]) end
LUA
wrk -t2 -c32 -d"${reads_seconds}s" -s /tmp/memory-bench-paths.lua "$api" | grep -E "Requests/sec|Non-2xx|requests in" || true
report after-reads
sleep 10
report after-reads+10s
# Each service trims its heap once it has been quiet for a look (Memory:Trim, every 10 s): by now it has.
sleep 20
report after-reads+30s

coproc STREAMS { python3 bench/scripts/event_streams.py 127.0.0.1 5181 "$streams"; }
read -r opened <&"${STREAMS[0]}"
echo "event streams: $opened"
sleep 5
report "with-$streams-streams"
echo >&"${STREAMS[1]}"
wait "$STREAMS_PID" || true

if [ -n "$circuits" ]; then
  dotnet bench/SpotifyDashboard.Bench/bin/Release/net10.0/SpotifyDashboard.Bench.dll dashboard --url "$web" --api "$api" \
    --runs 1 --circuits "$circuits" --web-pid "$(pid_of Web)" | python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin).get("memory"), indent=1))' || true
  report after-circuits
fi
