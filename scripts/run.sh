#!/usr/bin/env bash
# Start the web server and the background task worker together; Ctrl-C (or either one stopping)
# stops both. Once the server answers, print the demo's addresses and accounts (what `make run`'s
# load_demo wrote to $ACCOUNTS_FILE) last, so that runserver's own lines do not bury them.
set -uo pipefail
cd "$(dirname "$0")/.."
PORT="${PORT:-8000}"
ACCOUNTS_FILE="${ACCOUNTS_FILE:-data/tai-khoan-mau.txt}"
LOG_FILE="${LOG_FILE:-data/may-chu.log}"
mkdir -p "$(dirname "$LOG_FILE")"
# The worker's messages and runserver's start-up lines (English) go to the log; the server's errors
# and request lines stay on screen.
# A plan whose year is over moves to evaluation (production runs this daily, see README).
.venv/bin/python manage.py advance_plan_years >>"$LOG_FILE" 2>&1
.venv/bin/python manage.py db_worker --queue-name default >>"$LOG_FILE" 2>&1 &
worker=$!
# Scheduled articles go live on time; the daily jobs run once a day.
.venv/bin/python manage.py run_periodic >>"$LOG_FILE" 2>&1 &
periodic=$!
.venv/bin/python manage.py runserver "127.0.0.1:${PORT}" >>"$LOG_FILE" &
server=$!
stop() {
  trap - INT TERM EXIT
  kill -TERM "$worker" "$server" "$periodic" 2>/dev/null
  wait "$worker" "$server" "$periodic" 2>/dev/null
  echo "Đã dừng máy chủ web và các tiến trình nền."
}
trap stop INT TERM EXIT
echo "Đang khởi động máy chủ web…"
for _ in $(seq 1 120); do
  kill -0 "$server" 2>/dev/null || break
  .venv/bin/python -c "import sys, urllib.request as u
try: u.urlopen('http://127.0.0.1:${PORT}/quan-tri/login/', timeout=2)
except Exception as e: sys.exit(getattr(e, 'code', 0) == 0)" 2>/dev/null && break
  sleep 0.5
done
echo
[ -f "$ACCOUNTS_FILE" ] && cat "$ACCOUNTS_FILE" && echo
echo "Máy chủ web: http://127.0.0.1:${PORT}/  —  trang quản trị: http://127.0.0.1:${PORT}/quan-tri/"
echo "Nhật ký khởi động: ${LOG_FILE}. Nhấn Ctrl-C để dừng."
wait -n "$worker" "$server"
