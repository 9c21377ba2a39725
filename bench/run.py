"""`make bench`: seed the benchmark database, start the portal with production settings on
127.0.0.1, drive it with wrk for a bounded time per scenario and print the table.

Environment: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/apart_bench),
BENCH_REDIS_URL (redis://127.0.0.1:6379/15), BENCH_DURATION (s per scenario, 10),
BENCH_CONNECTIONS (50), BENCH_WORKERS / BENCH_THREADS (gunicorn), BENCH_PORT (8765),
BENCH_ONLY (comma-separated scenario keys). Volumes: see bench/seed.py.
"""

import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import report
from bench.scenarios import CEILING, scenarios

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/apart_bench"
)
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15")
DURATION = int(os.environ.get("BENCH_DURATION", "10"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "50"))
PORT = int(os.environ.get("BENCH_PORT", "8765"))
CORES = os.cpu_count() or 1
# Sync workers, two per core: measured against 2 × cores + 1 gthread workers of 2 threads
# and against 3, 6 or 8 sync workers on this 2-core machine, the best for every scenario
# (docs/performance.md, « Sizing gunicorn »); wrk is a fast client, as a buffering load
# balancer in front of the portal would be.
WORKERS = int(os.environ.get("BENCH_WORKERS", str(2 * CORES)))
THREADS = int(os.environ.get("BENCH_THREADS", "1"))
WRK = shutil.which("wrk") or "/usr/bin/wrk"


def bench_env() -> dict:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DJANGO_ENV="production",
        DATABASE_URL=DATABASE_URL,
        REDIS_URL=REDIS_URL,
        SECRET_KEY=env.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(64),
        ALLOWED_HOSTS="127.0.0.1,testserver",
        SECURE_SSL_REDIRECT="0",
        PYTHONWARNINGS="ignore",
    )
    return env


def postgres_ready() -> bool:
    import psycopg

    base, _, name = DATABASE_URL.rpartition("/")
    try:
        with psycopg.connect(f"{base}/postgres", autocommit=True, connect_timeout=3) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            if not exists:
                conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as error:
        print(f"PostgreSQL injoignable ({error.__class__.__name__}) : benchmark ignoré.")
        return False
    return True


def step(env, *args) -> None:
    started = time.perf_counter()
    subprocess.run([PYTHON, *args], cwd=ROOT, env=env, check=True)
    print(f"   ({' '.join(args[:3])} : {time.perf_counter() - started:.1f} s)")


def prepare(env) -> None:
    print("== Base de benchmark", DATABASE_URL.rpartition("@")[2])
    step(env, "manage.py", "migrate", "--noinput", "-v", "0")
    step(env, "manage.py", "load_reference_data")
    step(env, "manage.py", "load_demo")
    step(env, "-m", "bench.seed")
    if static_outdated():
        step(env, "manage.py", "collectstatic", "--noinput", "-v", "0")


def static_outdated() -> bool:
    """collectstatic (with compression) takes a minute: only when our static files changed."""
    manifest = ROOT / "staticfiles" / "staticfiles.json"
    if not manifest.exists() or os.environ.get("BENCH_COLLECTSTATIC"):
        return True
    built = manifest.stat().st_mtime
    sources = [p for p in ROOT.glob("*/static/**/*") if ".venv" not in p.parts]
    return any(p.stat().st_mtime > built for p in sources if p.is_file())


def start_server(env) -> subprocess.Popen:
    gunicorn = str(Path(PYTHON).with_name("gunicorn"))
    command = [
        gunicorn, "apart.wsgi", "--bind", f"127.0.0.1:{PORT}", "--workers", str(WORKERS),
        "--threads", str(THREADS), "--worker-class", "gthread" if THREADS > 1 else "sync",
        "--timeout", "60", "--keep-alive", "5", "--log-level", "warning",
    ]  # fmt: skip
    print(f"== gunicorn {WORKERS} workers × {THREADS} threads sur 127.0.0.1:{PORT}")
    server = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if report.http_status(PORT, CEILING.path) == 200:
            return server
        if server.poll() is not None:
            raise RuntimeError("gunicorn s'est arrêté au démarrage")
        time.sleep(0.5)
    stop_server(server)
    raise RuntimeError("gunicorn ne répond pas après 60 s")


