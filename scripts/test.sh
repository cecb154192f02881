#!/usr/bin/env bash
# Every test armsgraph has: Rust unit/integration/snapshot tests, the export checks with real
# consumers (networkx, followthemoney), and the browser tests in headless Chromium.
# Installs what it needs (Python packages, Debian chromium, npm packages) when missing, so it
# works on a fresh machine.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! python3 -c "import networkx, followthemoney" 2>/dev/null; then
    echo "== installing Python consumers for the export checks (networkx, followthemoney)"
    python3 -m pip install --quiet --disable-pip-version-check networkx==3.6.1 followthemoney==4.11.2
fi

echo "== cargo test"
cargo test --workspace --locked --no-fail-fast

echo "== browser tests"
bash scripts/browser-tests.sh
