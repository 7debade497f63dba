#!/usr/bin/env bash
# Serves the demo: the app (www/app, http://127.0.0.1:8080) and the local mock of the Anon
# platform, started with its command (www/mock/cli.mjs, `anon-modal-mock`) on
# http://localhost:8081. The demo itself needs no npm package.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
exec node "$root/www/demo.mjs"
