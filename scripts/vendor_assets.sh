#!/bin/sh
# Vendor the Czech government design system (EUPL-1.2) and htmx into static files.
# Reproducible: pinned versions from the npm registry; the output is committed, so the
# start command needs no Node.js. Re-run after changing a version below.
set -eu
GOV_STYLES=4.2.7
GOV_FONTS=0.0.2
GOV_ICONS=0.2.3
HTMX=2.0.11

cd "$(dirname "$0")/.."
out=backend/web/static/vendor
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm init -y >/dev/null && npm install --silent --no-audit --no-fund \
    "@gov-design-system-ce/styles@$GOV_STYLES" "@gov-design-system-ce/fonts@$GOV_FONTS" \
    "@gov-design-system-ce/icons@$GOV_ICONS" "htmx.org@$HTMX")
src="$tmp/node_modules"
rm -rf "$out/gov" "$out/htmx"
mkdir -p "$out/gov/css" "$out/gov/fonts" "$out/gov/icons" "$out/htmx"
for sheet in tokens styles layout components; do
    cp "$src/@gov-design-system-ce/styles/lib/html/$sheet.css" "$out/gov/css/"
done
cp "$src/@gov-design-system-ce/fonts/lib/roboto.css" "$src"/@gov-design-system-ce/fonts/lib/roboto-*.woff2 \
    "$out/gov/fonts/"
cp "$src"/@gov-design-system-ce/icons/lib/components/*.svg "$out/gov/icons/"
cp "$src/htmx.org/dist/htmx.min.js" "$out/htmx/"
cat > "$out/VERSIONS" <<VERSIONS
@gov-design-system-ce/styles $GOV_STYLES (EUPL-1.2)
@gov-design-system-ce/fonts $GOV_FONTS (EUPL-1.2)
@gov-design-system-ce/icons $GOV_ICONS (EUPL-1.2)
htmx.org $HTMX (0BSD)
VERSIONS
echo "vendored into $out"
