#!/usr/bin/env bash
# End-to-end tests of the web app in a real browser, then a bounded load test, all on
# loopback:
#   1. installs Debian's chromium when /usr/bin/chromium is missing (needs root, as in CI);
#   2. `npm ci` in tests/browser (playwright-core; no browser download);
#   3. builds `armsgraph`, creates the demo database from data/corpus/;
#   4. starts `armsgraph serve` on a free loopback port with a throw-away token;
#   5. runs tests/browser/e2e.test.mjs (screenshots → artifacts/screenshots/; every page at
#      desktop width and at 390 px: no sideways scrolling, graph labels ≥ 12 px, no
#      overlapping nodes, edge styles matching the legend, paged timeline, compact entity
#      pages) and tests/browser/load.mjs (figures → artifacts/load.json);
#   6. downloads the static and dynamic GEXF the graph page offers and reads them back with
#      networkx (skipped with a note when networkx is not installed);
#   7. stops the server. Exits non-zero when anything fails.
#
# Environment: ARMSGRAPH_PROFILE=release builds and serves an optimised binary (for load
# figures); ARMSGRAPH_BIN serves a binary already built (no build); CHROMIUM_PATH overrides
# /usr/bin/chromium.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
    echo "browser-tests: installing chromium (Debian package)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq chromium >/dev/null
fi
"$chromium" --version 2>/dev/null || true

echo "browser-tests: npm ci"
(cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)

profile="${ARMSGRAPH_PROFILE:-debug}"
if [ -n "${ARMSGRAPH_BIN:-}" ]; then
    # scripts/test.sh passes the binary its `cargo test` just built: `cargo build` resolves
    # features without the dev-dependencies and would build it (and crates under it) again.
    bin="$ARMSGRAPH_BIN"
elif [ "$profile" = "release" ]; then
    cargo build -p armsgraph --release
    bin="$root/target/release/armsgraph"
else
    cargo build -p armsgraph
    bin="$root/target/debug/armsgraph"
fi

work="$(mktemp -d)"
server_pid=""
cleanup() {
    if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

db="$work/demo.db"
echo "browser-tests: creating the demo database"
if ! "$bin" demo --db "$db" >"$work/demo.log" 2>&1; then
    cat "$work/demo.log"
    echo "browser-tests: armsgraph demo failed" >&2
    exit 1
fi

token="browser-test-$(date +%s)-$$"
echo "browser-tests: starting armsgraph serve"
ARMSGRAPH_TOKEN="$token" "$bin" serve --db "$db" --addr 127.0.0.1:0 >"$work/server.log" 2>&1 &
server_pid=$!

# The server prints its address once it listens (port 0: the system picks a free one).
url=""
for _ in $(seq 1 100); do
    url="$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$work/server.log" | head -n1 || true)"
    [ -n "$url" ] && break
    if ! kill -0 "$server_pid" 2>/dev/null; then
        cat "$work/server.log"
        echo "browser-tests: the server exited" >&2
        exit 1
    fi
    sleep 0.1
done
if [ -z "$url" ]; then
    cat "$work/server.log"
    echo "browser-tests: the server did not start" >&2
    exit 1
fi
echo "browser-tests: server at $url"

status=0
(
    cd tests/browser
    ARMSGRAPH_URL="$url" ARMSGRAPH_TOKEN="$token" CHROMIUM_PATH="$chromium" \
        node --test --test-reporter=spec e2e.test.mjs
) || status=1
(
    cd tests/browser
    ARMSGRAPH_URL="$url" node load.mjs
) || status=1

# The graph downloads, read by a consumer: the dynamic GEXF must carry time for Gephi.
for file in armsgraph.gexf armsgraph.dynamic.gexf; do
    if ! curl -sf "$url/export/$file" -o "$work/$file"; then
        echo "browser-tests: /export/$file failed" >&2
        status=1
    fi
done
if python3 -c 'import networkx' 2>/dev/null; then
    python3 - "$work/armsgraph.gexf" "$work/armsgraph.dynamic.gexf" <<'PY' || status=1
import sys
import networkx as nx

static, dynamic = (nx.read_gexf(p) for p in sys.argv[1:3])
assert static.graph.get("mode") == "static", static.graph
assert dynamic.graph.get("mode") == "dynamic", dynamic.graph
timed = [d for _, _, d in dynamic.edges(data=True) if "start" in d or "end" in d or d.get("spells")]
assert timed, "no edge of the dynamic GEXF has a time"
print(f"browser-tests: GEXF downloads read by networkx: static {static.number_of_edges()} edges, "
      f"dynamic {dynamic.number_of_edges()} edges ({len(timed)} with time)")
PY
else
    echo "browser-tests: networkx not installed; GEXF downloads not read back (pip install networkx)"
fi

if [ "$status" -ne 0 ]; then
    echo "--- server log ---"
    cat "$work/server.log"
    echo "browser-tests: FAILED" >&2
else
    echo "browser-tests: screenshots in artifacts/screenshots/, load figures in artifacts/load.json"
fi
exit "$status"
