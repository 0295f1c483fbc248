#!/usr/bin/env bash
# Shows a production install from the release archive (`npm run pack:server`): unpacked in an
# empty directory, installed with `npm ci --omit=dev` (so no TypeScript, tsx or esbuild), and
# started with `npx snag-server serve`. It checks that the health check answers and that a
# report can be filed through the API, then stops the server.
#
#   npm run pack:server -- /tmp/snag-server.tgz
#   bash scripts/production-install.sh /tmp/snag-server.tgz
set -euo pipefail
archive=$(realpath "${1:?usage: scripts/production-install.sh ARCHIVE.tgz}")
work=$(mktemp -d)
trap 'kill "${pid:-}" 2>/dev/null || true; rm -rf "$work"' EXIT

tar -xzf "$archive" -C "$work"
cd "$work"/snag-server-*
echo "▶ npm ci --omit=dev in $(pwd)"
npm ci --omit=dev --no-audit --no-fund
for tool in typescript tsx esbuild vite; do
  if [ -e "node_modules/$tool" ]; then
    echo "✗ $tool was installed by a production install" >&2
    exit 1
  fi
done
echo "✓ no TypeScript compiler, tsx, esbuild or Vite installed"

export SNAG_DATA_DIR="$work/data" PORT=0 HOST=127.0.0.1 SNAG_NO_FIRST_ADMIN=1
token=$(npx snag-server user add --name "Install check" --role reporter --json |
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).token))')
echo "✓ user add printed a token"

npx snag-server serve >"$work/serve.log" 2>&1 &
pid=$!
for _ in $(seq 1 100); do
  url=$(grep -oE 'listening on http://[0-9.:]+' "$work/serve.log" | sed 's/listening on //' || true)
  [ -n "$url" ] && break
  sleep 0.2
done
[ -n "$url" ] || { cat "$work/serve.log"; exit 1; }
echo "✓ serving on $url"

health=$(curl -fsS "$url/api/v1/health")
echo "✓ GET /api/v1/health → $health"

id=$(node -e 'const h=[...crypto.getRandomValues(new Uint8Array(16))].map(b=>b.toString(16).padStart(2,"0")).join("");const t=Date.now().toString(16).padStart(12,"0");console.log(`${t.slice(0,8)}-${t.slice(8,12)}-7${h.slice(1,4)}-${(8|parseInt(h[4],16)&3).toString(16)}${h.slice(5,8)}-${h.slice(8,20)}`)')
now=$(date -u +%Y-%m-%dT%H:%M:%S.000Z)
report=$(cat <<JSON
{"id":"$id","schemaVersion":1,"createdAt":"$now","updatedAt":"$now",
 "page":{"url":"https://www.example-council.gov.uk/bins/apply","title":"Report a missed bin","service":""},
 "problems":[{"kind":"hard-to-use","usabilityCategories":["too-many-steps"]}],
 "whoIsAffected":"residents","frequency":"daily","trying":"Report a missed bin",
 "whatHappened":"The form timed out.","annotations":[],
 "environment":{"browser":"Chrome","version":"130","os":"Linux","viewport":{"width":1280,"height":800},"language":"en-GB","extensionVersion":"0.1.0"}}
JSON
)
status=$(curl -sS -o "$work/put.json" -w '%{http_code}' -X PUT "$url/api/v1/reports/$id" \
  -H "authorization: Bearer $token" -H 'content-type: application/json' --data "$report")
[ "$status" = 201 ] || { echo "✗ PUT /reports answered $status: $(cat "$work/put.json")" >&2; exit 1; }
echo "✓ PUT /api/v1/reports/$id → 201, serverSeq $(node -e 'console.log(require(process.argv[1]).serverSeq)' "$work/put.json")"
kill "$pid"
wait "$pid" || true
echo "✓ production install works"
