#!/bin/sh
# Vendor axe-core (MPL-2.0) for the accessibility audit of the browser tests
# (tests/browser/test_axe.py). A test asset, so it lives under tests/ and is never served.
# Reproducible: a pinned version from the npm registry; the output is committed, so the tests
# need no Node.js. Re-run after changing the version below.
set -eu
AXE_CORE=4.14.1

cd "$(dirname "$0")/.."
out=tests/browser/vendor/axe-core
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm init -y >/dev/null && npm install --silent --no-audit --no-fund \
    "axe-core@$AXE_CORE")
rm -rf "$out"
mkdir -p "$out"
cp "$tmp/node_modules/axe-core/axe.min.js" "$tmp/node_modules/axe-core/LICENSE" "$out/"
echo "axe-core $AXE_CORE (MPL-2.0)" > "$out/VERSION"
echo "vendored into $out"
