#!/usr/bin/env bash
# What the browser test (tests/test_team_serve.py) needs beyond Python: Debian's chromium, Node.js and
# playwright-core (no browser download: Playwright drives /usr/bin/chromium). Installs what is missing
# where it can (apt as root; npm), and never fails: without them the browser test skips, saying why.
cd "$(dirname "$0")"
missing=()
for tool in chromium node npm; do command -v "$tool" >/dev/null || missing+=("$tool"); done
if [ ${#missing[@]} -gt 0 ]; then
  packages=("${missing[@]/node/nodejs}")
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "browser test: installing ${packages[*]} with apt-get" >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null) \
      || echo "browser test: apt-get could not install ${packages[*]}; the browser test will skip" >&2
  else
    echo "browser test: ${missing[*]} missing (apt-get needs root); the browser test will skip" >&2
  fi
fi
if command -v npm >/dev/null && [ ! -d node_modules/playwright-core ]; then
  npm install --no-audit --no-fund --silent >/dev/null 2>&1 \
    || echo "browser test: npm could not install playwright-core; the browser test will skip" >&2
fi
exit 0
