#!/bin/sh
# Remakes docs/report.png, the README's picture of the HTML report: the demo audit
# rendered to HTML and photographed by headless Chromium. Run from the repository root.
set -eu
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
.venv/bin/claimcheck audit corpus/ucl-mbt-impact-case-study.txt --corpus corpus/ \
    -f html -o "$out/report.html" --no-timestamp -q
mkdir -p docs
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1280,1100 \
    --screenshot="docs/report.png" "file://$out/report.html" 2>/dev/null
echo "wrote docs/report.png"
