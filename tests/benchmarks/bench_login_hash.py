"""Cost of the password check of one login: tuned Argon2id vs Django's default Argon2.

For each hasher, a fresh child process hashes a password once, then verifies it RUNS
times (what a login does); it reports the median and 95th percentile time of one
verification and the peak memory it added (ru_maxrss: Argon2's memory is allocated in C,
invisible to tracemalloc). Then an estimate for the 2-core, 24 GiB server of the design:
logins per second when both cores only hash, and memory for 200 logins at once.
Run: `python tests/benchmarks/bench_login_hash.py` (part of `make bench`).
"""

import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RUNS = int(os.environ.get("BENCH_RUNS", "20"))
HASHERS = {
    "accounts.hashers.TunedArgon2PasswordHasher": "APART (argon2id m=19 MiB, t=2, p=1)",
    "django.contrib.auth.hashers.Argon2PasswordHasher": "Django default (m=100 MiB, t=2, p=8)",
}
CORES, CONCURRENT_LOGINS = 2, 200


def child(hasher_path: str) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "apart.settings")
    import django

    django.setup()
    from django.utils.module_loading import import_string

    hasher = import_string(hasher_path)()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    encoded = hasher.encode("Motdepasse1!", hasher.salt())
    timings, cpu = [], []
    for _ in range(RUNS):
        start, start_cpu = time.perf_counter(), time.process_time()
        assert hasher.verify("Motdepasse1!", encoded)
        timings.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    timings.sort()
    print(
        json.dumps(
            {
                "median_ms": statistics.median(timings),
                "p95_ms": timings[int(len(timings) * 0.95) - 1],
                "cpu_ms": statistics.median(cpu),
                "added_mib": max(peak - before, 0) / 1024,
                "params": {
                    k: getattr(hasher, k) for k in ("time_cost", "memory_cost", "parallelism")
                },
            }
        )
    )


def main() -> None:
    print(f"Password check of one login ({RUNS} verifications each, {os.cpu_count()} CPU here)")
    print(
        f"{'hasher':40} {'median':>9} {'p95':>9} {'CPU':>9} {'peak RAM':>10} "
        f"{'logins/s':>9} {'RAM×200':>9}"
    )
    for path, label in HASHERS.items():
        output = subprocess.run(
            [sys.executable, __file__, "--child", path], capture_output=True, text=True, check=True
        ).stdout
        figures = json.loads(output.strip().splitlines()[-1])
        # p>1 spreads one hash over threads: throughput is bounded by the CPU time of all
        # threads, so logins/s = cores / CPU time, assuming both cores hash and nothing else.
        per_second = CORES * 1000 / figures["cpu_ms"]
        memory_mib = figures["params"]["memory_cost"] / 1024
        print(
            f"{label:40} {figures['median_ms']:7.1f}ms {figures['p95_ms']:7.1f}ms "
            f"{figures['cpu_ms']:7.1f}ms {figures['added_mib']:7.1f}MiB {per_second:9.0f} "
            f"{memory_mib * CONCURRENT_LOGINS / 1024:6.1f}GiB"
        )


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        child(sys.argv[2])
    else:
        main()
