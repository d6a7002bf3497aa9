#!/bin/sh
# Creates one database and one login role per TPS component (directory, core, agr, dso), each
# owning only its own database: separate migrations, least privilege (NF3), and the same layout
# in docker compose (docker-entrypoint-initdb.d) and Kubernetes (kubernetes/base/postgres.yaml,
# which carries an identical copy — a test keeps them equal).
# Reads POSTGRES_USER and TPS_<COMPONENT>_DB_PASSWORD; runs once, on an empty data folder.
set -eu

create() {
  name="$1"
  password="$2"
  psql -v ON_ERROR_STOP=1 --username "${POSTGRES_USER:-postgres}" --dbname postgres \
    --set=name="$name" --set=password="$password" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', :'name', :'password')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'name') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'name', :'name')
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'name') \gexec
SELECT format('REVOKE ALL ON DATABASE %I FROM PUBLIC', :'name') \gexec
SQL
}

create tps_directory "$TPS_DIRECTORY_DB_PASSWORD"
create tps_core "$TPS_CORE_DB_PASSWORD"
create tps_agr "$TPS_AGR_DB_PASSWORD"
create tps_dso "$TPS_DSO_DB_PASSWORD"