def stop_server(server: subprocess.Popen) -> None:
    import signal

    try:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)
    except ProcessLookupError:
        return
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=10)


def run_wrk(scenario, workdir: Path, duration: int = DURATION) -> dict:
    env = dict(os.environ)
    threads = CONNECTIONS if scenario.mode in ("filing", "login", "post") else min(CONNECTIONS, 4)
    env.update(
        BENCH_MODE=scenario.mode,
        BENCH_PATH=scenario.path,
        BENCH_COOKIE=scenario.cookie,
        BENCH_EXPECT=str(scenario.expect),
        BENCH_LOCATION=scenario.location,
        BENCH_DATA=str(workdir / f"{scenario.data}.txt") if scenario.data else "",
        BENCH_THREADS=str(threads),
    )
    command = [
        WRK, f"-t{threads}", f"-c{CONNECTIONS}", f"-d{duration}s", "--timeout", "10s",
        "-s", str(ROOT / "bench" / "wrk" / "scenario.lua"), f"http://127.0.0.1:{PORT}",
    ]  # fmt: skip
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=duration + 60)
    if os.environ.get("BENCH_DEBUG") == "1":
        print(done.stderr[-3000:])
    for line in done.stdout.splitlines():
        if line.startswith("BENCH_JSON "):
            return json.loads(line.removeprefix("BENCH_JSON "))
    raise RuntimeError(f"wrk ({scenario.key}) : {done.stdout[-500:]} {done.stderr[-500:]}")


def forget_queued_tasks() -> None:
    """The filings of the run queued their processing tasks in the bench's own Redis
    database, with no worker: drop them (sessions and caches there are the bench's too)."""
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()


def settle(limit: float = 60) -> None:
    """Wait until the server has worked off what the last scenario left queued (wrk stops
    sending, gunicorn keeps serving its backlog), so it does not weigh on the next one."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        started = time.monotonic()
        if report.http_status(PORT, CEILING.path) == 200 and time.monotonic() - started < 0.2:
            return
        time.sleep(0.5)


def main() -> int:
    if not Path(WRK).exists():
        print("wrk absent (apt-get install wrk) : benchmark ignoré.")
        return 0
    if not postgres_ready():
        return 0
    env = bench_env()
    os.environ.update(env)
    prepare(env)
    workdir = Path(tempfile.mkdtemp(prefix="apart-bench-"))
    server = start_server(env)
    results, ceilings = [], []
    try:
        context = report.scenario_context(PORT, workdir)
        chosen = scenarios(context)
        only = {key for key in os.environ.get("BENCH_ONLY", "").split(",") if key}
        if only:
            chosen = [s for s in chosen if s.key in only]
        queries = report.query_counts(env, chosen)
        for scenario in [CEILING, *[s for s in chosen if s.kind == "read"]]:
            run_wrk(scenario, workdir, duration=2)  # warm every worker: imports, caches
        ceilings.append(run_wrk(CEILING, workdir))
        for position, scenario in enumerate(chosen, start=1):
            result = run_wrk(scenario, workdir)
            if scenario.mode == "post":
                result = report.confirm_sends(scenario, workdir, result)
            results.append((scenario, result))
            settle()
            if position % 4 == 0:
                ceilings.append(run_wrk(CEILING, workdir))
        ceilings.append(run_wrk(CEILING, workdir))
    finally:
        stop_server(server)
        shutil.rmtree(workdir, ignore_errors=True)
        forget_queued_tasks()
    report.save_raw(results, ceilings, queries)
    table = report.table(results, ceilings, queries, DURATION)
    print(table)
    report.save(table, workers=WORKERS, threads=THREADS, connections=CONNECTIONS)
    if os.environ.get("BENCH_BACKGROUND", "1") != "0":
        print("\n== Traitements de fond (un worker Celery, base et Redis du benchmark)")
        subprocess.run([PYTHON, "-m", "bench.background"], cwd=ROOT, env=env, check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
