#!/usr/bin/env bash
# Compose smoke test: build the image, run a release (migrate once, then up), wait for every
# health check, sign up through the proxy and see the verification e-mail leave through the
# worker, check the proxy's access log keeps the anonymity promise, scale web to 2, restart the
# database and check nothing is lost, refuse a second beat, then tear everything down.
#
#   deploy/smoke.sh                       # with the pinned public images
#   PYTHON_IMAGE=local/python POSTGRES_IMAGE=local/postgres REDIS_IMAGE=local/redis \
#     PROXY_IMAGE=local/nginx deploy/smoke.sh     # with stand-ins (../shared/RECIPES.md)
#
# SMOKE_PORT (default 8150) is where the proxy is published on 127.0.0.1; SMOKE_PROJECT names the
# compose project (default collective-smoke); SMOKE_KEEP=1 leaves the stack up for a look.
# Needs docker and docker-compose (v1) and curl. Takes several minutes: not part of .ci/run.
# The whole script is one block, read before it runs: editing the file mid-run cannot change it.
{
set -euo pipefail
cd "$(dirname "$0")/.."

export DOCKER_BUILDKIT=0 COMPOSE_DOCKER_CLI_BUILD=0
export COMPOSE_PROJECT_NAME=${SMOKE_PROJECT:-collective-smoke}
export COLLECTIVE_IMAGE=${COLLECTIVE_IMAGE:-collective:smoke}
export PROXY_BIND=127.0.0.1 PROXY_PORT=${SMOKE_PORT:-8150}
BASE="http://127.0.0.1:${PROXY_PORT}"
ORIGIN="https://127.0.0.1:${PROXY_PORT}"  # what the browser would see behind TLS
started=$(date +%s)

work=$(mktemp -d)
random() { python3 -c 'import secrets, sys; print(secrets.token_hex(int(sys.argv[1]) // 2))' "$1"; }
# grep that reads all its input (grep -q would end the pipe early and, with pipefail, fail it).
has() { grep -F -- "$1" >/dev/null; }
export POSTGRES_PASSWORD; POSTGRES_PASSWORD=$(random 32)
export COLLECTIVE_ENV_FILE="$work/smoke.env"
cat >"$COLLECTIVE_ENV_FILE" <<EOF
DEBUG=0
SECRET_KEY=$(random 64)
ALLOWED_HOSTS=127.0.0.1,localhost
CSRF_TRUSTED_ORIGINS=$ORIGIN
SITE_URL=$ORIGIN
DATABASE_URL=postgres://collective:${POSTGRES_PASSWORD}@db:5432/collective
POSTGRES_PASSWORD=${POSTGRES_PASSWORD}
REDIS_URL=redis://redis:6379/0
EMAIL_URL=consolemail://
BEHIND_TLS_PROXY=1
TRUSTED_PROXY_COUNT=1
WEB_CONCURRENCY=2
EOF

compose() { docker-compose "$@"; }
step() { printf '\n== %s (%ss)\n' "$1" "$(($(date +%s) - started))"; }
pass() { printf 'PASS  %s\n' "$1"; }
fail() {
  printf 'FAIL  %s\n' "$1"
  compose ps || true
  compose logs --no-color --tail=40 || true
  exit 1
}
decoy=""
cleanup() {
  status=$?
  [ -z "$decoy" ] || rm -f "$decoy"
  if [ "${SMOKE_KEEP:-0}" = 1 ]; then
    echo "SMOKE_KEEP=1: stack left up (project $COMPOSE_PROJECT_NAME, env $COLLECTIVE_ENV_FILE)"
  else
    compose --profile release down -v --remove-orphans >/dev/null 2>&1 || true
    rm -rf "$work"
  fi
  if [ "$status" = 0 ]; then
    echo "SMOKE PASSED in $(($(date +%s) - started)) s"
  else
    echo "SMOKE FAILED (exit $status)"
  fi
}
trap cleanup EXIT

# Every container of SERVICE reports healthy within TIMEOUT seconds.
wait_healthy() {
  local service=$1 timeout=$2 ids states
  for _ in $(seq "$timeout"); do
    ids=$(compose ps -q "$service")
    if [ -n "$ids" ]; then
      # shellcheck disable=SC2086
      states=$(docker inspect -f '{{.State.Health.Status}}' $ids | sort -u | tr '\n' ' ')
      [ "$states" = "healthy " ] && return 0
    fi
    sleep 1
  done
  fail "$service not healthy after ${timeout}s (states: ${states:-none})"
}

psql_value() { compose exec -T db psql -U collective -d collective -Atc "$1"; }

# Sign up through the proxy as a browser would (the portal believes it is on HTTPS, so its
# __Host- cookies are Secure: curl would not send them back over http, hence the manual header).
signup() {
  local email=$1 page token cookie status password
  password="Smoke-test-$(random 12)"
  page=$(curl -fsS -D "$work/headers" "$BASE/accounts/signup/")
  cookie=$(grep -i '^set-cookie: __Host-csrftoken=' "$work/headers" | sed 's/^[^:]*: //; s/;.*//' | tr -d '\r')
  token=$(printf '%s' "$page" | grep -o 'name="csrfmiddlewaretoken" value="[^"]*"' | head -n 1 | sed 's/.*value="//; s/"$//')
  [ -n "$cookie" ] && [ -n "$token" ] || return 1
  status=$(curl -sS -o /dev/null -w '%{http_code} %{redirect_url}' \
    -H "Cookie: $cookie" -H "Referer: $ORIGIN/accounts/signup/" \
    --data-urlencode "csrfmiddlewaretoken=$token" --data-urlencode "email=$email" \
    --data-urlencode "password1=$password" --data-urlencode "password2=$password" \
    "$BASE/accounts/signup/" || true)
  echo "$status"
}

# The verification e-mail to ADDRESS appears in the worker's log (console backend) within 90 s.
wait_for_mail() {
  local address=$1
  for _ in $(seq 90); do
    if compose logs --no-color worker | has "To: $address"; then return 0; fi
    sleep 1
  done
  fail "no e-mail to $address in the worker's log"
}

step "build the image (base: ${PYTHON_IMAGE:-pinned default})"
# A decoy secret in the build context: .dockerignore must keep it (and every .env*) out.
decoy=".env.smoke-decoy-$$"
echo "SECRET_KEY=decoy" >"$decoy"
compose build --quiet >/dev/null || compose build
rm -f "$decoy"
pass "image built from requirements.lock with --require-hashes"
leaked=$(docker run --rm --entrypoint sh "$COLLECTIVE_IMAGE" -c \
  'cd /app && ls -d .env* .git .venv db.sqlite3 media/* staticfiles/../tests 2>/dev/null' || true)
[ -z "$leaked" ] || fail "the image contains: $leaked"
pass "no .env*, .git, .venv, local database, uploads or tests in the image"

step "release: migrate once, then up"
compose run --rm migrate >"$work/migrate.log" 2>&1 || { cat "$work/migrate.log"; fail "migrate"; }
pass "migrate ran as a one-off ($(grep -c '  Applying ' "$work/migrate.log") migrations applied)"
compose up -d
wait_healthy db 60
wait_healthy redis 60
wait_healthy web 120
wait_healthy proxy 90
wait_healthy worker 150
wait_healthy beat 150
pass "db, redis, web, proxy, worker and beat healthy"
if compose ps --services --filter status=running | has migrate; then fail "migrate runs on up"; fi
pass "migrate is not started by up"
[ -z "$(docker port "$(compose ps -q web)" 2>/dev/null)" ] || fail "web publishes a port"
pass "web publishes no port; only the proxy on 127.0.0.1:$PROXY_PORT"

step "readiness through the proxy"
[ "$(curl -fsS "$BASE/readyz")" = "$(printf 'database ok\nredis ok')" ] || fail "/readyz"
pass "/readyz: database ok, redis ok"
# A client's own X-Forwarded-Proto is overwritten: Django would redirect a plain-HTTP request.
code=$(curl -sS -o /dev/null -w '%{http_code}' -H 'X-Forwarded-Proto: http' "$BASE/about/")
[ "$code" = 200 ] || fail "X-Forwarded-Proto from the client reached Django ($code)"
pass "the proxy sets X-Forwarded-Proto itself"

step "sign up through the proxy; the verification e-mail leaves through the worker"
first="smoke-one-$(random 8)@example.org"
result=$(signup "$first") || fail "sign-up page"
case "$result" in 302\ */accounts/confirm-email/) ;; *) fail "sign-up answered $result" ;; esac
pass "sign-up accepted ($result)"
wait_for_mail "$first"
compose logs --no-color web | has "To: $first" && fail "the web container sent the e-mail itself"
pass "verification e-mail to $first printed by the worker"
for _ in $(seq 30); do [ "$(psql_value 'select count(*) from collective_outgoingemail')" = 0 ] && break; sleep 1; done
[ "$(psql_value 'select count(*) from collective_outgoingemail')" = 0 ] || fail "outbox not emptied"
pass "outbox empty after sending"

