#!/usr/bin/env bash
# Load test on 127.0.0.1 with wrk (Debian package): 64 connections, 30 s per run (DURATION=10s to shorten).
#   1. The benchmark site: the same page without ConsentKit, through no-op tag helpers on the same elements (the
#      floor any tag-helper library pays), and with ConsentKit for a first visit (no cookie) and a returning visitor
#      (a full consent cookie); the notice (Razor vs ConsentKit, returning and first visit); the
#      choices endpoint (load-choices.lua) vs a minimal JSON POST endpoint. Reports errors and throughput ratios.
#   2. The flagship sample's article page, no cookie and full consent cookie (FLAGSHIP=0 skips it).
# Not part of .ci/run. Results are recorded in docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-30s}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
WARMUP=${WARMUP:-3s} # each URL is loaded this long, unmeasured, first: the first URL measured would otherwise pay for JIT tiering
PORT=${PORT:-5090}   # another process on this port would be measured instead: pick a free one on a shared machine

command -v wrk >/dev/null || { sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"; $sudo_cmd apt-get update -qq && $sudo_cmd apt-get install -y -qq wrk >/dev/null; }

dotnet build -c Release tests/ConsentKit.Benchmarks -v q -nologo >/dev/null
[ "${FLAGSHIP:-1}" = 1 ] && dotnet build -c Release samples/ConsentKit.Samples.RazorPages -v q -nologo >/dev/null

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

wait_for() { for _ in $(seq 1 100); do curl -s -o /dev/null "$1" && return 0; sleep 0.2; done; echo "no answer from $1" >&2; exit 1; }

consent_cookie() { # $1 = base URL; prints "name=value" of the record after accept-all
  curl -s -D - -o /dev/null -X POST -H "Origin: $1" -H "Content-Type: application/json" \
    -d '{"action":"accept-all"}' "$1/external-transmission/choices" | tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: \(\.ConsentKit=[^;]*\).*/\1/p'
}

run() { # $1 label, $2 url, $3 optional cookie, $4 variable suffix, $5 optional wrk script
  local out args=(-t"$THREADS" -c"$CONNECTIONS" -d"$DURATION")
  [ -n "${3:-}" ] && args+=(-H "Cookie: $3")
  [ -n "${5:-}" ] && args+=(-s "$5")
  [ "$WARMUP" != 0 ] && wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" ${3:+-H "Cookie: $3"} ${5:+-s "$5"} "$2" >/dev/null
  out=$(wrk "${args[@]}" "$2")
  local rps errors non2xx extra
  rps=$(sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' <<<"$out")
  errors=$(sed -n 's/.*Socket errors: \(.*\)/\1/p' <<<"$out")
  non2xx=$(sed -n 's/.*Non-2xx or 3xx responses: *\([0-9]*\).*/\1/p' <<<"$out")
  extra=$(grep -o 'acknowledged=.*' <<<"$out" || true)
  printf '%s\t%s\t%s\t%s\t%s\n' "$1" "$rps" "${non2xx:-0}" "${errors:-none}" "$extra"
  eval "rps_$4=$rps"
}

ratio() { awk "BEGIN { printf \"%.3f\", $1 / $2 }"; }

echo "# wrk -t$THREADS -c$CONNECTIONS -d$DURATION on 127.0.0.1 ($(nproc) cores, load average $(cut -d' ' -f1 /proc/loadavg)); columns: what, requests/s, non-2xx, socket errors, choices acknowledged"

dotnet tests/ConsentKit.Benchmarks/bin/Release/net10.0/ConsentKit.Benchmarks.dll serve ${PORT} >/dev/null 2>&1 & pids+=($!)
wait_for http://127.0.0.1:${PORT}/without
cookie=$(consent_cookie http://127.0.0.1:${PORT})
[ -n "$cookie" ] || { echo "could not obtain a consent cookie" >&2; exit 1; }
receipts=$(mktemp -d)
export RECEIPTS_DIR=$receipts CONSENT_MODULE=tag-000 OPTOUT_MODULE=tag-004

# Warm the whole site up before the first measurement: the JIT keeps promoting methods for several seconds, and the
# first URL measured was otherwise slower than the next ones by up to a fifth.
if [ "$WARMUP" != 0 ]; then
  for url in /without /floor /with /notice-razor /external-transmission; do
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "http://127.0.0.1:${PORT}${url}" >/dev/null
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -H "Cookie: $cookie" "http://127.0.0.1:${PORT}${url}" >/dev/null
  done
fi

# 1. Pages: the same article without ConsentKit, a first visit (no cookie: banner) and a returning visit (record).
run "benchmark site: page without ConsentKit" http://127.0.0.1:${PORT}/without "" without
run "benchmark site: page through no-op tag helpers on the same elements (the floor)" http://127.0.0.1:${PORT}/floor "" floor
run "benchmark site: page with ConsentKit, first visit (no cookie, banner)" http://127.0.0.1:${PORT}/with "" first
run "benchmark site: page with ConsentKit, returning visitor (full consent record)" http://127.0.0.1:${PORT}/with "$cookie" decided

# 2. The notice: an ordinary Razor page with the same content, and ConsentKit's for a returning visitor (antiforgery
#    cookie and record) and for a first visit.
notice_cookies=$(curl -s -D - -o /dev/null http://127.0.0.1:${PORT}/external-transmission | tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: \([^;]*\).*/\1/p' | paste -sd';' -)
run "benchmark site: notice as an ordinary Razor page" http://127.0.0.1:${PORT}/notice-razor "" razor
run "benchmark site: ConsentKit notice, returning visitor" http://127.0.0.1:${PORT}/external-transmission "$notice_cookies; $cookie" notice
run "benchmark site: ConsentKit notice, first visit" http://127.0.0.1:${PORT}/external-transmission "" notice_first

# 3. The choices endpoint (fetch-style JSON POSTs cycling accept-all, reject-all, withdraw, grant, opt-out; each
#    answer is a new record cookie and a receipt), against a minimal JSON POST endpoint of the same site.
CHOICES_PATH=/baseline-choices run "benchmark site: minimal JSON POST endpoint without ConsentKit" http://127.0.0.1:${PORT}/ "" baseline_post scripts/load-choices.lua
run "benchmark site: ConsentKit choices endpoint" http://127.0.0.1:${PORT}/ "" choices scripts/load-choices.lua

echo
echo "ratio first visit / without (throughput):            $(ratio "$rps_first" "$rps_without")"
echo "ratio returning visitor / without (throughput):      $(ratio "$rps_decided" "$rps_without")"
echo "ratio floor (no-op tag helpers) / without:           $(ratio "$rps_floor" "$rps_without")"
echo "ratio first visit / floor (throughput):              $(ratio "$rps_first" "$rps_floor")"
echo "ratio returning visitor / floor (throughput):        $(ratio "$rps_decided" "$rps_floor")"
echo "ratio ConsentKit notice returning / Razor notice:    $(ratio "$rps_notice" "$rps_razor")"
echo "ratio ConsentKit notice first visit / Razor notice:  $(ratio "$rps_notice_first" "$rps_razor")"
echo "ratio choices endpoint / minimal JSON POST:          $(ratio "$rps_choices" "$rps_baseline_post")"
rm -rf "$receipts"

if [ "${FLAGSHIP:-1}" = 1 ]; then
  (cd samples/ConsentKit.Samples.RazorPages && ASPNETCORE_ENVIRONMENT=Production dotnet bin/Release/net10.0/ConsentKit.Samples.RazorPages.dll --urls http://127.0.0.1:5091 >/dev/null 2>&1) & pids+=($!)
  wait_for http://127.0.0.1:5091/
  cookie=$(consent_cookie http://127.0.0.1:5091)
  run "flagship article: no cookie (banner)" http://127.0.0.1:5091/articles/harbor-festival "" flagship_first
  run "flagship article: full consent cookie" http://127.0.0.1:5091/articles/harbor-festival "$cookie" flagship_decided
fi
