#!/bin/sh
# One-shot job (docker compose service `approve`, Kubernetes Job `tps-approve-components`):
# components enrol themselves with the component directory when they start (they create their
# keys and submit a CSR); an administrator must approve each one. This job plays that
# administrator for a fresh deployment: for every component code given as an argument it retries
# `tps directory approve CODE` until the registration is pending and the approval succeeds.
# Needs TPS_DIRECTORY_URL and TPS_ADMIN_TOKEN in the environment (a secret, never an argument).
# Usage: approve-components.sh CODE [CODE…]   — gives up after 5 minutes per code (exit 1).
# Approving an already approved component must succeed (idempotent) so that the job can re-run.
set -eu

if [ "$#" -eq 0 ]; then
  echo "usage: $0 COMPONENT_CODE [COMPONENT_CODE...]" >&2
  exit 2
fi
: "${TPS_DIRECTORY_URL:?TPS_DIRECTORY_URL must be set}"
: "${TPS_ADMIN_TOKEN:?TPS_ADMIN_TOKEN must be set}"

tps="$(dirname "$0")/../bin/tps.js"   # /app/bin/tps.js in the image
attempts_per_code=150   # × 2 s = 5 minutes for a component to start and enrol
for code in "$@"; do
  n=0
  until node "$tps" directory approve "$code"; do
    n=$((n + 1))
    if [ "$n" -ge "$attempts_per_code" ]; then
      echo "component $code did not become pending for approval in time" >&2
      exit 1
    fi
    sleep 2
  done
  echo "approved $code"
done
