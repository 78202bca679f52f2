#!/bin/bash
# Creates the `yorisoi` role and database next to Temporal's databases.
#
# The postgres image runs this once, when its data volume is empty. It is idempotent, so on an
# existing volume it can be run by hand:
#   docker compose exec postgresql bash /docker-entrypoint-initdb.d/10-create-yorisoi-db.sh
#
# The app connects as `yorisoi`, which owns only its own database (not a superuser), so it
# cannot touch Temporal's `temporal` and `temporal_visibility` databases.
set -euo pipefail

: "${YORISOI_DB_PASSWORD:?YORISOI_DB_PASSWORD must be set (see .env.example)}"
psql -v ON_ERROR_STOP=1 --username "${POSTGRES_USER:-postgres}" --dbname postgres \
  --set=app_password="$YORISOI_DB_PASSWORD" <<'SQL'
SELECT format('CREATE ROLE yorisoi LOGIN PASSWORD %L', :'app_password')
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'yorisoi')\gexec
SELECT 'CREATE DATABASE yorisoi OWNER yorisoi'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'yorisoi')\gexec
SQL

# The first migration runs CREATE EXTENSION IF NOT EXISTS pgcrypto; create it here as superuser
# so that statement is a no-op for the unprivileged owner.
psql -v ON_ERROR_STOP=1 --username "${POSTGRES_USER:-postgres}" --dbname yorisoi \
  -c 'CREATE EXTENSION IF NOT EXISTS pgcrypto'

echo "database yorisoi (owner yorisoi) is ready"
