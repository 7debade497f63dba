#!/usr/bin/env bash
# Serves the demo: the app (www/app) and the local mock of the Anon platform (www/mock).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root/www"
[ -d node_modules ] || npm ci --no-fund --no-audit --loglevel=error
exec node demo.mjs
