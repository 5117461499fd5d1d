#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests.
#
#   scripts/pg-cluster.sh start      starts a fresh cluster in a new temp directory on a free loopback
#                                    port and prints the shell lines that export
#                                    SWITCHBOARD_TEST_PG_URL (postgresql://user:pass@127.0.0.1:PORT/db;
#                                    the role may create databases) and SWITCHBOARD_TEST_PG_DIR;
#                                    use it as: eval "$(scripts/pg-cluster.sh start)"
#   scripts/pg-cluster.sh env [DIR]  prints those lines again for a running cluster
#   scripts/pg-cluster.sh stop [DIR] stops the cluster and removes its directory
# DIR defaults to $SWITCHBOARD_TEST_PG_DIR.
#
# PostgreSQL refuses to run as root: as root (CI) the server runs as the `postgres` user that
# Debian's package creates (or `nobody` when there is none), owning the temp directory. As any other
# user it runs as that user. Durability as in production: fsync and synchronous_commit on.
# PG_BINDIR overrides where initdb and pg_ctl are found (default: Debian's PostgreSQL 15).
set -euo pipefail

find_bindir() {
    if [[ -n "${PG_BINDIR:-}" ]]; then
        echo "$PG_BINDIR"
        return
    fi
    local dir
    for dir in /usr/lib/postgresql/15/bin $(printf "%s\n" /usr/lib/postgresql/*/bin | sort -rV); do
        if [[ -x "$dir/initdb" && -x "$dir/pg_ctl" ]]; then
            echo "$dir"
            return
        fi
    done
    if command -v pg_ctl >/dev/null 2>&1; then
        dirname "$(command -v pg_ctl)"
        return
    fi
    echo "pg-cluster: PostgreSQL's initdb/pg_ctl not found (install the postgresql package)" >&2
    exit 1
}

# The user the server runs as, empty for the calling user.
server_user() {
    if [[ $(id -u) -ne 0 ]]; then
        return
    fi
    if id postgres >/dev/null 2>&1; then
        echo postgres
    else
        echo nobody
    fi
}

# Runs a command as the server's user.
as_server() {
    local user
    user="$(server_user)"
    if [[ -z "$user" ]]; then
        "$@"
    elif command -v runuser >/dev/null 2>&1; then
        runuser -u "$user" -- "$@"
    else
        su -s /bin/sh "$user" -c "$(printf '%q ' "$@")"
    fi
}

port_in_use() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

print_env() {
    local dir="$1"
    if [[ ! -f "$dir/url" ]]; then
        echo "pg-cluster: no cluster in '$dir'" >&2
        exit 1
    fi
    printf 'export SWITCHBOARD_TEST_PG_URL=%q\n' "$(cat "$dir/url")"
    printf 'export SWITCHBOARD_TEST_PG_DIR=%q\n' "$dir"
}

start() {
    local bindir user dir password port
    bindir="$(find_bindir)"
    user="$(server_user)"
    dir="$(mktemp -d "${TMPDIR:-/tmp}/switchboard-pg.XXXXXX")"
    chmod 755 "$dir"
    if [[ -n "$user" ]]; then
        chown "$user" "$dir"
        # A TMPDIR the server's user cannot reach (e.g. under /root): use /tmp instead.
        if ! as_server test -w "$dir"; then
            rm -rf "$dir"
            dir="$(mktemp -d /tmp/switchboard-pg.XXXXXX)"
            chmod 755 "$dir"
            chown "$user" "$dir"
        fi
    fi
    password="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
    # The superuser only logs in over the cluster's own socket (trust); the test role needs its
    # password over TCP (scram-sha-256).
    if ! as_server "$bindir/initdb" -D "$dir/data" -U postgres --auth-local=trust \
        --auth-host=scram-sha-256 --encoding=UTF8 --locale=C >"$dir/initdb.log" 2>&1; then
        cat "$dir/initdb.log" >&2
        rm -rf "$dir"
        exit 1
    fi
    for _ in 1 2 3 4 5 6 7 8; do
        port=$((20000 + RANDOM % 40000))
        port_in_use "$port" && continue
        if as_server "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
            -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir \
                -c fsync=on -c synchronous_commit=on -c max_connections=100" >/dev/null; then
            break
        fi
        port=""
    done
    if [[ -z "$port" ]]; then
        echo "pg-cluster: the server did not start:" >&2
        cat "$dir/server.log" >&2 || true
        rm -rf "$dir"
        exit 1
    fi
    as_server "$bindir/psql" -X -q -v ON_ERROR_STOP=1 -h "$dir" -p "$port" -U postgres -d postgres \
        -c "CREATE ROLE switchboard LOGIN CREATEDB PASSWORD '$password'" \
        -c "CREATE DATABASE switchboard OWNER switchboard" >/dev/null
    echo "$port" >"$dir/port"
    echo "postgresql://switchboard:$password@127.0.0.1:$port/switchboard" >"$dir/url"
    chmod 600 "$dir/url"
    echo "pg-cluster: PostgreSQL $("$bindir/pg_ctl" --version | awk '{print $3}') on 127.0.0.1:$port in $dir" >&2
    print_env "$dir"
}

stop() {
    local dir="${1:-${SWITCHBOARD_TEST_PG_DIR:-}}"
    if [[ -z "$dir" || ! -d "$dir" ]]; then
        echo "pg-cluster: no cluster directory given (argument or SWITCHBOARD_TEST_PG_DIR)" >&2
        exit 1
    fi
    if [[ -f "$dir/data/postmaster.pid" ]]; then
        as_server "$(find_bindir)/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
    fi
    rm -rf "$dir"
}

case "${1:-}" in
start) start ;;
stop) stop "${2:-}" ;;
env) print_env "${2:-${SWITCHBOARD_TEST_PG_DIR:-}}" ;;
*)
    echo "usage: $0 start | env [DIR] | stop [DIR]" >&2
    exit 2
    ;;
esac
