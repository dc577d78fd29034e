#!/usr/bin/env bash
# Install Debian's chromium for tests/test_browser.py when /usr/bin/chromium is missing.
# Idempotent and quiet: does nothing when chromium is already there. Needs root (or sudo).
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        SUDO="sudo"
    else
        echo "install-browser.sh: /usr/bin/chromium is missing and this is not root (no sudo)" >&2
        exit 1
    fi
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
$SUDO apt-get install -y -qq chromium >/dev/null

if [ ! -x /usr/bin/chromium ]; then
    echo "install-browser.sh: apt-get installed chromium but /usr/bin/chromium is missing" >&2
    exit 1
fi
