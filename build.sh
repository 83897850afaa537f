#!/usr/bin/env bash
# One entry point for setting up and testing AutoDialer on a fresh Debian machine.
#   ./build.sh test   install what is missing (PostgreSQL server, Chromium), build, run every test
#   ./build.sh deps   only install what the tests need; ./build.sh runtime: only what the program needs (PostgreSQL)
set -euo pipefail
cd "$(dirname "$0")"

have_postgres() {
  command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1
}

apt_install() {
  if [ "$(id -u)" -ne 0 ]; then
    echo "build.sh: missing $*; install it with: sudo apt-get install -y $*" >&2
    exit 1
  fi
  if [ -z "${APT_UPDATED:-}" ]; then apt-get update -qq; APT_UPDATED=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

runtime() {
  have_postgres || apt_install postgresql
  command -v psql >/dev/null 2>&1 || apt_install postgresql-client
  command -v dotnet >/dev/null 2>&1 || { echo "build.sh: the .NET 10 SDK is required (dotnet on PATH)" >&2; exit 1; }
}

deps() {
  runtime
  # Browser tests drive Debian's Chromium through Playwright (never a downloaded browser).
  if grep -qs Microsoft.Playwright tests/*/*.csproj && [ ! -x /usr/bin/chromium ]; then
    apt_install chromium
  fi
  # A CJK font, so the Chinese dashboard screenshots the browser tests save are readable rather than boxes.
  if grep -qs Microsoft.Playwright tests/*/*.csproj && ! fc-list 2>/dev/null | grep -qi 'wqy\|noto.*cjk'; then
    apt_install fonts-wqy-zenhei
  fi
}

case "${1:-test}" in
  deps) deps ;;
  runtime) runtime ;;
  test)
    deps
    dotnet build AutoDialer.sln -c Release -nologo -v quiet
    # One test project at a time: each starts its own PostgreSQL and hosts, and two cores are shared by all of them.
    status=0 passed=0 failed=0
    log=$(mktemp) failures=$(mktemp)
    for project in tests/*.Tests/*.Tests.csproj; do
      echo "== $project"
      dotnet test "$project" -c Release --no-build -nologo --logger "console;verbosity=normal" 2>&1 | tee "$log" || status=1
      passed=$((passed + $(grep -oE 'Passed: +[0-9]+' "$log" | tail -1 | grep -oE '[0-9]+' || echo 0)))
      failed=$((failed + $(grep -oE 'Failed: +[0-9]+' "$log" | tail -1 | grep -oE '[0-9]+' || echo 0)))
      # Keep each failed test with its message and the top of its stack, to repeat after the summary line:
      # a CI log is often read from its tail only.
      awk '/^  Failed /{keep=1; n=0} /^  Passed /{keep=0} keep && n++ < 40' "$log" >> "$failures"
    done
    # Every bench verb once on a small input: a bench is no test of speed here, but one that no longer runs is a bug.
    bench_home=$(mktemp -d)
    for args in "import --rows 2000" "dispatch --agents 20 --contacts 200 --warmup 40 --stages" "reconcile --events 2000" "nightly --contacts 2000" \
                "dashboard --contacts 20000"; do
      echo "== bench $args"
      if AUTODIALER_HOME="$bench_home" dotnet src/AutoDialer.Host/bin/Release/net10.0/autodialer.dll bench $args --json 2>&1 | tail -1; then
        passed=$((passed + 1))
      else
        failed=$((failed + 1)) status=1
        echo "  Failed bench $args (run it again with --verbose)" >> "$failures"
      fi
    done
    rm -rf "$bench_home"
    # A short chaos run: two serve nodes and a simulated call center under kills, a node frozen while it holds the dial
    # fence, a database crash, cut sockets, bad events and page reloads, judged against the call center's record; it
    # exits 1 on any violation or on a fault that did not happen.
    echo "== chaos --seconds 60 --page-reloads 0.01"
    if dotnet src/AutoDialer.Host/bin/Release/net10.0/autodialer.dll chaos --seconds 60 --page-reloads 0.01 --json 2>&1 | tail -30; then
      passed=$((passed + 1))
    else
      failed=$((failed + 1)) status=1
      echo "  Failed chaos --seconds 60 --page-reloads 0.01 (its work directory, named above, keeps the nodes' logs and the truth file)" >> "$failures"
    fi
    echo "$passed passed, $failed failed"
    if [ -s "$failures" ]; then echo "== failed tests"; cat "$failures"; echo "$passed passed, $failed failed"; fi
    rm -f "$log" "$failures"
    exit $status ;;
  *) echo "usage: ./build.sh [test|deps|runtime]" >&2; exit 2 ;;
esac
