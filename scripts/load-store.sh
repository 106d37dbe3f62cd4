#!/usr/bin/env bash
# Load test of the consent store on PostgreSQL (not part of CI). Two processes of the flagship sample on 127.0.0.1
# share one throwaway database; wrk posts choices for a fixed time. Then every acknowledged receipt is looked up.
#   Run 1: 64 connections on server A for 20 s.            Expect: rows = acknowledged, 0 failed responses.
#   Run 2: 32 connections on each server for 20 s; server B is killed (SIGKILL) after 10 s.
#          Expect: every receipt acknowledged by A or B is in the database.
# Needs: wrk, a local PostgreSQL with the consentkit role (./test.sh sets both up). Usage: scripts/load-store.sh [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-20}
conn_admin="Host=127.0.0.1;Username=consentkit;Password=consentkit;Database=postgres"
db="ck_load_$(date +%s)"
conn="Host=127.0.0.1;Username=consentkit;Password=consentkit;Database=$db;Maximum Pool Size=50"
work=$(mktemp -d)
export PGPASSWORD=consentkit
psql_q() { psql -h 127.0.0.1 -U consentkit -d "$1" -qtAc "$2"; }

pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  psql_q postgres "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk"; exit 1; }
psql_q postgres "CREATE DATABASE $db" >/dev/null
dotnet publish samples/ConsentKit.Samples.RazorPages -c Release -o "$work/app" -v quiet -nologo >/dev/null

start_server() { # port -> pid
  ( cd "$work/app" && exec env HOME="$work/home-$1" ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
      ConsentKit__Store__Provider=PostgreSQL ConsentKit__Store__ConnectionString="$conn" \
      dotnet ConsentKit.Samples.RazorPages.dll --urls "http://127.0.0.1:$1" >"$work/server-$1.log" 2>&1 ) &
  echo $!
}
wait_ready() { for _ in $(seq 1 120); do curl -sf -o /dev/null "http://127.0.0.1:$1/external-transmission.json" && return 0; sleep 0.25; done; cat "$work/server-$1.log"; exit 1; }
count_rows() { psql_q "$db" 'SELECT count(*) FROM "ConsentKitRecords"'; }
missing() { # receipts file -> number of acknowledged receipts without a record
  psql -h 127.0.0.1 -U consentkit -d "$db" -qtA -c 'CREATE TEMP TABLE acked(r text)' -c '\copy acked FROM pstdin' \
    -c 'SELECT count(*) FROM acked WHERE r NOT IN (SELECT "ReceiptId" FROM "ConsentKitRecords")' <"$1" | tail -1
}

# Rows beyond the acknowledged ones are choices committed whose response wrk never read: in flight when wrk stopped
# or when server B was killed. "missing" must be 0.
report() {
  local acked rows
  acked=$(wc -l <"$1"); rows=$(( $(count_rows) - $2 ))
  echo "acknowledged: $acked  rows written: $rows  acknowledged but missing: $(missing "$1")  committed, response unread: $((rows - acked))"
}

a=$(start_server 5501); pids+=("$a"); wait_ready 5501
b=$(start_server 5502); pids+=("$b"); wait_ready 5502
# Warm both servers (JIT, pools) so the run measures steady state.
wrk -t2 -c8 -d3s -s scripts/load-choices.lua http://127.0.0.1:5501 >/dev/null; wrk -t2 -c8 -d3s -s scripts/load-choices.lua http://127.0.0.1:5502 >/dev/null
base=$(count_rows)

echo "== Run 1: 64 connections on one server, ${duration}s"
mkdir -p "$work/r1"
RECEIPTS_DIR="$work/r1" wrk -t2 -c64 -d"${duration}s" --timeout 10s -s scripts/load-choices.lua http://127.0.0.1:5501 | tee "$work/run1.txt" | grep -E "Requests/sec|acknowledged"
sleep 1
cat "$work"/r1/receipts-*.txt >"$work/r1.all"
report "$work/r1.all" "$base"

echo "== Run 2: 32 connections on each server, ${duration}s; server B killed after $((duration / 2))s"
base=$(count_rows)
mkdir -p "$work/r2a" "$work/r2b"
RECEIPTS_DIR="$work/r2a" wrk -t1 -c32 -d"${duration}s" --timeout 10s -s scripts/load-choices.lua http://127.0.0.1:5501 >"$work/run2a.txt" &
wa=$!
RECEIPTS_DIR="$work/r2b" wrk -t1 -c32 -d"${duration}s" --timeout 10s -s scripts/load-choices.lua http://127.0.0.1:5502 >"$work/run2b.txt" &
wb=$!
sleep $((duration / 2)); kill -9 "$b"; echo "killed server B (pid $b)"
wait "$wa" "$wb" || true
sleep 1
echo "server A: $(grep acknowledged "$work/run2a.txt")"
echo "server B: $(grep acknowledged "$work/run2b.txt")"
cat "$work"/r2a/receipts-*.txt "$work"/r2b/receipts-*.txt >"$work/r2.all"
report "$work/r2.all" "$base"
grep -hE "fail|Error" "$work"/server-*.log | sort | uniq -c | head -5 || true
