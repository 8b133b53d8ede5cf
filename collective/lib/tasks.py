"""The retry policy every Celery task shares: `@shared_task(**RETRY)`.

`retry_backoff` only works together with `autoretry_for`: a task that calls `self.retry()` by
hand waits `default_retry_delay` (60 s) every time. With this policy a task that raises is
retried after about 30 s, 60 s, 2 min … up to 30 min, each delay randomised (jitter) so that
tasks that failed together (Redis or the database was down) do not all come back at once, and
it gives up after `max_retries`. Tasks are idempotent (they take ids and check state), so a
retry of work that had half happened is safe.
"""

RETRY = {
    "autoretry_for": (Exception,),
    "retry_backoff": 30,
    "retry_backoff_max": 30 * 60,
    "retry_jitter": True,
    "max_retries": 6,
}
