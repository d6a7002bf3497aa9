#!/usr/bin/env bash
# Installs the Debian packages the test suite needs (private servers, browser, Java for the
# second XSD validator, pika for the foreign AMQP client test). Idempotent; quiet when all present.
set -euo pipefail

need=()
[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || need+=(rabbitmq-server)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
/usr/bin/python3 -c 'import pika' >/dev/null 2>&1 || need+=(python3-pika)  # Debian's python, as the pika test uses

if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" != "0" ]; then
  echo "The test suite needs these Debian packages: ${need[*]}" >&2
  echo "Install them as root, then run the tests again:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y ${need[*]}" >&2
  exit 1
fi

echo "provisioning Debian packages: ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/tmp/tps-provision.log 2>&1 || {
  tail -n 30 /tmp/tps-provision.log >&2
  exit 1
}
echo "provisioned."
