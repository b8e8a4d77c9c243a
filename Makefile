# Housing Desk. On a fresh Debian or Ubuntu machine (as root, or with sudo):
#   make run    install what is missing, build, and open the app
#   make test   install what is missing and run every test
# Other targets: make app, make package, make package-figures, make bench, make bindings, make icons, make clean.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
CARGO_BIN := $(HOME)/.cargo/bin
export PATH := $(CARGO_BIN):$(PATH)

# What the app needs from the system: WebKitGTK for the window, SQLCipher's
# libcrypto, the keyring service, and for the tests a virtual screen, the
# WebDriver for WebKitGTK, xdotool to answer native save dialogs, PDF tools
# and ImageMagick for screenshots.
APT_PACKAGES := libwebkit2gtk-4.1-dev build-essential pkg-config libssl-dev \
	libayatana-appindicator3-dev librsvg2-dev xvfb x11-utils xdotool webkit2gtk-driver dbus-x11 \
	gnome-keyring poppler-utils imagemagick

APP := target/debug/housing-desk
HDESK := target/debug/hdesk
# The program's shared calculation cases live beside this repository.
SHARED_DIR ?= $(abspath ../shared)

.PHONY: help deps system-deps node-deps tauri-driver ui app run package package-figures test test-rust test-ui test-acceptance test-e2e bench bindings icons clean

help:
	@sed -n '1,4p' Makefile | sed 's/^# \{0,1\}//'

## Installing what is missing ---------------------------------------------

deps: system-deps node-deps

system-deps:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing system packages:" $$missing; \
	  $(SUDO) apt-get update -qq; \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi
	@command -v python3 >/dev/null || { $(SUDO) apt-get update -qq; DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq python3 >/dev/null; }
	@command -v cargo >/dev/null || { echo "Rust is missing: install it with rustup (https://rustup.rs), then run make again."; exit 1; }
	@node_ok() { command -v node >/dev/null && node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)'; }; \
	if ! node_ok; then \
	  echo "Installing Node.js and npm"; $(SUDO) apt-get update -qq; DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq nodejs npm >/dev/null; \
	  node_ok || { echo "Node.js 20.19 or newer is needed (found $$(node --version 2>/dev/null || echo none))."; exit 1; }; \
	fi

node-deps: ui/node_modules/.installed tests/e2e/node_modules/.installed

%/node_modules/.installed: %/package.json %/package-lock.json
	cd $* && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

tauri-driver:
	@command -v tauri-driver >/dev/null || cargo install tauri-driver --version '^2' --locked

## Building -----------------------------------------------------------------

ui: node-deps
	npm --prefix ui run build --silent

# The binaries serve the built UI from inside themselves (the default
# custom-protocol feature), so ui/dist must exist before any cargo build.
app: system-deps ui
	cargo build --locked -p housing-desk --bins

run: app
	$(APP)

# The installable app: Tauri's bundler (the CLI is in ui's devDependencies)
# builds the UI (beforeBuildCommand), the release binaries with the
# custom-protocol feature, and the .deb with both binaries, the icons and
# the desktop entry (src-tauri/tauri.conf.json, bundle). The two paths tell
# the CLI which folder is the frontend: it would otherwise take the first
# package.json it finds, tests/e2e's.
# The bundler names the file after the product ("Housing Desk_..."); it is
# renamed after the package, as Debian names its files.
VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' src-tauri/Cargo.toml | head -1)
ARCH := $(shell dpkg --print-architecture 2>/dev/null || echo amd64)
DEB := target/release/bundle/deb/housing-desk_$(VERSION)_$(ARCH).deb

package: system-deps node-deps
	rm -f target/release/bundle/deb/*.deb
	TAURI_APP_PATH=src-tauri TAURI_FRONTEND_PATH=ui ui/node_modules/.bin/tauri build -- --locked
	mv "target/release/bundle/deb/Housing Desk_$(VERSION)_$(ARCH).deb" $(DEB)
	@echo "The package: $(CURDIR)/$(DEB) ($$(du -h $(DEB) | cut -f1)). Install it with: sudo apt install ./$(DEB)"

# The size of the package `make package` built and the running app's
# memory, into docs/package-figures.md and docs/benchmarks.md.
package-figures: system-deps node-deps tauri-driver
	@test -f $(DEB) || { echo "No package at $(DEB): run make package first."; exit 1; }
	scripts/measure-package.sh $(DEB)

## Testing ------------------------------------------------------------------

test: deps tauri-driver test-rust test-ui test-acceptance test-e2e

# Rust unit and integration tests, inside a throwaway keyring session.
test-rust: system-deps ui
	scripts/session.sh cargo test --workspace --locked

test-ui: node-deps
	cd ui && npm run --silent check
	cd ui && npm test --silent

# Every calculation case, the program's shared ones and ours at the edges,
# through `hdesk calc` (the contract in $(SHARED_DIR)/acceptance/FORMAT.md).
test-acceptance: app
	@test -f $(SHARED_DIR)/acceptance/check.py || { echo "No calculation cases at $(SHARED_DIR)/acceptance: set SHARED_DIR."; exit 1; }
	python3 $(SHARED_DIR)/acceptance/check.py --calc "$(CURDIR)/$(HDESK) calc" $(SHARED_DIR)/acceptance/cases tests/acceptance/cases

test-e2e: app tauri-driver
	tests/e2e/run.sh

## Other --------------------------------------------------------------------

bench: system-deps ui
	cargo bench --locked --bench store

# Rewrites ui/src/lib/bindings from the Rust types.
bindings:
	UPDATE_BINDINGS=1 cargo test --lib bindings

# Makes the icon set from icons/source.png.
icons: node-deps
	cd ui && npx --yes @tauri-apps/cli@2 icon ../icons/source.png -o ../icons && rm -rf ../icons/android ../icons/ios

clean:
	cargo clean
	rm -rf ui/dist ui/node_modules tests/e2e/node_modules