step "the proxy's access log"
curl -sS -o /dev/null -H 'X-Forwarded-For: 198.51.100.77' "$BASE/about/?utm_source=smokequery"
curl -sS -o /dev/null "$BASE/feedback/?smokefeedback=1"
curl -sS -o /dev/null "$BASE/%66eedback/"
curl -sS -o /dev/null "$BASE/facilitation/sessions/1/questions/"
curl -sS -o /dev/null "$BASE/surveys/link/SmokeLinkToken123/?x=smokequery"
sleep 1
# The whole log, without compose's "proxy_1  | " prefix: access lines and anything else.
log=$(compose logs --no-color proxy | sed 's/^[^|]*| //')
printf '%s\n' "$log" | has '"GET /about/" 200' || fail "no line for /about/"
printf '%s\n' "$log" | has '"GET /surveys/link/<token>/"' || fail "no redacted line for the link"
for secret in feedback questions SmokeLinkToken123 smokequery 198.51.100.77 172. 127.0.0.1; do
  printf '%s\n' "$log" | has "$secret" && fail "proxy log contains $secret"
done
echo "      proxy log: $(printf '%s\n' "$log" | grep -c '"GET ') lines, e.g. $(printf '%s\n' "$log" | grep '"GET /about/"' | tail -n 1)"
pass "logged: /about/ and /surveys/link/<token>/; no query string, token or client address; no line for /feedback/ or session questions"

