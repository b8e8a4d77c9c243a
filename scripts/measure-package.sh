#!/usr/bin/env bash
# Measures the installable app and writes the figures to
# docs/package-figures.md, then into docs/benchmarks.md in place of the
# previous ones (the bench writer, src-tauri/benches/store.rs, appends the
# same file, so each keeps the other's figures).
#
#   scripts/measure-package.sh [PATH/TO/housing-desk_VERSION_ARCH.deb]
#
# The figures: the .deb's size, the binaries' sizes, and the memory of the
# running app (each process's VmRSS and its proportional share, Pss, for the
# app and its WebKit children), a few seconds after it opens on the setup
# screen and after signing in to an office set up in a throwaway data folder.
# The package is unpacked into a temporary folder, not installed; the
# binaries are the same files an installation puts in /usr/bin. Runs in a
# throwaway session (scripts/session.sh): its own keyring and virtual screen.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

if [[ -z "${HOUSING_DESK_IN_SESSION:-}" ]]; then
  exec "$root/scripts/session.sh" --display "$0" "$@"
fi

deb=${1:-$(ls -t "$root"/target/release/bundle/deb/*.deb 2>/dev/null | head -1)}
[[ -f "$deb" ]] || { echo "measure-package: no .deb (run make package first)"; exit 1; }
SETTLE=${HOUSING_DESK_SETTLE_SECONDS:-8}
shots=${HOUSING_DESK_SCREENSHOTS:-$root/target/package-figures}
out="$root/docs/package-figures.md"
mkdir -p "$shots"

work=$(mktemp -d -t housing-desk-package.XXXXXX)
app_pid=""
driver_pid=""
node_pid=""
cleanup() {
  [[ -n "$app_pid" ]] && kill "$app_pid" 2>/dev/null || true
  [[ -n "$node_pid" ]] && kill "$node_pid" 2>/dev/null || true
  [[ -n "$driver_pid" ]] && kill "$driver_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

dpkg-deb -x "$deb" "$work/root"
app="$work/root/usr/bin/housing-desk"
hdesk="$work/root/usr/bin/hdesk"
[[ -x "$app" ]] || { echo "measure-package: $deb has no usr/bin/housing-desk"; exit 1; }
export GTK_USE_PORTAL=0 NO_AT_BRIDGE=1 WEBKIT_DISABLE_COMPOSITING_MODE=1

# Every process under $1 (itself included), one pid a line.
descendants() {
  local todo=("$1") pid child
  while ((${#todo[@]})); do
    pid=${todo[0]}
    todo=("${todo[@]:1}")
    echo "$pid"
    for child in $(cat /proc/"$pid"/task/*/children 2>/dev/null); do todo+=("$child"); done
  done
}

