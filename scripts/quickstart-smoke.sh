#!/usr/bin/env bash
# Runs the README's quick start as a newcomer would, on a throw-away PGlite data directory:
# db:migrate, seed:demo, admin:grant, npm start, then a real sign-in, GET /v1/me, a quote, the demo orders, and
# booking one with a sandbox courier, its label PDF and its public tracking over HTTP.
set -euo pipefail
cd "$(dirname "$0")/.."
data=$(mktemp -d)
port=3917
export PGLITE_DATA_DIR="$data/pglite" PORT=$port QUEUE_PREFIX="smoke-$$" LOG_LEVEL=warn
api=""
stop_api() {
  # npm start runs node as a child: signal the whole process group, then wait for a graceful exit.
  if [ -n "$api" ]; then kill -TERM -- "-$api" 2>/dev/null || true; for _ in $(seq 1 30); do kill -0 -- "-$api" 2>/dev/null || break; sleep 0.5; done; kill -KILL -- "-$api" 2>/dev/null || true; fi
  rm -rf "$data"
}
trap stop_api EXIT

npm run --silent db:migrate
npm run --silent seed:demo
npm run --silent admin:grant -- admin@shipcrowd.local
setsid npm start --silent > "$data/api.log" 2>&1 &
api=$!
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 1; done
curl -sf "http://127.0.0.1:$port/docs/openapi.json" >/dev/null
token=$(curl -sf -X POST "http://127.0.0.1:$port/v1/auth/login" -H 'content-type: application/json' \
  -d '{"email":"demo@shipcrowd.local","password":"demo-password-2026"}' | node -e "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>process.stdout.write(JSON.parse(s).accessToken))")
me=$(curl -sf "http://127.0.0.1:$port/v1/me" -H "authorization: Bearer $token")
echo "$me" | grep -q '"email":"demo@shipcrowd.local"' || { echo "GET /v1/me did not return the demo user: $me"; exit 1; }
quote=$(curl -sf -X POST "http://127.0.0.1:$port/v1/rates/quote" -H "authorization: Bearer $token" -H 'content-type: application/json' \
  -d '{"originPincode":"560058","destinationPincode":"400001","paymentMode":"cod","codAmountPaise":129900,"weightGrams":700,"dimensionsCm":{"length":30,"breadth":20,"height":8}}')
echo "$quote" | node -e "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>{const q=JSON.parse(s);if(!(q.options.length>=10&&q.recommended))process.exit(1)})" \
  || { echo "POST /v1/rates/quote did not quote the sandbox couriers: $quote"; exit 1; }
orders=$(curl -sf "http://127.0.0.1:$port/v1/orders?q=DEMO-1001" -H "authorization: Bearer $token")
echo "$orders" | grep -q '"orderNumber":"DEMO-1001"' || { echo "GET /v1/orders did not list the demo order: $orders"; exit 1; }
order_id=$(echo "$orders" | node -e "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>process.stdout.write(JSON.parse(s).items[0].id))")
booked=$(curl -sf -X POST "http://127.0.0.1:$port/v1/shipments" -H "authorization: Bearer $token" -H 'content-type: application/json' -d "{\"orderId\":\"$order_id\"}") \
  || { echo "POST /v1/shipments did not book the demo order"; tail -20 "$data/api.log"; exit 1; }
shipment_id=$(echo "$booked" | node -e "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>process.stdout.write(JSON.parse(s).shipmentId))")
awb=$(echo "$booked" | node -e "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>process.stdout.write(JSON.parse(s).awb))")
curl -sf "http://127.0.0.1:$port/v1/shipments/$shipment_id/label" -H "authorization: Bearer $token" -o "$data/label.pdf"
head -c 5 "$data/label.pdf" | grep -q '%PDF-' || { echo "GET /v1/shipments/{id}/label did not answer a PDF"; exit 1; }
curl -sf "http://127.0.0.1:$port/v1/tracking/$awb" | grep -q "\"awb\":\"$awb\"" || { echo "GET /v1/tracking/$awb did not track the booked AWB"; exit 1; }
echo "quick start smoke: db:migrate, seed, admin:grant, npm start, sign-in, GET /v1/me, a sandbox quote, the demo orders, a booking, its label PDF and public tracking all work"
