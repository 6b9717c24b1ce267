#!/usr/bin/env bash
# `make run`: migrate, load the curriculum, the exercise bank and the demo users, then start a Celery
# worker (local filesystem broker: no Redis needed) and the web server. Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
HOST=${PATHWISE_HOST:-127.0.0.1}
PORT=${PATHWISE_PORT:-8000}
export HF_HUB_OFFLINE=1 DJANGO_SETTINGS_MODULE=${DJANGO_SETTINGS_MODULE:-config.settings.local}
mkdir -p var/broker/out var/broker/processed var/log

$PY manage.py migrate --noinput -v 0
$PY manage.py load_curriculum
$PY manage.py load_exercises
$PY manage.py collectstatic --noinput -v 0
$PY manage.py seed_demo

PATHWISE_SANDBOX_WARM_UP=1 .venv/bin/celery -A config worker -B -Q grading,gpu,events -c 2 --prefetch-multiplier 1 \
  --schedule var/celerybeat-schedule -l info > var/log/worker.log 2>&1 &
WORKER=$!
trap 'kill $WORKER 2>/dev/null; wait $WORKER 2>/dev/null' EXIT INT TERM

echo
echo "Pathwise is running at http://$HOST:$PORT/  (API docs: http://$HOST:$PORT/api/docs/)"
echo "Worker log: var/log/worker.log. Logins are printed above. Ctrl-C stops the server and the worker."
echo
$PY manage.py runserver "$HOST:$PORT" --noreload
