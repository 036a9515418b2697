#!/usr/bin/env bash
# Generates the next migration from every context's Drizzle schema (drizzle-kit), one at a time.
# Usage: npm run db:generate -- <name>
set -euo pipefail
cd "$(dirname "$0")/.."
name="${1:-change}"
exec 9>/tmp/shipcrowd-db-generate.lock
flock 9
npx drizzle-kit generate --name "$name"
