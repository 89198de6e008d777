#!/usr/bin/env bash
# Runs a command beside a throwaway PostgreSQL cluster: initdb in a temporary folder, the server on
# a free loopback port (its socket in the same folder), stopped and removed when the command ends.
# The command sees CARDTOOL_TEST_POSTGRES (an address to create test databases beside),
# PGPASSWORD and CARDTOOL_TEST_POSTGRES_CA (the server's own TLS certificate); the tests of the team book run against it.
#
# For benchmarks: CARDTOOL_PG_DIR=FOLDER keeps the cluster there between runs (made once, its
# databases kept), and CARDTOOL_PG_DURABLE=1 leaves fsync on as a real server has it.
set -euo pipefail
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "PostgreSQL is not installed (Debian's postgresql package): make test installs it" >&2
  exit 1
fi
keep=${CARDTOOL_PG_DIR:-}
if [ -n "$keep" ]; then
  mkdir -p "$keep"
  dir=$(cd "$keep" && pwd)
else
  dir=$(mktemp -d /tmp/cardtool-pg.XXXXXX)
fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
password=$(cat "$dir/pw" 2>/dev/null || echo "cardtool-test-$RANDOM$RANDOM")
# PostgreSQL refuses to run as root: root runs it as the postgres user.
as=()
if [ "$(id -u)" -eq 0 ]; then
  chown postgres "$dir"
  as=(runuser -u postgres --)
fi
[ -f "$dir/pw" ] || printf '%s\n' "$password" > "$dir/pw"
chmod 600 "$dir/pw"
[ ${#as[@]} -eq 0 ] || chown postgres "$dir/pw"
# TLS with a certificate of its own (localhost and 127.0.0.1), for the sslmode tests.
if [ ! -f "$dir/server.crt" ]; then
  openssl req -x509 -newkey rsa:2048 -nodes -days 7 -subj "/CN=localhost" \
    -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" -keyout "$dir/server.key" -out "$dir/server.crt" >/dev/null 2>&1
  chmod 600 "$dir/server.key"
  [ ${#as[@]} -eq 0 ] || chown postgres "$dir/server.key" "$dir/server.crt"
fi
stop() {
  "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -m "$([ -n "$keep" ] && echo fast || echo immediate)" stop >/dev/null 2>&1 || true
  [ -n "$keep" ] || rm -rf "$dir"
}
trap stop EXIT
[ -d "$dir/data" ] || "${as[@]}" "$bin/initdb" -D "$dir/data" -U cardtool --pwfile="$dir/pw" --auth-local=trust --auth-host=scram-sha-256 \
  -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
"${as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1 $([ "${CARDTOOL_PG_DURABLE:-}" = 1 ] || echo "-c fsync=off") -c max_connections=50 -c ssl=on -c ssl_cert_file=$dir/server.crt -c ssl_key_file=$dir/server.key $([ -n "$keep" ] && echo "-c shared_buffers=1GB")" start >/dev/null \
  || { cat "$dir/server.log" >&2; exit 1; }
export CARDTOOL_TEST_POSTGRES="postgres://cardtool@127.0.0.1:$port/postgres?sslmode=disable"
export PGPASSWORD="$password"
export CARDTOOL_TEST_POSTGRES_CA="$dir/server.crt"
echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port for the tests"
set +e
"$@"
status=$?
set -e
exit $status
