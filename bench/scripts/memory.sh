#!/usr/bin/env bash
# Memory of the four services (api, worker, web, cache host): starts the Release stack with a demo class of
# --students, waits until the api serves an analysis of all of them, reads every service's resident memory
# (VmRSS, and VmHWM = its peak; and the PSS total), puts load on it and reads again:
#   reads     wrk on the api's dashboard reads (overview, clusters, model, data, responses page)
#   streams   N open /api/events streams (bench/scripts/event_streams.py)
#   circuits  N open dashboards in headless chromium (the bench's `dashboard` command), unless --circuits ""
#
# --shape says how the services run:
#   direct    (default) each Release service started on its own ports, Development, no telemetry exporter
#   deployed  the same in Production: the services' production settings, no dashboard and no OTLP endpoint
#   apphost   as `dotnet run --project src/SpotifyDashboard.AppHost` starts the app (--configuration Debug by default, as a
#             newcomer runs it): the launch profile's environment, telemetry to the Aspire dashboard, web 5080, api 5081.
#             The Aspire dashboard's and DCP's own memory is printed beside the four, not in their total.
# Build first: dotnet build -c Release src/SpotifyDashboard.AppHost (builds the four services; -c Debug for --shape apphost
# with the default configuration) && dotnet build -c Release bench/SpotifyDashboard.Bench
# Usage: bench/scripts/memory.sh [--shape direct|deployed|apphost] [--configuration Debug|Release] [--students 10000]
#        [--streams 500] [--circuits 50,200] [--reads-seconds 30] [--set Key=Value (AppHost setting, repeatable)]
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
students=10000 streams=500 circuits=50,200 reads_seconds=30 shape=direct configuration="" settings=()
while [ $# -gt 0 ]; do
  case $1 in
    --students) students=$2; shift 2 ;;
    --streams) streams=$2; shift 2 ;;
    --circuits) circuits=$2; shift 2 ;;
    --reads-seconds) reads_seconds=$2; shift 2 ;;
    --shape) shape=$2; shift 2 ;;
    --configuration) configuration=$2; shift 2 ;;
    --set) settings+=("$2"); shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
case $shape in
  direct|deployed) configuration=${configuration:-Release} ;;
  apphost) configuration=${configuration:-Debug} ;;
  *) echo "--shape is direct, deployed or apphost" >&2; exit 2 ;;
