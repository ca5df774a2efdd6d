#!/bin/sh
# Installs Debian's Chromium and ChromeDriver for the browser tests, when this machine
# can (apt-get, and root or password-less sudo). Otherwise it says so, and the browser
# tests skip with the reason. Never fails the build.
if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "claimcheck: no apt-get; install Chromium and ChromeDriver to run the browser tests" >&2
    exit 0
fi
if [ "$(id -u)" = 0 ]; then SUDO=; elif sudo -n true 2>/dev/null; then SUDO="sudo -n"; else
    echo "claimcheck: not root; run: sudo apt-get install chromium chromium-driver (browser tests skip until then)" >&2
    exit 0
fi
echo "claimcheck: installing chromium and chromium-driver for the browser tests" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get install -y -q chromium chromium-driver >/dev/null 2>&1 || {
    $SUDO apt-get update -q >/dev/null 2>&1 &&
    $SUDO apt-get install -y -q chromium chromium-driver >/dev/null 2>&1
} || echo "claimcheck: could not install chromium; the browser tests will skip" >&2
exit 0
