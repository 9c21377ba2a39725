"""Private, killable services for the fault tests: never the machine's Redis or PostgreSQL.

Each fixture starts its own redis-server or PostgreSQL cluster on a free port in a
temporary folder, and the portal's processes (gunicorn, Celery worker, beat) with an
environment pointing at them; the tests kill and restart those, nothing else.
"""

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[2]
PG_BIN = Path("/usr/lib/postgresql/15/bin")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(condition, seconds=60, every=0.3):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if condition():
                return True
        except Exception:  # noqa: BLE001 — a service coming up refuses for a while
            pass
        time.sleep(every)
    return False


class RedisServer:
    def __init__(self, folder: Path):
        self.port, self.folder, self.process = free_port(), folder, None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            [shutil.which("redis-server"), "--port", str(self.port), "--bind", "127.0.0.1",
             "--save", "", "--appendonly", "no", "--dir", str(self.folder)],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        assert wait_for(lambda: self._ping(), 20), "private redis-server did not start"

    def _ping(self) -> bool:
        with socket.create_connection(("127.0.0.1", self.port), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)


class PostgresServer:
    """A cluster of its own (initdb as the postgres user), killable with pg_ctl."""

    def __init__(self, folder: Path | None = None):
        # pytest's temporary folders are private to root: the cluster gets its own, owned
        # by postgres (removed by `remove`).
        self.port = free_port()
        self.folder = Path(tempfile.mkdtemp(prefix="apart-faults-pg-"))
        self.data = self.folder / "data"
        shutil.chown(self.folder, "postgres")

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/apart_faults"

    def _as_postgres(self, *command):
        subprocess.run(["su", "postgres", "-c", " ".join(map(str, command))], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip

    def init(self):
        self._as_postgres(PG_BIN / "initdb", "-D", self.data, "-A", "trust", "-U", "postgres")
        self.start()
        with psycopg.connect(self.dsn("postgres"), autocommit=True) as conn:
            conn.execute("CREATE DATABASE apart_faults")

    def dsn(self, name="apart_faults") -> str:
        return f"host=127.0.0.1 port={self.port} user=postgres dbname={name}"

    def start(self):
        self._as_postgres(
            PG_BIN / "pg_ctl", "-D", self.data, "-w", "-l", self.folder / "log",
            "-o", f"'-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1'", "start",
        )  # fmt: skip

    def stop(self, mode="immediate"):
        self._as_postgres(PG_BIN / "pg_ctl", "-D", self.data, "-m", mode, "-w", "stop")

    def stop_if_running(self):
        """For clean-ups: a cluster that a failed test left stopped is not an error."""
        with contextlib.suppress(subprocess.CalledProcessError):
            self.stop("fast")

    def remove(self):
        shutil.rmtree(self.folder, ignore_errors=True)

    def query(self, sql, *params):
        with psycopg.connect(self.dsn(), autocommit=True) as conn:
            return conn.execute(sql, params).fetchall()


class Portal:
    """The portal's processes (manage.py commands, gunicorn, Celery) on given services."""

    def __init__(self, folder: Path, database_url: str, redis_url: str, **extra):
        self.folder = folder
        self.sent_log = folder / "sent.jsonl"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "apart.settings",
            "DJANGO_ENV": "development",
            "DEBUG": "0",
            "ALLOWED_HOSTS": "127.0.0.1",
            "DATABASE_URL": database_url,
            "REDIS_URL": redis_url,
            "APART_VAR_DIR": str(folder / "var"),
            "CAPTCHA_TEST_MODE": "1",
            "EMAIL_BACKEND": "tests.email_backends.AppendLogBackend",
            "APART_SENT_LOG": str(self.sent_log),
            "OUTBOX_SWEEP_AFTER_SECONDS": "1",
            "OUTBOX_SWEEP_EVERY_SECONDS": "2",
            "ACCOUNT_REQUESTS_SWEEP_EVERY_SECONDS": "2",
            "ACCOUNT_REQUESTS_SWEEP_AFTER_SECONDS": "0",
            **extra,
        }
        for name in ("PYTEST_XDIST_WORKER", "CELERY_QUEUE"):
            self.env.pop(name, None)
        self.processes = []

    def manage(self, *args) -> str:
        result = subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=self.env,
            capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr[-2000:]
        return result.stdout

    def shell(self, code: str) -> str:
        return self.manage("shell", "-c", code)

    def spawn(self, *command, **env) -> subprocess.Popen:
        with open(self.folder / "processes.log", "a") as log:
            process = subprocess.Popen(
                command, cwd=ROOT, env={**self.env, **env}, start_new_session=True,
                stdout=subprocess.DEVNULL, stderr=log,
            )  # fmt: skip
        self.processes.append(process)
        return process

    def web(self) -> str:
        port = free_port()
        self.spawn(sys.executable, "-m", "gunicorn", "apart.wsgi", "--bind", f"127.0.0.1:{port}",
                   "--workers", "1", "--threads", "4", "--timeout", "60")  # fmt: skip
        url = f"http://127.0.0.1:{port}"
        import requests

        assert wait_for(lambda: requests.get(f"{url}/sante/", timeout=5).status_code == 200, 60)
        return url

    def worker(self, *extra, **env) -> subprocess.Popen:
        return self.spawn(sys.executable, "-m", "celery", "-A", "apart", "worker",
                          "--pool=solo", "--without-gossip", "--without-mingle",
                          "--without-heartbeat", "--loglevel=WARNING", *extra, **env)  # fmt: skip

    def beat(self) -> subprocess.Popen:
        schedule = self.folder / f"beat-{len(self.processes)}"
        return self.spawn(sys.executable, "-m", "celery", "-A", "apart", "beat",
                          "--loglevel=WARNING", "--schedule", str(schedule))  # fmt: skip

    @staticmethod
    def kill(process: subprocess.Popen):
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(10)

    def stop_all(self):
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
