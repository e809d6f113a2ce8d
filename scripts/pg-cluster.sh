#!/usr/bin/env bash
# A private PostgreSQL 15 cluster for tests and the bench, listening on 127.0.0.1 only.
#
#   scripts/pg-cluster.sh start DIR PORT   create (first time) and start; prints the database URL
#   scripts/pg-cluster.sh stop  DIR        stop it (fast shutdown); the PORT argument is ignored
#
# DIR holds everything: data/ (the cluster), the Unix socket and postgres.log. Authentication is
# "trust" for user `app`, and the database `closeread_test` is created on first start. initdb
# refuses to run as root, so as root DIR is handed to the postgres user and the server runs as it.
# PG_FAST=1 turns off fsync and full-page writes: fine for throwaway test data, wrong for the bench.
set -euo pipefail

usage() {
	echo "usage: $0 start DIR PORT | stop DIR" >&2
	exit 2
}

[[ $# -ge 2 ]] || usage
action=$1
dir=$2
port=${3:-}

bin=${PG_BIN:-/usr/lib/postgresql/15/bin}
db_user=app
db_name=closeread_test

if [[ ! -x "$bin/initdb" || ! -x "$bin/pg_ctl" ]]; then
	echo "PostgreSQL 15 server binaries not found in $bin (install postgresql-15, or set PG_BIN)." >&2
	exit 1
fi

# Run a command as the cluster's owner: postgres when we are root, ourselves otherwise.
as_owner() {
	if [[ $(id -u) -eq 0 ]]; then
		local quoted
		quoted=$(printf '%q ' "$@")
		su postgres -s /bin/sh -c "$quoted"
	else
		"$@"
	fi
}

data="$dir/data"

case "$action" in
start)
	[[ -n "$port" && "$port" =~ ^[0-9]+$ ]] || usage
	mkdir -p "$dir"
	if [[ $(id -u) -eq 0 ]]; then
		chown postgres:postgres "$dir"
		chmod 700 "$dir"
	fi
	if [[ ! -f "$data/PG_VERSION" ]]; then
		as_owner "$bin/initdb" -D "$data" -U "$db_user" --auth=trust --encoding=UTF8 --no-locale >"$dir/initdb.log" 2>&1 || {
			cat "$dir/initdb.log" >&2
			exit 1
		}
	fi
	opts="-p $port -c listen_addresses=127.0.0.1 -k $dir"
	if [[ "${PG_FAST:-}" == 1 ]]; then
		opts="$opts -c fsync=off -c full_page_writes=off -c synchronous_commit=off"
	fi
	if ! as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
		as_owner "$bin/pg_ctl" -D "$data" -o "$opts" -l "$dir/postgres.log" -w -t 60 start >/dev/null || {
			tail -n 20 "$dir/postgres.log" >&2 || true
			exit 1
		}
	fi
	exists=$("$bin/psql" -h 127.0.0.1 -p "$port" -U "$db_user" -d postgres -Atc "select 1 from pg_database where datname = '$db_name'")
	if [[ "$exists" != 1 ]]; then
		"$bin/createdb" -h 127.0.0.1 -p "$port" -U "$db_user" "$db_name"
	fi
	echo "postgres://$db_user@127.0.0.1:$port/$db_name"
	;;
stop)
	if [[ -f "$data/PG_VERSION" ]] && as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
		as_owner "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null
	fi
	;;
*)
	usage
	;;
esac