step "scale web to 2"
compose up -d --no-recreate --scale web=2
wait_healthy web 120
[ "$(compose ps -q web | wc -l)" = 2 ] || fail "web did not scale"
for i in $(seq 20); do curl -fsS -o /dev/null "$BASE/contact/?n=$i"; done
served=0
for id in $(compose ps -q web); do
  docker logs "$id" 2>&1 | has '"GET /contact/"' && served=$((served + 1))
done
[ "$served" = 2 ] || fail "only $served of 2 web containers got traffic"
pass "2 web containers healthy, both serving through the proxy (no proxy restart)"

step "exactly one beat"
if compose up -d --no-recreate --scale beat=2 >"$work/beat.log" 2>&1; then
  echo "      compose accepted --scale beat=2; checking that no second beat runs"
else
  echo "      compose refused: $(grep -m 1 -iE 'error|unique|name' "$work/beat.log" || tail -n 1 "$work/beat.log")"
fi
[ "$(docker ps -q --filter "label=com.docker.compose.project=$COMPOSE_PROJECT_NAME" \
  --filter label=com.docker.compose.service=beat | wc -l)" = 1 ] || fail "beat count"
pass "--scale beat=2 refused; one beat running"
compose exec -T beat python manage.py beat_health >/dev/null || fail "beat_health"
compose exec -T beat sh -c 'ls /app/var/beat/celerybeat-schedule*' >/dev/null || fail "schedule file"
stamp=$(compose exec -T beat sh -c 'cat /app/var/beat/celerybeat-schedule* | md5sum')
compose up -d --no-deps --force-recreate beat >/dev/null 2>&1
compose exec -T beat sh -c 'ls /app/var/beat/celerybeat-schedule*' >/dev/null || fail "schedule lost"
echo "      schedule file before the recreate: $stamp; still there after it"
pass "beat ticking; its schedule file is on the beat volume and survives a new container"

