# One image for web, worker, beat and the one-off migrate. Build: docker-compose build.
# The base image is pinned to an exact release; pin its digest too (python:…@sha256:…) or point
# PYTHON_IMAGE at a mirror or a locally built stand-in (deploy/smoke.sh does).
ARG PYTHON_IMAGE=python:3.11.11-slim-bookworm
FROM ${PYTHON_IMAGE}

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_ROOT_USER_ACTION=ignore

WORKDIR /app
RUN useradd --create-home --uid 1000 collective

# Exact versions with their hashes (make lock): a changed or substituted file fails the build.
COPY requirements.lock ./
RUN pip install --no-deps --require-hashes -r requirements.lock
COPY . .

# Static files are collected (hashed and compressed for whitenoise) at build time. media and
# var/beat are mount points for volumes, owned by the user the processes run as.
RUN DEBUG=0 ALLOWED_HOSTS=build SECRET_KEY=build-only-secret-key-that-is-long-enough-to-pass-the-check-123456 \
    python manage.py collectstatic --noinput \
 && mkdir -p /app/media /app/var/beat && chown collective /app/media /app/var/beat

USER collective
EXPOSE 8000
CMD ["gunicorn", "-c", "gunicorn.conf.py", "collective.wsgi"]
