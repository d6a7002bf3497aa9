#!/usr/bin/env bash
# The whole test suite: provisions what it needs, then runs every mocha suite against private
# RabbitMQ/PostgreSQL instances that the harness starts and tears down itself.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/provision.sh
if [ ! -d node_modules ]; then
  npm ci --no-audit --no-fund
fi
npm run --silent test:mocha -- "$@"
