#!/usr/bin/env bash
# Head to head (see bench/README.md): the transitions of several revisions on one seeded
# database, alternately, each trial on a fresh copy of it:
#   bench/compare.sh 1d21398 HEAD          # 100 000 plans, 300 transitions of each kind, 2 rounds
#   BENCH_PLANS=1000 BENCH_TRANSITIONS=10 BENCH_ROUNDS=1 bench/compare.sh HEAD HEAD   # CI
#   BENCH_READS=300 bench/compare.sh A B   # then, on the same gunicorn, 300 plans
#                                          # lists and 300 plan details of each revision
# The database is seeded with this checkout's code: the revisions must share its migrations
# and its dependencies (each runs from a worktree with this checkout's .venv). The load and
# the measuring are this checkout's for every revision.
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$#" -ge 1 ] || { echo "usage: bench/compare.sh REVISION [REVISION …]"; exit 2; }

TRANSITIONS=${BENCH_TRANSITIONS:-300}
ROUNDS=${BENCH_ROUNDS:-2}
READS=${BENCH_READS:-0}
. bench/environment.sh

TREES=()
remove_trees() {
    for tree in "${TREES[@]}"; do git worktree remove --force "$tree" >/dev/null 2>&1 || true; done
    cleanup
}
trap remove_trees EXIT INT TERM
index=0
for revision in "$@"; do
    tree="$PGDATA/tree-$index"
    git worktree add --detach --quiet "$tree" "$revision"
    ln -s "$PWD/.venv" "$tree/.venv"
    TREES+=("$tree")
    index=$((index + 1))
done

echo "== migrate and seed ($PLANS plans), kept as the template of every trial"
migrate_and_seed
psql_admin() { "$PG_BIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -q -d postgres -c "$1"; }
psql_admin "CREATE DATABASE seeded TEMPLATE bench"

mkdir -p "$OUT"
RESULTS="$OUT/compare.jsonl"
: >"$RESULTS"
for round in $(seq "$ROUNDS"); do
    index=0
    for revision in "$@"; do
        psql_admin "DROP DATABASE bench"
        psql_admin "CREATE DATABASE bench TEMPLATE seeded"
        start_gunicorn "${TREES[$index]}"
        echo "== round $round: $revision"
        .venv/bin/python -m bench.compare trial --url "http://127.0.0.1:$WEBPORT" \
            --gunicorn-pid "$GUNICORN_PID" --postgres-pid "$(head -1 "$PGDATA/db/postmaster.pid")" \
            --transitions "$TRANSITIONS" \
            --label "$revision ($(git rev-parse --short "$revision"))" | tee -a "$RESULTS"
        if [ "$READS" -gt 0 ]; then
            .venv/bin/python -m bench.compare reads --url "http://127.0.0.1:$WEBPORT" \
                --gunicorn-pid "$GUNICORN_PID" \
                --postgres-pid "$(head -1 "$PGDATA/db/postmaster.pid")" --requests "$READS" \
                --label "$revision ($(git rev-parse --short "$revision"))" | tee -a "$RESULTS"
        fi
        stop_gunicorn
        index=$((index + 1))
    done
done
.venv/bin/python -m bench.compare table "$RESULTS" | tee "$OUT/compare.txt"
