"""Python Requests' Session as a benchmark client, driven over stdin by bench/throughput.ts.

Each line `RUN <url> <concurrency> <count>` runs `count` GETs with `concurrency` threads (one Session per
thread, as Requests' Session is not meant to be shared across threads), reads each body whole, and answers
with the requests per second and the process's CPU time per request in µs. Sessions stay alive across runs,
so connections are kept alive as Node's are.
"""
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import requests

local = threading.local()


def session():
    s = getattr(local, "session", None)
    if s is None:
        s = local.session = requests.Session()
    return s


def worker(url, count):
    s = session()
    for _ in range(count):
        s.get(url).content


def main():
    pools = {}
    print(f"ready requests {requests.__version__}", flush=True)
    for line in sys.stdin:
        parts = line.split()
        if not parts or parts[0] != "RUN":
            continue
        url, concurrency, count = parts[1], int(parts[2]), int(parts[3])
        pool = pools.get(concurrency) or pools.setdefault(concurrency, ThreadPoolExecutor(concurrency))
        shares = [count // concurrency + (1 if i < count % concurrency else 0) for i in range(concurrency)]
        cpu_before = time.process_time()
        started = time.perf_counter()
        for future in [pool.submit(worker, url, n) for n in shares]:
            future.result()
        elapsed = time.perf_counter() - started
        cpu = time.process_time() - cpu_before
        print(f"{count / elapsed} {cpu * 1e6 / count}", flush=True)


if __name__ == "__main__":
    main()
