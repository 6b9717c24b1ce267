#!/usr/bin/env bash
# `make run`: migrate, load the curriculum, the exercise bank and the demo users, then start the Celery
# workers of scripts/run_workers.conf (local filesystem broker: no Redis needed; the first also runs beat)
# and the web server. Ctrl-C stops them all.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
HOST=${PATHWISE_HOST:-127.0.0.1}
PORT=${PATHWISE_PORT:-8000}
export HF_HUB_OFFLINE=1 DJANGO_SETTINGS_MODULE=${DJANGO_SETTINGS_MODULE:-config.settings.local}
# DEBUG is on here (config.settings.local): its error pages show tracebacks and settings to whoever asks.
case "$HOST" in
  127.0.0.1|localhost|::1|\[::1\]) ;;
  *) case "${DJANGO_DEBUG:-1}" in
       0|false|False|no|off) ;;
       *) echo "make run serves with DEBUG on, so it listens on 127.0.0.1 only, not on $HOST." >&2
          echo "Beyond a laptop, use the production settings (README: Production), or set DJANGO_DEBUG=0." >&2
          exit 2 ;;
     esac ;;
esac
mkdir -p var/broker/out var/broker/processed var/broker/control var/log var/cache

$PY manage.py migrate --noinput -v 0
$PY manage.py load_curriculum
$PY manage.py load_exercises
$PY manage.py collectstatic --noinput -v 0
$PY manage.py seed_demo

WORKERS=()
BEAT=(-B --schedule var/celerybeat-schedule)
while read -r NAME ARGS; do
  [[ -z "$NAME" || "$NAME" == \#* ]] && continue
  ENVS=() OPTIONS=()
  for WORD in $ARGS; do
    if [[ "$WORD" =~ ^[A-Z_][A-Z0-9_]*= ]]; then ENVS+=("$WORD"); else OPTIONS+=("$WORD"); fi
  done
  env "${ENVS[@]}" .venv/bin/celery -A config worker -n "$NAME@%h" "${BEAT[@]}" "${OPTIONS[@]}" -l info \
    > "var/log/worker-$NAME.log" 2>&1 &
  WORKERS+=($!)
  BEAT=()
done < scripts/run_workers.conf
trap 'kill "${WORKERS[@]}" 2>/dev/null; wait "${WORKERS[@]}" 2>/dev/null' EXIT INT TERM

echo
echo "Pathwise is running at http://$HOST:$PORT/  (API docs: http://$HOST:$PORT/api/docs/)"
echo "Worker logs: var/log/worker-*.log. Logins are printed above. Ctrl-C stops the server and the workers."
echo "New accounts: http://$HOST:$PORT/accounts/signup/ (the verification mail is printed in this log)."
echo
$PY manage.py runserver "$HOST:$PORT" --noreload
