#!/usr/bin/env bash
# Copy the web app's third-party JavaScript from npm into crates/server/assets/vendor/, where the
# server embeds it (the app loads nothing from a CDN). The version is pinned by
# tests/browser/package-lock.json; run this after changing it and commit the result.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root/tests/browser"
npm ci --no-audit --no-fund
src="node_modules/cytoscape"
dst="$root/crates/server/assets/vendor"
mkdir -p "$dst"
cp "$src/dist/cytoscape.min.js" "$dst/cytoscape.min.js"
cp "$src/LICENSE" "$dst/cytoscape.LICENSE"
version="$(node -p "require('./$src/package.json').version")"
echo "cytoscape $version -> $dst"