# One table row per process of the tree under $2 and a total, for the
# moment named $1: "| moment | process | RSS MiB | Pss MiB |".
memory_rows() {
  local moment=$1 pid name rss pss total_rss=0 total_pss=0
  for pid in $(descendants "$2"); do
    name=$(tr '\0' '\n' <"/proc/$pid/cmdline" 2>/dev/null | head -1) || continue
    name=${name##*/}
    rss=$(awk '/^VmRSS:/ {print $2}' /proc/"$pid"/status 2>/dev/null)
    pss=$(awk '/^Pss:/ {print $2}' /proc/"$pid"/smaps_rollup 2>/dev/null)
    [[ -n "$rss" && -n "$pss" ]] || continue
    total_rss=$((total_rss + rss))
    total_pss=$((total_pss + pss))
    echo "| $moment | $name | $(mib_kb "$rss") | $(mib_kb "$pss") |"
  done
  echo "| $moment | **all of them** | **$(mib_kb "$total_rss")** | **$(mib_kb "$total_pss")** |"
}

mib_kb() { awk -v kb="$1" 'BEGIN { printf "%.1f MiB", kb / 1024 }'; }
mib_bytes() { awk -v b="$1" 'BEGIN { printf "%.2f MiB", b / 1048576 }'; }

# The window's X id, once it is mapped.
wait_for_window() {
  for _ in $(seq 150); do
    xdotool search --onlyvisible --name '^Housing Desk$' 2>/dev/null | head -1 | grep . && return 0
    sleep 0.2
  done
  echo "measure-package: the window never appeared" >&2
  return 1
}

# 1. A first start: the setup screen, on an empty data folder.
export HOUSING_DESK_DATA_DIR="$work/first"
export HOUSING_DESK_DOCUMENTS_DIR="$work/documents"
"$app" >"$work/app-first.log" 2>&1 &
app_pid=$!
wait_for_window >/dev/null
sleep "$SETTLE"
kill -0 "$app_pid" || { echo "measure-package: the app ended:"; cat "$work/app-first.log"; exit 1; }
setup_rows=$(memory_rows "Setup screen" "$app_pid")
import -window root "$shots/setup.png"
kill "$app_pid"
wait "$app_pid" 2>/dev/null || true
app_pid=""

# 2. Signed in: tauri-driver starts the same binary, sets an office up and
# signs in (tests/e2e/support/signed-in.mjs), then this script measures the
# app while the home page shows.
signed_rows=""
signed_note="Signed in: not measured (tauri-driver or tests/e2e/node_modules missing; make node-deps tauri-driver)."
if command -v tauri-driver >/dev/null && [[ -d "$root/tests/e2e/node_modules" ]]; then
  export HOUSING_DESK_DATA_DIR="$work/office"
  # Ports of our own, away from the end-to-end tests' 4444 and 4445.
  export TAURI_DRIVER_PORT=$((4500 + 2 * (RANDOM % 200)))
  tauri-driver --port "$TAURI_DRIVER_PORT" --native-port $((TAURI_DRIVER_PORT + 1)) >"$work/driver.log" 2>&1 &
  driver_pid=$!
  for _ in $(seq 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$TAURI_DRIVER_PORT") 2>/dev/null && break
    sleep 0.1
  done
  mkfifo "$work/signed-in" "$work/measured"
  HOUSING_DESK_APP="$app" node "$root/tests/e2e/support/signed-in.mjs" "$work/signed-in" "$work/measured" \
    >"$work/node.log" 2>&1 &
  node_pid=$!
  read -r status <"$work/signed-in" || status=failed
  if [[ "$status" == "signed in" ]]; then
    sleep "$SETTLE"
    pid=""
    for p in $(descendants "$driver_pid"); do
      [[ "$(cat /proc/"$p"/comm 2>/dev/null)" == housing-desk ]] && { pid=$p; break; }
    done
    [[ -n "$pid" ]] || { echo "measure-package: no app under tauri-driver"; exit 1; }
    signed_rows=$(memory_rows "Signed in, home page" "$pid")
    import -window root "$shots/signed-in.png"
    signed_note="Signed in: an office set up in a fresh data folder (no participants yet), the administrator signed in through tauri-driver (WebDriver) and the home page showing."
    echo done >"$work/measured"
  fi
  wait "$node_pid" || { echo "measure-package: signing in failed:"; cat "$work/node.log"; exit 1; }
  node_pid=""
  kill "$driver_pid" 2>/dev/null || true
  wait "$driver_pid" 2>/dev/null || true
  driver_pid=""
fi

# The figures.
deb_bytes=$(stat -c %s "$deb")
app_bytes=$(stat -c %s "$app")
hdesk_bytes=$([[ -f "$hdesk" ]] && stat -c %s "$hdesk" || echo 0)
installed_kb=$(dpkg-deb -f "$deb" Installed-Size)
version=$(dpkg-deb -f "$deb" Version)
profile=$(awk '/^\[profile\.release\]/ {on=1; next} /^\[/ {on=0} on && /=/ {sub(/ *#.*/, ""); printf "%s%s", sep, $0; sep=", "}' "$root/Cargo.toml")
cpu=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)
mem=$(awk '/^MemTotal:/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo)
webkit=$(dpkg-query -W -f='${Version}' libwebkit2gtk-4.1-0 2>/dev/null || echo unknown)

{
  echo "<!-- The installable app: written by scripts/measure-package.sh (make package-figures). -->"
  echo "## The installable app"
  echo
  echo "Written by \`make package-figures\` (\`scripts/measure-package.sh\`) from the package \`make package\` built. Do not edit by hand."
  echo
  echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "- Machine: $cpu, $(nproc) cores, $mem, $(uname -s | tr 'A-Z' 'a-z') $(uname -m); WebKitGTK $webkit"
  echo "- Release profile: ${profile:-the defaults}"
  echo
  echo "| What | Size |"
  echo "|---|---|"
  echo "| The package, \`$(basename "$deb")\` (version $version) | $deb_bytes bytes ($(mib_bytes "$deb_bytes")) |"
  echo "| Installed (the package's Installed-Size) | $((installed_kb * 1024)) bytes ($(mib_kb "$installed_kb")) |"
  echo "| \`/usr/bin/housing-desk\`, the window | $app_bytes bytes ($(mib_bytes "$app_bytes")) |"
  echo "| \`/usr/bin/hdesk\`, the command line | $hdesk_bytes bytes ($(mib_bytes "$hdesk_bytes")) |"
  echo
  echo "Memory of the running app, $SETTLE s after each screen appeared, on a virtual screen (Xvfb, 1280×800)."
  echo "RSS counts the shared libraries (WebKitGTK above all) whole in every process that maps them, so the"
  echo "RSS total counts them up to three times. Pss divides each page among all the processes on the machine"
  echo "that map it, so it is lower when other WebKitGTK programs run beside the app. What the app adds to a"
  echo "machine lies between the two totals."
  echo "Setup screen: the first start, on an empty data folder. $signed_note"
  echo
  echo "| When | Process | RSS | Pss |"
  echo "|---|---|---|---|"
  echo "$setup_rows"
  if [[ -n "$signed_rows" ]]; then echo "$signed_rows"; fi
} >"$out"

# Into docs/benchmarks.md, in place of the figures written before.
bench="$root/docs/benchmarks.md"
marker=$(head -1 "$out")
if [[ -f "$bench" ]]; then
  awk -v m="$marker" '$0 == m {exit} {line[++n] = $0}
    END {while (n && line[n] == "") n--; for (i = 1; i <= n; i++) print line[i]}' "$bench" >"$work/bench.md"
  { cat "$work/bench.md"; echo; cat "$out"; } >"$bench"
else
  cp "$out" "$bench"
fi
cat "$out"
echo "Screenshots: $shots/setup.png $shots/signed-in.png"
