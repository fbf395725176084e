#!/usr/bin/env bash
# Start the web server and the background task worker together; Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${PORT:-8000}"
.venv/bin/python manage.py db_worker --queue-name default &
worker=$!
trap 'kill "$worker" 2>/dev/null || true; wait "$worker" 2>/dev/null || true' EXIT INT TERM
echo "Máy chủ web: http://127.0.0.1:${PORT}/  —  trang quản trị: http://127.0.0.1:${PORT}/quan-tri/  (Ctrl-C để dừng)"
.venv/bin/python manage.py runserver "127.0.0.1:${PORT}"
