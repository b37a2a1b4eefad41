#!/usr/bin/env bash
# Throwaway PostgreSQL server for the PostgreSQL-backed tests and benchmarks.
#
#   Tests/postgres.sh start   -> prints the Npgsql connection string on stdout (nothing else goes to stdout)
#   Tests/postgres.sh stop    -> stops the server and removes its directory
#   Tests/postgres.sh status  -> exit 0 when running
#
# Typical use:
#   export SPIDERPOOL_TEST_POSTGRES=$(Tests/postgres.sh start)
#   dotnet test Tests/Cluster/Cluster.csproj --filter "FullyQualifiedName~Postgres|FullyQualifiedName~Persistence"
#   Tests/postgres.sh stop
#
# Settings (environment):
#   SPIDERPOOL_PG_DIR   directory holding data, socket and log (default /tmp/spiderpool-pg); removed by "stop"
#   SPIDERPOOL_PG_PORT  TCP port on 127.0.0.1 (default 55432)
#   SPIDERPOOL_PG_BIN   directory with initdb/pg_ctl (default: newest /usr/lib/postgresql/*/bin, preferring 15)
#
# The server keeps PostgreSQL's durability defaults (fsync, synchronous_commit on) so that throughput measured
# against it is honest. Authentication is "trust" because it only listens on 127.0.0.1 and a private socket
# directory, and it is deleted by "stop".
set -euo pipefail

DIR=${SPIDERPOOL_PG_DIR:-/tmp/spiderpool-pg}
PORT=${SPIDERPOOL_PG_PORT:-55432}
DATA="$DIR/data"
SOCKET="$DIR/socket"
LOG="$DIR/postgres.log"
DATABASE=spiderpool

log() { echo "postgres.sh: $*" >&2; }
die() { log "$*"; exit 1; }

find_bin() {
    if [[ -n "${SPIDERPOOL_PG_BIN:-}" ]]; then
        [[ -x "$SPIDERPOOL_PG_BIN/pg_ctl" ]] || die "SPIDERPOOL_PG_BIN=$SPIDERPOOL_PG_BIN has no pg_ctl; point it at a PostgreSQL bin directory"
        echo "$SPIDERPOOL_PG_BIN"
        return
    fi
    if [[ -x /usr/lib/postgresql/15/bin/pg_ctl ]]; then
        echo /usr/lib/postgresql/15/bin
        return
    fi
    local candidate
    candidate=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [[ -n "$candidate" && -x "$candidate/pg_ctl" ]]; then
        echo "$candidate"
        return
    fi
    die "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin; install them with 'apt-get install -y postgresql' (or set SPIDERPOOL_PG_BIN)"
}

# pg_ctl and postgres refuse to run as root, so as root everything runs as the 'postgres' OS user.
as_owner() {
    if [[ $(id -u) -eq 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

connection_string() {
    echo "Host=127.0.0.1;Port=$PORT;Username=postgres;Database=$DATABASE;Pooling=true;Maximum Pool Size=50;Timeout=15;Command Timeout=60"
}

is_running() {
    [[ -f "$DATA/PG_VERSION" ]] && as_owner "$BIN/pg_ctl" status -D "$DATA" >/dev/null 2>&1
}

psql_admin() {
    as_owner "$BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$SOCKET" -p "$PORT" -U postgres -d postgres "$@"
}

start() {
    if [[ $(id -u) -eq 0 ]] && ! id postgres >/dev/null 2>&1; then
        die "running as root needs the 'postgres' OS user (created by 'apt-get install -y postgresql')"
    fi

    mkdir -p "$DIR" "$SOCKET"
    if [[ $(id -u) -eq 0 ]]; then
        chown postgres: "$DIR" "$SOCKET"
    fi
    chmod 700 "$DIR"

    if [[ ! -f "$DATA/PG_VERSION" ]]; then
        log "initdb in $DATA"
        as_owner "$BIN/initdb" -D "$DATA" -U postgres --auth=trust --encoding=UTF8 --locale=C >"$DIR/initdb.log" 2>&1 \
            || die "initdb failed; see $DIR/initdb.log"
        # Private port and socket so it never collides with a system PostgreSQL; enough connections for
        # parallel test classes that each own a connection pool.
        as_owner tee -a "$DATA/postgresql.conf" >/dev/null <<EOF

# Added by Tests/postgres.sh
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$SOCKET'
max_connections = 300
EOF
    fi

    if is_running; then
        log "already running in $DATA (port $PORT); reusing it"
    else
        # A stale pid file from a killed server would make pg_ctl refuse to start.
        if [[ -f "$DATA/postmaster.pid" ]]; then
            local pid
            pid=$(head -n 1 "$DATA/postmaster.pid" || true)
            if [[ -n "$pid" ]] && ! kill -0 "$pid" 2>/dev/null; then
                rm -f "$DATA/postmaster.pid"
            fi
        fi
        log "starting on 127.0.0.1:$PORT (log $LOG)"
        as_owner "$BIN/pg_ctl" start -D "$DATA" -l "$LOG" -w -t 60 >/dev/null \
            || die "pg_ctl start failed (is port $PORT in use? set SPIDERPOOL_PG_PORT); see $LOG"
    fi

    local i
    for i in $(seq 1 60); do
        if as_owner "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT" -U postgres; then
            break
        fi
        [[ $i -eq 60 ]] && die "server did not accept connections on 127.0.0.1:$PORT within 30 s; see $LOG"
        sleep 0.5
    done

    if [[ $(psql_admin -tAc "SELECT 1 FROM pg_database WHERE datname = '$DATABASE'") != "1" ]]; then
        # Two concurrent "start" calls may race here; losing the race is fine.
        psql_admin -c "CREATE DATABASE $DATABASE" 2>/dev/null \
            || [[ $(psql_admin -tAc "SELECT 1 FROM pg_database WHERE datname = '$DATABASE'") == "1" ]] \
            || die "could not create database $DATABASE; see $LOG"
    fi

    connection_string
}

stop() {
    if [[ -f "$DATA/PG_VERSION" ]]; then
        if is_running; then
            log "stopping server in $DATA"
            if ! as_owner "$BIN/pg_ctl" stop -D "$DATA" -m fast -w -t 60 >/dev/null 2>&1; then
                local pid
                pid=$(head -n 1 "$DATA/postmaster.pid" 2>/dev/null || true)
                if [[ -n "$pid" ]]; then
                    log "pg_ctl stop failed; sending SIGQUIT to postmaster $pid"
                    kill -QUIT "$pid" 2>/dev/null || true
                    sleep 1
                fi
            fi
        fi
    fi
    if [[ -d "$DIR" ]]; then
        rm -rf "$DIR"
    fi
}

usage() { die "usage: $0 start|stop|status"; }

[[ $# -eq 1 ]] || usage
BIN=$(find_bin)
case "$1" in
    start) start ;;
    stop) stop ;;
    status) is_running ;;
    *) usage ;;
esac
