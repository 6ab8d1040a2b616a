#!/usr/bin/env bash
# Installs the Debian packages whose programs are missing, and only those:
#   scripts/ensure-debian-packages.sh PACKAGE[:PROGRAM]...
# PROGRAM (default: the package's own name) is what the package must provide on PATH, in /usr/bin
# or in /usr/sbin; `redis-server` checks for redis-server, `redis-tools:redis-cli` for redis-cli.
# An absolute PROGRAM may be a glob, for programs outside PATH: `postgresql:/usr/lib/postgresql/*/bin/initdb`
# checks for an initdb of any PostgreSQL version.
# Missing packages are installed with apt-get update and apt-get install -y --no-install-recommends,
# which needs root: run by anyone else, it fails saying what to install. Used by tests that need a
# real server (the Redis connector's RedisServerExtension, the JDBC connector's PostgresExtension).
set -euo pipefail

say() { echo "ensure-debian-packages: $*"; }
fail() { echo "ensure-debian-packages: $*" >&2; exit 1; }

[ $# -gt 0 ] || fail "usage: $0 PACKAGE[:PROGRAM]..."

found() {
  if [ "${1#/}" != "$1" ]; then
    local match
    for match in $1; do
      [ -x "$match" ] && return 0
    done
    return 1
  fi
  command -v "$1" >/dev/null 2>&1 || [ -x "/usr/bin/$1" ] || [ -x "/usr/sbin/$1" ]
}

missing=()
programs=()
for spec in "$@"; do
  package="${spec%%:*}"
  program="${spec#*:}"
  [ -n "$package" ] && [ -n "$program" ] || fail "'$spec' is not PACKAGE or PACKAGE:PROGRAM"
  if found "$program"; then
    say "$program is there (package $package)"
  else
    missing+=("$package")
    programs+=("$program")
  fi
done
[ ${#missing[@]} -gt 0 ] || exit 0

command -v apt-get >/dev/null 2>&1 \
  || fail "${programs[*]} missing, and this system has no apt-get: install ${missing[*]} (or their equivalents) yourself"
[ "$(id -u)" -eq 0 ] \
  || fail "${programs[*]} missing, and installing needs root: run 'sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}'"

say "installing ${missing[*]} (for ${programs[*]}) with apt-get"
export DEBIAN_FRONTEND=noninteractive
apt-get -o DPkg::Lock::Timeout=300 update
apt-get -o DPkg::Lock::Timeout=300 install -y --no-install-recommends "${missing[@]}"

for program in "${programs[@]}"; do
  found "$program" || fail "installed ${missing[*]}, but $program is still missing"
done
say "installed ${missing[*]}"
