#!/usr/bin/env bash
# Runs the end-to-end journeys against the built debug app, in a throwaway
# session (see scripts/session.sh) with a throwaway data folder.
#   tests/e2e/run.sh            (from the repository root, after `make app`)
#   tests/e2e/run.sh journeys/visits.test.mjs    (one journey)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
if [[ -z "${HOUSING_DESK_IN_SESSION:-}" ]]; then
  exec "$root/scripts/session.sh" --display "$0" "$@"
fi

export HOUSING_DESK_APP="${HOUSING_DESK_APP:-$root/target/debug/housing-desk}"
[[ -x "$HOUSING_DESK_APP" ]] || { echo "e2e: no app at $HOUSING_DESK_APP (run make app)"; exit 1; }
data=$(mktemp -d -t housing-desk-e2e.XXXXXX)
export HOUSING_DESK_DATA_DIR="$data"
export HOUSING_DESK_DOCUMENTS_DIR="$data/documents"
export TAURI_DRIVER_PORT="${TAURI_DRIVER_PORT:-4444}"
# The native WebDriver listens on the next port, so two runs at once need
# TAURI_DRIVER_PORTs at least 2 apart.
native_port=$((TAURI_DRIVER_PORT + 1))
# Quiet the desktop portals a bare session cannot start.
export GTK_USE_PORTAL=0 NO_AT_BRIDGE=1 WEBKIT_DISABLE_COMPOSITING_MODE=1

driver_log="$data/tauri-driver.log"
tauri-driver --port "$TAURI_DRIVER_PORT" --native-port "$native_port" >"$driver_log" 2>&1 &
driver=$!
cleanup() {
  kill "$driver" 2>/dev/null || true
  wait "$driver" 2>/dev/null || true
  rm -rf "$data"
}
trap cleanup EXIT
for _ in $(seq 100); do
  (exec 3<>"/dev/tcp/127.0.0.1/$TAURI_DRIVER_PORT") 2>/dev/null && break
  sleep 0.1
done

cd "$root/tests/e2e"
if ! node --test --test-concurrency=1 "${@:-journeys/}"; then
  echo "--- tauri-driver log ---"; tail -50 "$driver_log"
  exit 1
fi
