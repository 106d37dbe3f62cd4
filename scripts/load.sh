#!/usr/bin/env bash
# Load test on 127.0.0.1 with wrk (Debian package): 64 connections, 30 s per run (DURATION=10s to shorten).
#   1. The benchmark site: the same page without ConsentKit, and with it for a first visitor (no cookie) and a
#      returning visitor (a full consent cookie). Reports errors and the throughput ratio against "without".
#   2. The flagship sample's article page, no cookie and full consent cookie.
# Not part of .ci/run. Results are recorded in docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-30s}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}

command -v wrk >/dev/null || { sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"; $sudo_cmd apt-get update -qq && $sudo_cmd apt-get install -y -qq wrk >/dev/null; }

dotnet build -c Release tests/ConsentKit.Benchmarks -v q -nologo >/dev/null
dotnet build -c Release samples/ConsentKit.Samples.RazorPages -v q -nologo >/dev/null

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

wait_for() { for _ in $(seq 1 100); do curl -s -o /dev/null "$1" && return 0; sleep 0.2; done; echo "no answer from $1" >&2; exit 1; }

consent_cookie() { # $1 = base URL; prints "name=value" of the record after accept-all
  curl -s -D - -o /dev/null -X POST -H "Origin: $1" -H "Content-Type: application/json" \
    -d '{"action":"accept-all"}' "$1/external-transmission/choices" | tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: \(\.ConsentKit=[^;]*\).*/\1/p'
}

run() { # $1 label, $2 url, $3 optional cookie
  local out
  if [ -n "${3:-}" ]; then
    out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" -H "Cookie: $3" "$2")
  else
    out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" "$2")
  fi
  local rps errors non2xx
  rps=$(sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' <<<"$out")
  errors=$(sed -n 's/.*Socket errors: \(.*\)/\1/p' <<<"$out")
  non2xx=$(sed -n 's/.*Non-2xx or 3xx responses: *\([0-9]*\).*/\1/p' <<<"$out")
  printf '%s\t%s\t%s\t%s\n' "$1" "$rps" "${non2xx:-0}" "${errors:-none}"
  eval "rps_$4=$rps"
}

echo "# wrk -t$THREADS -c$CONNECTIONS -d$DURATION on 127.0.0.1 ($(nproc) cores); columns: page, requests/s, non-2xx, socket errors"

dotnet tests/ConsentKit.Benchmarks/bin/Release/net10.0/ConsentKit.Benchmarks.dll serve 5090 >/dev/null 2>&1 & pids+=($!)
wait_for http://127.0.0.1:5090/without
cookie=$(consent_cookie http://127.0.0.1:5090)
[ -n "$cookie" ] || { echo "could not obtain a consent cookie" >&2; exit 1; }
run "benchmark site: without ConsentKit" http://127.0.0.1:5090/without "" without
run "benchmark site: with ConsentKit, no cookie (banner)" http://127.0.0.1:5090/with "" first
run "benchmark site: with ConsentKit, full consent cookie" http://127.0.0.1:5090/with "$cookie" decided
echo "ratio first visit / without:  $(awk "BEGIN { printf \"%.3f\", $rps_first / $rps_without }")"
echo "ratio returning / without:    $(awk "BEGIN { printf \"%.3f\", $rps_decided / $rps_without }")"
# The notice (5 modules) for a visitor who has the antiforgery cookie and a record, against the same content in Razor.
notice_cookies=$(curl -s -D - -o /dev/null http://127.0.0.1:5090/external-transmission | tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: \([^;]*\).*/\1/p' | paste -sd';' -)
run "benchmark site: notice as an ordinary Razor page" http://127.0.0.1:5090/notice-razor "" razor
run "benchmark site: ConsentKit notice, returning visitor" http://127.0.0.1:5090/external-transmission "$notice_cookies; $cookie" notice
echo "ratio ConsentKit notice / Razor notice (throughput): $(awk "BEGIN { printf \"%.3f\", $rps_notice / $rps_razor }")"

(cd samples/ConsentKit.Samples.RazorPages && ASPNETCORE_ENVIRONMENT=Production dotnet bin/Release/net10.0/ConsentKit.Samples.RazorPages.dll --urls http://127.0.0.1:5091 >/dev/null 2>&1) & pids+=($!)
wait_for http://127.0.0.1:5091/
cookie=$(consent_cookie http://127.0.0.1:5091)
run "flagship article: no cookie (banner)" http://127.0.0.1:5091/articles/harbor-festival "" flagship_first
run "flagship article: full consent cookie" http://127.0.0.1:5091/articles/harbor-festival "$cookie" flagship_decided
