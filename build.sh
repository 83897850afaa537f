#!/usr/bin/env bash
# One entry point for setting up and testing AutoDialer on a fresh Debian machine.
#   ./build.sh test   install what is missing (PostgreSQL server, Chromium), build, run every test
#   ./build.sh deps   only install what is missing
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

deps() {
  have_postgres || apt_install postgresql
  command -v psql >/dev/null 2>&1 || apt_install postgresql-client
  # Browser tests drive Debian's Chromium through Playwright (never a downloaded browser).
  if grep -qs Microsoft.Playwright tests/*/*.csproj && [ ! -x /usr/bin/chromium ]; then
    apt_install chromium
  fi
  # A CJK font, so the Chinese dashboard screenshots the browser tests save are readable rather than boxes.
  if grep -qs Microsoft.Playwright tests/*/*.csproj && ! fc-list 2>/dev/null | grep -qi 'wqy\|noto.*cjk'; then
    apt_install fonts-wqy-zenhei
  fi
  command -v dotnet >/dev/null 2>&1 || { echo "build.sh: the .NET 10 SDK is required (dotnet on PATH)" >&2; exit 1; }
}

case "${1:-test}" in
  deps) deps ;;
  test)
    deps
    dotnet build AutoDialer.sln -c Release -nologo -v quiet
    # One test project at a time: each starts its own PostgreSQL and hosts, and two cores are shared by all of them.
    status=0
    for project in tests/*.Tests/*.Tests.csproj; do
      echo "== $project"
      dotnet test "$project" -c Release --no-build -nologo --logger "console;verbosity=normal" || status=1
    done
    exit $status ;;
  *) echo "usage: ./build.sh [test|deps]" >&2; exit 2 ;;
esac
