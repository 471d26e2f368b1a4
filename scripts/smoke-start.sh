#!/usr/bin/env bash
# The README's first command, as a test: `npm start` on an empty data folder must load the demo
# county, answer on its port, and stop the database cleanly on SIGTERM. (npm install is what the
# gate itself just ran.)
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$(mktemp -d)
# PostgreSQL runs as its own user when we are root; it must be able to enter the folder.
chmod 755 "$dir"
log="$dir/start.log"
port=${XZ_SMOKE_PORT:-3190}
XZ_DATA_DIR="$dir/data" XZ_PG_PORT=${XZ_SMOKE_PG_PORT:-54390} PORT=$port XZ_DEMO_RESIDENTS=3000 node --import tsx scripts/start.ts > "$log" 2>&1 &
pid=$!
ok=0
for _ in $(seq 1 300); do
  if grep -q "is ready" "$log"; then ok=1; break; fi
  if ! kill -0 "$pid" 2>/dev/null; then break; fi
  sleep 1
done
status=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/login" || true)
kill -TERM "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true
cat "$log"
if [ "$ok" != 1 ] || [ "$status" != 200 ] || ! grep -q "demo county loaded" "$log" || ! grep -q "database stopped" "$log"; then
  echo "smoke: npm start did not come up, answer, load the demo and stop cleanly (login page status $status)"
  echo "0 passed, 1 failed"
  exit 1
fi
rm -rf "$dir"
echo "smoke: npm start ok (login page $status, demo loaded, database stopped cleanly)"
