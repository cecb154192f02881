#!/usr/bin/env bash
# Every test armsgraph has: Rust unit/integration/snapshot tests, the export checks with real
# consumers (networkx, followthemoney), and the browser tests in headless Chromium.
# Installs what it needs (Python packages, Debian tesseract-ocr and poppler-utils for OCR, Debian
# postgresql for the PostgreSQL store's tests, Debian chromium, npm packages) when missing, so
# it works on a fresh machine.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! python3 -c "import networkx, followthemoney" 2>/dev/null; then
    echo "== installing Python consumers for the export checks (networkx, followthemoney)"
    python3 -m pip install --quiet --disable-pip-version-check networkx==3.6.1 followthemoney==4.11.2
fi

# OCR of scanned leaks: tesseract with the languages armsgraph reads, and pdftoppm to
# rasterise scanned PDF pages (the OCR tests fail in CI without them, never skip).
ocr_languages_present() {
    local langs
    langs="$(tesseract --list-langs 2>/dev/null)" || return 1
    for l in deu eng rus ukr; do
        grep -qx "$l" <<<"$langs" || return 1
    done
}
if ! command -v pdftoppm >/dev/null || ! ocr_languages_present; then
    echo "== installing OCR programs (tesseract-ocr with deu/eng/rus/ukr, poppler-utils)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq tesseract-ocr tesseract-ocr-deu tesseract-ocr-eng \
        tesseract-ocr-rus tesseract-ocr-ukr poppler-utils >/dev/null
fi

# The PostgreSQL store's tests (store, CLI) run against a throwaway cluster started here as
# an unprivileged user (Debian's postgresql installed when missing), unless ARMSGRAPH_TEST_PG
# already names a server; stopped and removed on exit.
if [ -z "${ARMSGRAPH_TEST_PG:-}" ]; then
    echo "== starting a throwaway PostgreSQL cluster"
    # An assignment, so that a cluster that cannot start stops the run (set -e).
    pg_env="$(bash scripts/pg-cluster.sh start)"
    eval "$pg_env"
    trap 'bash scripts/pg-cluster.sh stop "$PG_CLUSTER_DIR"' EXIT
    echo "   ARMSGRAPH_TEST_PG=$ARMSGRAPH_TEST_PG"
fi
export ARMSGRAPH_TEST_PG

echo "== cargo test"
cargo test --workspace --locked --no-fail-fast

# The store-backed tests of the web app, the CLI and the analysis crate again, each test on a
# fresh PostgreSQL schema: one switch for the whole run (ARMSGRAPH_TEST_STORE, read by
# crates/store/tests/common/test_store.rs). Not again: the store's own tests and the CLI's
# postgres*.rs (they run each scenario on both stores above), team_server.rs (PostgreSQL
# only) and the binaries that touch no store. A new store-backed test file goes in this list.
pg_tests=(
    # crates/server/tests
    accounts api corrections hardening security
    # crates/cli/tests (accounts above too)
    demo_filters export_gexf fetch import_copies ingest leaks worker
    # crates/analysis/tests (corrections above too)
    alerts imports pair_facts queries_exports seed_end_to_end views_upgrade
)
echo "== store-backed tests on PostgreSQL"
ARMSGRAPH_TEST_STORE=postgres cargo test --workspace --locked --no-fail-fast \
    --exclude armsgraph-store "${pg_tests[@]/#/--test=}"

echo "== browser tests"
# The binary `cargo test` built for the CLI tests (the same sources and profile).
ARMSGRAPH_BIN="${CARGO_TARGET_DIR:-$PWD/target}/debug/armsgraph" bash scripts/browser-tests.sh
