#!/bin/sh
# Restore a backup made by scripts/backup.sh into a fresh, empty PostgreSQL database and the
# uploaded files into an empty directory, then verify: the files' checksums, the row count
# of every table against the manifest, and the number of uploaded files. Exits non-zero and
# says what differs on any mismatch. Usage (docs/operations.md):
#   scripts/restore.sh BACKUP_DIR/zsss-<stamp>.manifest postgres://…/zsss_restored /data/media-restored
set -eu
if [ $# -ne 3 ]; then
    echo "usage: $0 <manifest> <target database url> <target media directory>" >&2
    exit 2
fi
MANIFEST=$1 TARGET_URL=$2 MEDIA_TARGET=$3
DIR=$(cd "$(dirname "$MANIFEST")" && pwd)
PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
[ -n "$PG_BIN" ] && PATH="$PG_BIN:$PATH"
fail() { echo "restore.sh: $*" >&2; exit 1; }
field() { awk -F '\t' -v kind="$1" -v n="$2" '$1 == kind { print $n }' "$MANIFEST"; }

DUMP="$DIR/$(field dump 2)"
MEDIA="$DIR/$(field media 2)"
[ -f "$DUMP" ] && [ -f "$MEDIA" ] || fail "the dump or the media archive named in $MANIFEST is missing"
echo "$(field dump 3)  $DUMP" | sha256sum --check --quiet - || fail "the dump's checksum differs"
echo "$(field media 3)  $MEDIA" | sha256sum --check --quiet - || fail "the media archive's checksum differs"

psql_at() { psql --no-psqlrc --quiet --tuples-only --no-align --dbname="$TARGET_URL" -c "$1"; }
EXISTING=$(psql_at "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") \
    || fail "cannot connect to the target database (create it first: createdb …)"
[ "$EXISTING" = 0 ] || fail "the target database is not empty ($EXISTING tables): restore into a fresh one"
if [ -d "$MEDIA_TARGET" ] && [ -n "$(ls -A "$MEDIA_TARGET")" ]; then
    fail "the media target $MEDIA_TARGET is not empty"
fi

pg_restore --no-owner --no-acl --exit-on-error --single-transaction --dbname="$TARGET_URL" "$DUMP"
mkdir -p "$MEDIA_TARGET"
tar -xzf "$MEDIA" -C "$MEDIA_TARGET"

# Every table of the manifest, counted in the restored database in one query.
QUERY=$(awk -F '\t' '$1 == "table" {
    printf "%sSELECT %s AS name, count(*) FROM %s", sep, "'\''" $2 "'\''", $2; sep = " UNION ALL "
}' "$MANIFEST")
EXPECTED=$(awk -F '\t' '$1 == "table" { printf "%s\t%s\n", $2, $3 }' "$MANIFEST" | sort)
ACTUAL=$(psql_at "$QUERY" | tr '|' '\t' | sort)
if [ "$EXPECTED" != "$ACTUAL" ]; then
    echo "restore.sh: row counts differ (< manifest, > restored database):" >&2
    COMPARE=$(mktemp -d)
    echo "$EXPECTED" >"$COMPARE/manifest"; echo "$ACTUAL" >"$COMPARE/restored"
    diff "$COMPARE/manifest" "$COMPARE/restored" >&2 || true
    rm -rf "$COMPARE"
    exit 1
fi
FILES=$(find "$MEDIA_TARGET" -type f | wc -l | tr -d ' ')
[ "$FILES" = "$(field media 4)" ] || fail "uploaded files: $FILES restored, $(field media 4) in the backup"
echo "restore.sh: verified $(echo "$EXPECTED" | wc -l | tr -d ' ') tables, $(echo "$EXPECTED" | awk -F '\t' '{ s += $2 } END { print s }') rows, $FILES uploaded files"