step "restart the database"
users_before=$(psql_value 'select count(*) from collective_user')
# Warm every gunicorn process, so each holds a database connection (CONN_MAX_AGE) the restart kills.
for i in $(seq 20); do curl -sS -o /dev/null "$BASE/library/?warm=$i" || true; done
compose restart db
wait_healthy db 60
errors=0
for _ in $(seq 60); do
  code=$(curl -sS -o /dev/null -w '%{http_code}' "$BASE/readyz" || true)
  [ "$code" = 200 ] && break
  errors=$((errors + 1)); sleep 1
done
[ "$code" = 200 ] || fail "/readyz not 200 after the restart"
pass "/readyz back to 200 after the restart ($errors probes before)"
# Each gunicorn worker may hold a connection the restart killed: count what pages answer.
fivexx=0
for i in $(seq 20); do
  code=$(curl -sS -o /dev/null -w '%{http_code}' "$BASE/library/?n=$i" || true)
  case "$code" in 5*) fivexx=$((fivexx + 1)) ;; esac
done
echo "      pages after the restart: $fivexx of 20 answered 5xx (connections the restart killed)"
second="smoke-two-$(random 8)@example.org"
result=""
for _ in 1 2 3; do
  result=$(signup "$second") || true
  case "$result" in 302\ */accounts/confirm-email/) break ;; esac
  sleep 2
done
case "$result" in 302\ */accounts/confirm-email/) ;; *) fail "sign-up after the restart: $result" ;; esac
wait_for_mail "$second"
users_after=$(psql_value 'select count(*) from collective_user')
[ "$users_after" = $((users_before + 1)) ] || fail "users before $users_before, after $users_after"
[ "$(psql_value "select count(*) from collective_user where email = '$first'")" = 1 ] || fail "first account lost"
pass "first account kept, second sign-up and its e-mail went through ($users_before -> $users_after users)"
wait_healthy web 120
wait_healthy worker 150
pass "web and worker healthy again"

step "backup and restore, as docs/deploy.md says"
compose exec -T db pg_dump -U collective -d collective -Fc >"$work/collective.dump"
media() { compose run --rm --no-deps -T --user root -v "$work":/backup web sh -c "$1"; }
media 'echo smoke > /app/media/smoke-cover.txt && tar -C /app/media -czf /backup/media.tar.gz .'
compose stop web worker beat >/dev/null 2>&1
compose exec -T db dropdb -U collective collective
compose exec -T db createdb -U collective collective
[ "$(psql_value "select count(*) from pg_tables where schemaname = 'public'")" = 0 ] || fail "dropdb"
compose exec -T db pg_restore -U collective -d collective --no-owner <"$work/collective.dump"
media 'rm /app/media/smoke-cover.txt && tar -C /app/media -xzf /backup/media.tar.gz'
compose up -d web worker beat >/dev/null 2>&1
wait_healthy web 120
[ "$(psql_value 'select count(*) from collective_user')" = "$users_after" ] || fail "users after restore"
[ "$(media 'cat /app/media/smoke-cover.txt' | tr -d '\r')" = smoke ] || fail "media after restore"
[ "$(curl -fsS "$BASE/readyz")" = "$(printf 'database ok\nredis ok')" ] || fail "/readyz after restore"
pass "pg_dump, dropdb, pg_restore: $users_after users back; media volume restored from its tar"

step "tear down"
exit 0
}
