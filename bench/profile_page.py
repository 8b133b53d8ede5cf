"""Where one page's time goes: pyinstrument over repeated requests through the whole stack.

    DATABASE_URL=… REDIS_URL=… PYTHONPATH=/path/to/pyinstrument \\
        .venv/bin/python bench/profile_page.py /library/ [--member] [--repeat 200]

pyinstrument is not a dependency of the portal: install it into a throwaway place
(`pip install --target /tmp/pyi pyinstrument`) and put that on PYTHONPATH. Uses the same
production-like settings as bench/pages.py (DEBUG=0) and the seeded demo content; prints the
time per request and pyinstrument's call tree.
"""

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _harness  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path")
    parser.add_argument("--member", action="store_true", help="signed in as a member")
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--seed", action="store_true", help="migrate and seed the demo first")
    args = parser.parse_args()

    _harness.production_env()
    import django

    django.setup()
    from django.test import Client
    from pages import bench_member
    from pyinstrument import Profiler

    if args.seed:
        _harness.prepare_database()
    client = Client(headers={"X-Forwarded-Proto": "https"})
    if args.member:
        client.force_login(bench_member())
    for _ in range(10):  # warm the caches, as a long-running worker would be
        assert client.get(args.path).status_code == 200
    profiler = Profiler(interval=0.0002)
    started = time.perf_counter()
    with profiler:
        for _ in range(args.repeat):
            client.get(args.path)
    per_request = (time.perf_counter() - started) / args.repeat * 1000
    print(f"{args.path}: {per_request:.2f} ms per request (profiled)")
    print(profiler.output_text(unicode=True, color=False, show_all=False))


if __name__ == "__main__":
    main()
