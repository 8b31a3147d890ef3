#!/usr/bin/env bash
# Make Debian's Chromium available for the browser tests (tests/browser), driven by Playwright
# with the system executable (no browser download). Prints the executable's path on stdout;
# prints nothing (exit 0) when it cannot be had, and the browser tests then skip.
#
#   export MARSAD_CHROMIUM="$(bash .ci/chromium.sh)"
set -uo pipefail
log() { echo "chromium.sh: $*" >&2; }
find_chromium() { command -v chromium || command -v chromium-browser || true; }

exe="$(find_chromium)"
if [ -z "$exe" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  log "installing chromium from Debian's packages"
  export DEBIAN_FRONTEND=noninteractive
  { apt-get update -qq && apt-get install -y -qq chromium fonts-noto-core; } >&2 || log "apt-get failed"
  exe="$(find_chromium)"
fi
if [ -z "$exe" ]; then
  log "no Chromium here (not root or no apt): browser tests will skip"
  exit 0
fi
echo "$exe"
