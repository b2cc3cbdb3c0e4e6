#!/bin/sh
# CI check of the backups: the demo in a new database, scripts/backup.sh, scripts/restore.sh
# into a fresh database and an empty media folder, which verifies every table's row count
# and the uploaded files against the manifest; then a manifest with one count changed must
# make restore.sh fail. Needs a PostgreSQL server where the given user may create databases:
#   scripts/backup_roundtrip.sh postgres://postgres@127.0.0.1:5433
set -eu
cd "$(dirname "$0")/.."
SERVER=${1:?usage: $0 postgres://user@host:port}
PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
[ -n "$PG_BIN" ] && PATH="$PG_BIN:$PATH"
WORK=$(mktemp -d)
SOURCE=zsss_backup_source RESTORED=zsss_backup_restored BROKEN=zsss_backup_broken
sql() { psql --no-psqlrc --quiet --tuples-only --no-align --dbname="$SERVER/postgres" -c "$1"; }
cleanup() {
    for db in $SOURCE $RESTORED $BROKEN; do sql "DROP DATABASE IF EXISTS $db" || true; done
    rm -rf "$WORK"
}
trap cleanup EXIT
fail() { echo "backup round trip: $*" >&2; exit 1; }
cleanup
mkdir -p "$WORK"
for db in $SOURCE $RESTORED $BROKEN; do sql "CREATE DATABASE $db"; done

echo "backup round trip: the demo in $SOURCE, two uploaded files"
export DATABASE_URL="$SERVER/$SOURCE" MEDIA_ROOT="$WORK/media" VAR_DIR="$WORK/var"
.venv/bin/python manage.py migrate --noinput -v0
.venv/bin/python manage.py load_demo >"$WORK/load_demo.log" 2>&1 || { cat "$WORK/load_demo.log"; fail "load_demo"; }
mkdir -p "$MEDIA_ROOT/plans/7" "$MEDIA_ROOT/documents"
printf '%%PDF-1.4 budget\n' >"$MEDIA_ROOT/plans/7/rozpočet 2026.pdf"
printf '%%PDF-1.4 decision\n' >"$MEDIA_ROOT/documents/decision.pdf"

MANIFEST=$(BACKUP_DIR="$WORK/backups" scripts/backup.sh)
ROWS=$(awk -F '\t' '$1 == "table" { s += $3 } END { print s + 0 }' "$MANIFEST")
[ "$ROWS" -gt 100 ] || fail "the manifest counts only $ROWS rows"
grep -q "^table	public.plans_developmentplan	[1-9]" "$MANIFEST" || fail "no plans in the manifest"

echo "backup round trip: restore into $RESTORED"
scripts/restore.sh "$MANIFEST" "$SERVER/$RESTORED" "$WORK/media-restored"
cmp "$MEDIA_ROOT/plans/7/rozpočet 2026.pdf" "$WORK/media-restored/plans/7/rozpočet 2026.pdf" \
    || fail "an uploaded file differs after the restore"
# The restored database is the system's: Django sees no missing migration and the demo.
DATABASE_URL="$SERVER/$RESTORED" .venv/bin/python manage.py migrate --check --noinput -v0 \
    || fail "the restored database misses migrations"

echo "backup round trip: a manifest that does not match must fail the restore"
awk -F '\t' -v OFS='\t' '$2 == "public.plans_developmentplan" { $3 = $3 + 1 } { print }' \
    "$MANIFEST" >"$WORK/backups/tampered.manifest"
if scripts/restore.sh "$WORK/backups/tampered.manifest" "$SERVER/$BROKEN" "$WORK/media-broken" \
    2>"$WORK/broken.log"; then
    fail "restore.sh accepted a manifest whose row count differs"
fi
grep -q "row counts differ" "$WORK/broken.log" || { cat "$WORK/broken.log"; fail "wrong refusal"; }
grep -q "plans_developmentplan" "$WORK/broken.log" || fail "the refusal does not name the table"
echo "backup round trip: passed ($ROWS rows)"
