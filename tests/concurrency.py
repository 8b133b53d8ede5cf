"""Real races for PostgreSQL tests: start callables in threads at the same instant."""

import threading

from django.db import connection


def run_together(*calls):
    """Run each zero-argument callable in its own thread, released together by a barrier.

    Returns their results in the order they finished; fails the test if any of them raised.
    Each thread has its own database connection, closed when it ends.
    """
    barrier = threading.Barrier(len(calls))
    results, errors = [], []

    def worker(call):
        try:
            barrier.wait()
            results.append(call())
        except Exception as exc:  # re-raised below, so a failing thread fails the test
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [], errors
    return results
