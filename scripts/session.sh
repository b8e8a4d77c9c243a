#!/usr/bin/env bash
# Runs a command inside a throwaway desktop session: its own D-Bus session
# bus, an unlocked gnome-keyring Secret Service whose files live in a
# temporary folder, and (with --display) an Xvfb screen. Nothing touches the
# person's own keyring, and every daemon ends with the command.
#
#   scripts/session.sh [--display] COMMAND [ARGS...]
set -euo pipefail

if [[ "${1:-}" == "--display" ]]; then
  shift
  export HOUSING_DESK_SESSION_DISPLAY=1
fi

if [[ -z "${HOUSING_DESK_IN_SESSION:-}" ]]; then
  export HOUSING_DESK_IN_SESSION=1
  exec dbus-run-session -- "$0" "$@"
fi

scratch=$(mktemp -d -t housing-desk-session.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$scratch"
}
trap cleanup EXIT

# gnome-keyring keeps its keyrings under $XDG_DATA_HOME/keyrings.
export XDG_DATA_HOME="$scratch/data"
export XDG_RUNTIME_DIR="$scratch/run"
mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
eval "$(echo -n throwaway | gnome-keyring-daemon --unlock --components=secrets --daemonize)"
export GNOME_KEYRING_CONTROL

if [[ -n "${HOUSING_DESK_SESSION_DISPLAY:-}" ]]; then
  display=":$((90 + RANDOM % 400))"
  Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >"$scratch/xvfb.log" 2>&1 &
  pids+=($!)
  export DISPLAY="$display"
  for _ in $(seq 50); do
    xdpyinfo -display "$display" >/dev/null 2>&1 && break
    sleep 0.1
  done
fi

"$@"