esac
work=$(mktemp -d /tmp/memory-bench.XXXX)
secret=$(od -An -tx1 -N24 /dev/urandom | tr -d ' \n')
pids=()
stop() { for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap stop EXIT
started=$(date +%s)
if [ "$shape" = apphost ]; then
  api=http://127.0.0.1:5081 web=http://127.0.0.1:5080
  for port in 5080 5081 15080 19080 20080; do
    if ss -ltn | grep -q ":$port "; then echo "port $port is taken: stop the app that runs there first" >&2; exit 1; fi
  done
  # The launch profile's environment, as `dotnet run` sets it; the read limit is raised so the load measures memory, not 429 answers.
  (cd src/SpotifyDashboard.AppHost && exec env ASPNETCORE_ENVIRONMENT=Development DOTNET_ENVIRONMENT=Development ASPNETCORE_URLS=http://localhost:15080 \
    ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL=http://localhost:19080 ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL=http://localhost:20080 ASPIRE_ALLOW_UNSECURED_TRANSPORT=true \
    dotnet "bin/$configuration/net10.0/SpotifyDashboard.AppHost.dll" Demo:InitialStudents="$students" Demo:MaxStudents="$students" \
    Cache:DataPath="$work/garnet" Parameters:admin-key="$secret" RateLimits:ReadsPerMinute=1000000 RateLimits:ReadBurst=100000 "${settings[@]}" \
    >"$work/AppHost.log" 2>&1) &
  pids+=($!)
else
  # The services are started directly (not through the AppHost): own ports, so a lead's AppHost on 5080/5081 is not in
  # the way, known pids, and no orchestrator in the figures. As under the AppHost: Garnet with a data folder
  # (append-only file); unlike it no OTLP exporter (no dashboard to send to).
  api=http://127.0.0.1:5181 web=http://127.0.0.1:5180 cache_port=6390
  for port in 5180 5181 $cache_port; do
    if ss -ltn | grep -q ":$port "; then echo "port $port is taken: stop what runs there first" >&2; exit 1; fi
  done
  environment=$([ "$shape" = deployed ] && echo Production || echo Development)
  export DOTNET_ENVIRONMENT=$environment ASPNETCORE_ENVIRONMENT=$environment
  export ConnectionStrings__cache="127.0.0.1:$cache_port,password=$secret,abortConnect=false"
  export Privacy__PseudonymKey=$secret Internal__Key=$secret DataProtection__KeyEncryptionSecret=$secret
  run() { # project url [env...]
    local svc=$1 url=$2; shift 2
    env "$@" ASPNETCORE_URLS="$url" "src/SpotifyDashboard.$svc/bin/$configuration/net10.0/SpotifyDashboard.$svc" >"$work/$svc.log" 2>&1 &
    pids+=($!)
  }
  run CacheHost http://127.0.0.1:5189 Cache__Port=$cache_port Cache__Password=$secret Cache__DataPath="$work/garnet"
  sleep 3
  run Worker http://127.0.0.1:5182 Demo__InitialStudents="$students" Demo__MaxStudents="$students"
  # The read limit is raised so the load measures memory, not 429 answers.
  run Api $api Demo__InitialStudents="$students" Demo__MaxStudents="$students" RateLimits__ReadsPerMinute=1000000 RateLimits__ReadBurst=100000
  run Web $web services__api__http__0=$api
fi
log="$work/*.log"
echo "shape: $shape ($configuration), logs: $work"

# The service process of each project: its own executable (or dotnet with its dll), built in this worktree.
pid_of() {
  local exe="$root/src/SpotifyDashboard.$1/bin/$configuration/net10.0/SpotifyDashboard.$1"
  for dir in /proc/[0-9]*; do
    local first; first=$(tr '\0' '\n' 2>/dev/null < "$dir/cmdline" | head -2 | tr '\n' ' ') || continue
    case "$first" in "$exe "*|*" $exe.dll ") echo "${dir#/proc/}"; return ;; esac
    if [ "$(readlink "$dir/exe" 2>/dev/null)" = "$exe" ]; then echo "${dir#/proc/}"; return; fi
  done
}
# Aspire's own processes (the AppHost, its dashboard and DCP): the AppHost and what it started but the four services,
# and DCP's api server, which leaves the AppHost's tree (its parent is init) and watches it with --monitor <pid>. DCP
# starts each service through `dotnet run --no-build`, a process of its own that stays beside the service.
aspire_mb() {
  local services=" $(pid_of Api) $(pid_of Worker) $(pid_of Web) $(pid_of CacheHost) "
  ps -eo pid=,ppid=,rss=,args= | awk -v root="${pids[0]}" -v services="$services" '
    { parent[$1] = $2; rss[$1] = $3; args[$1] = $0; if (index($0, "--monitor " root " ")) top[$1] = 1 }
    END {
      top[root] = 1
      for (pid in parent) {
        if (index(services, " " pid " ")) continue
        for (p = pid; p > 1 && !(p in top); p = parent[p]) if (index(services, " " p " ")) break
        if (p in top) { total += rss[pid]; if (index(args[pid], "dotnet run ")) wrappers += rss[pid] }
      }
      printf "%d(of which the dotnet run wrappers %d)", total / 1024, wrappers / 1024
    }'
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
  if [ "$shape" = apphost ]; then line="$line aspire(apphost+dashboard+dcp)=$(aspire_mb)MB"; fi
  echo "$line total=${total}MB pss-total=${total_pss}MB load=$(cut -d' ' -f1 /proc/loadavg)"
}

echo "waiting for the api to serve an analysis of $students students (log: $log)"
until [ "$(curl -fs "$api/api/overview" 2>/dev/null | python3 -c 'import json,sys; a=json.load(sys.stdin).get("analysis"); print(a["analysedRows"] if a else 0)' 2>/dev/null)" = "$students" ]; do
  sleep 2
  for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null || { echo "a service stopped: see $log" >&2; exit 1; }; done
  [ $(( $(date +%s) - started )) -lt 600 ] || { echo "no analysis of $students students within 10 minutes: see $log" >&2; exit 1; }
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

api_port=${api##*:}
coproc STREAMS { python3 bench/scripts/event_streams.py 127.0.0.1 "$api_port" "$streams"; }
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
