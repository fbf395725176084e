#!/usr/bin/env bash
# Start the web server and the background task worker together; Ctrl-C (or either one stopping)
# stops both.
set -uo pipefail
cd "$(dirname "$0")/.."
PORT="${PORT:-8000}"
.venv/bin/python manage.py db_worker --queue-name default &
worker=$!
.venv/bin/python manage.py runserver "127.0.0.1:${PORT}" &
server=$!
stop() {
  trap - INT TERM EXIT
  kill -TERM "$worker" "$server" 2>/dev/null
  wait "$worker" "$server" 2>/dev/null
  echo "Đã dừng máy chủ web và tiến trình nền."
}
trap stop INT TERM EXIT
echo "Máy chủ web: http://127.0.0.1:${PORT}/  —  trang quản trị: http://127.0.0.1:${PORT}/quan-tri/  (Ctrl-C để dừng)"
wait -n "$worker" "$server"
