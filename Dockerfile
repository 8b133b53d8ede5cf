# One image for web, worker and beat. Build: docker compose build. See README "Production".
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
RUN useradd --create-home --uid 1000 collective

COPY pyproject.toml README.md ./
RUN pip install .
COPY . .

# Static files are collected (hashed and compressed for whitenoise) at build time.
RUN DEBUG=0 ALLOWED_HOSTS=build SECRET_KEY=build-only-secret-key-that-is-long-enough-to-pass-the-check-123456 \
    python manage.py collectstatic --noinput \
 && mkdir -p /app/media && chown collective /app/media

USER collective
EXPOSE 8000
CMD ["gunicorn", "-c", "gunicorn.conf.py", "collective.wsgi"]
