#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests (docs/notes/postgres.md).
#
#   eval "$(bash scripts/pg-cluster.sh start)"   # exports ARMSGRAPH_TEST_PG and PG_CLUSTER_DIR
#   bash scripts/pg-cluster.sh stop "$PG_CLUSTER_DIR"
#
# Installs Debian's postgresql when initdb/pg_ctl are missing; runs the server as an
# unprivileged user (initdb refuses root: the `postgres` system user, else `nobody`), in a
# temporary data directory, on a port of its own, listening on loopback only, with trust
# authentication for local connections (nothing else can reach it). The database uses the
# C.UTF-8 locale so that full-text search lower-cases and classifies every script.
set -euo pipefail

find_bin() {
    local dir
    if command -v pg_ctl >/dev/null && command -v initdb >/dev/null; then
        dirname "$(command -v pg_ctl)"
        return
    fi
    for dir in /usr/lib/postgresql/*/bin; do
        if [ -x "$dir/pg_ctl" ] && [ -x "$dir/initdb" ]; then
            echo "$dir"
            return
        fi
    done
    return 1
}

as_user() {
    local user=$1
    shift
    if [ "$(id -u)" != 0 ]; then
        "$@"
    elif command -v runuser >/dev/null; then
        runuser -u "$user" -- "$@"
    else
        su -s /bin/sh "$user" -c "$(printf '%q ' "$@")"
    fi
}

start() {
    local bin
    if ! bin="$(find_bin)"; then
        echo "== installing PostgreSQL (Debian's postgresql)" >&2
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq >&2
        apt-get install -y -qq postgresql >/dev/null
        bin="$(find_bin)"
    fi
    local user=postgres
    id "$user" >/dev/null 2>&1 || user=nobody
    local dir
    dir="$(mktemp -d /tmp/armsgraph-pg.XXXXXX)"
    chmod 755 "$dir"
    mkdir "$dir/data" "$dir/socket"
    if [ "$(id -u)" = 0 ]; then
        chown "$user" "$dir/data" "$dir/socket"
    fi
    # A free port: the first of a range that nothing listens on.
    local port
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
    as_user "$user" "$bin/initdb" -D "$dir/data" -U armsgraph --auth=trust --encoding=UTF8 \
        --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || {
        cat "$dir/initdb.log" >&2
        exit 1
    }
    as_user "$user" "$bin/pg_ctl" -D "$dir/data" -l "$dir/data/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $dir/socket -c fsync=off -c max_connections=200" \
        start >&2
    echo "$user" >"$dir/user"
    echo "$bin" >"$dir/bin"
    echo "export PG_CLUSTER_DIR=$dir"
    echo "export ARMSGRAPH_TEST_PG=postgres://armsgraph@127.0.0.1:$port/postgres"
}

stop() {
    local dir=${1:-}
    [ -n "$dir" ] && [ -d "$dir/data" ] || return 0
    as_user "$(cat "$dir/user")" "$(cat "$dir/bin")/pg_ctl" -D "$dir/data" -m immediate stop \
        >/dev/null 2>&1 || true
    rm -rf "$dir"
}

case "${1:-}" in
start) start ;;
stop) stop "${2:-}" ;;
*)
    echo "usage: $0 start | stop DIR" >&2
    exit 2
    ;;
esac
