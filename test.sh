#!/usr/bin/env bash
# Runs every ConsentKit test. Installs what the tests need first: Debian's Chromium (browser tests), a Japanese font
# (legible screenshots), a Java runtime and the Nu HTML Checker (npm package vnu-jar, into .tools/), and PostgreSQL
# (consent store tests; started here when it is not running).
# A .NET 8 runtime as well (scripts/install-net8-runtime.sh: the official runtime packages from NuGet, in a private
# .NET root under .tools/dotnet), so the unit and integration suites run the library's net8.0 build on .NET 8.
# Prints "N passed, N failed" as its last line.
set -uo pipefail
cd "$(dirname "$0")"

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || need+=(fonts-noto-cjk)
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
command -v npm >/dev/null 2>&1 || need+=(npm)
command -v pg_ctlcluster >/dev/null 2>&1 || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing ${need[*]} ..."
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need[@]}" >/dev/null \
    || { echo "Could not install ${need[*]}"; echo "0 passed, 1 failed"; exit 1; }
fi

vnu=.tools/node_modules/vnu-jar/build/dist/vnu.jar
if [ ! -f "$vnu" ]; then
  echo "Installing the Nu HTML Checker (vnu-jar) ..."
  npm install --no-save --no-audit --no-fund --silent --prefix .tools vnu-jar@26.9.27 >/dev/null \
    || { echo "Could not install vnu-jar"; echo "0 passed, 1 failed"; exit 1; }
fi

# PostgreSQL for tests/ConsentKit.EntityFrameworkCore.Tests: a local cluster and a role that may create the
# throwaway databases the tests make and drop. Unset CONSENTKIT_TEST_POSTGRES means this local server.
if [ -z "${CONSENTKIT_TEST_POSTGRES:-}" ]; then
  as_postgres() { if [ "$(id -u)" -eq 0 ]; then su postgres -c "$1"; else sudo -u postgres sh -c "$1"; fi; }
  cluster=$(pg_lsclusters --no-header 2>/dev/null | awk 'NR==1 {print $1" "$2}')
  if [ -n "$cluster" ] && ! pg_lsclusters --no-header | awk 'NR==1 {print $4}' | grep -q online; then
    echo "Starting PostgreSQL $cluster ..."
    sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    $sudo_cmd pg_ctlcluster $cluster start || echo "Could not start PostgreSQL: the store tests will fail and say why."
  fi
  as_postgres "psql -qtAc \"SELECT 1 FROM pg_roles WHERE rolname='consentkit'\"" 2>/dev/null | grep -q 1 \
    || as_postgres "psql -qc \"CREATE ROLE consentkit LOGIN CREATEDB PASSWORD 'consentkit'\"" \
    || echo "Could not create the consentkit role: the store tests will fail and say why."
fi

# .NET 8 for the net8.0 test runs; the same private root also has the machine's SDK and .NET 10.
echo "Installing the .NET 8 runtime (private, .tools/dotnet) ..."
dotnet_root=$(scripts/install-net8-runtime.sh) \
  || { echo "Could not install the .NET 8 runtime"; echo "0 passed, 1 failed"; exit 1; }
export DOTNET_ROOT="$dotnet_root" PATH="$dotnet_root:$PATH"

rm -rf TestResults
started=$(date +%s)
dotnet test ConsentKit.sln --logger trx --results-directory TestResults "$@" \
  -- RunConfiguration.DotNetHostPath="$dotnet_root/dotnet"
rc=$?
echo "dotnet test took $(( $(date +%s) - started )) s"

passed=0; failed=0
for trx in TestResults/*.trx; do
  [ -e "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  passed=$((passed + $(sed -E 's/.* passed="([0-9]+)".*/\1/' <<<"$counters")))
  failed=$((failed + $(sed -E 's/.* failed="([0-9]+)".*/\1/' <<<"$counters")))
done
# A build failure produces no results; never let it read as green.
if [ $rc -ne 0 ] && [ $failed -eq 0 ]; then failed=1; fi
echo "$passed passed, $failed failed"
exit $rc
