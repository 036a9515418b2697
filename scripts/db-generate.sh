#!/usr/bin/env bash
# Generates the next migration of one context's stream from its Drizzle schema (drizzle-kit), one at a time.
# Usage: npm run db:generate -- <context> <name>   (platform, identity, companies, audit and geo share the core stream)
set -euo pipefail
cd "$(dirname "$0")/.."
context="${1:?usage: npm run db:generate -- <context> <name>}"
name="${2:-change}"
exec 9>/tmp/shipcrowd-db-generate.lock
flock 9
DRIZZLE_CONTEXT="$context" npx drizzle-kit generate --name "$name"
