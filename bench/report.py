"""What bench/run.py needs around wrk: sessions, data files, SQL counts, the table."""

import http.client
import json
import os
import platform
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEMO_PASSWORD = "Demo-2020!"
CSRF = "benchcsrftoken0123456789abcdefgh"
LOGIN_ACCOUNTS = 5000
# The newest sendable drafts are left out of wrk's files: the SQL count pass (bench.queries)
# and bench.profile send those.
SEND_RESERVED = 50
DAP_EMPLOYER = "bench.employeur40"  # its establishment has five sent DAPs (bench/seeders/dap.py)


def http_status(port: int, path: str) -> int | None:
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        connection.request("GET", path)
        return connection.getresponse().status
    except OSError:
        return None


def login_cookie(port: int, identifiant: str, password: str = DEMO_PASSWORD) -> str:
    """A real login through the portal; the Cookie header of the new session."""
    body = f"csrfmiddlewaretoken={CSRF}&username={identifiant}&password={password}"
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request(
        "POST",
        "/compte/connexion/",
        body=body,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={CSRF}",
        },
    )
    response = connection.getresponse()
    for header, value in response.getheaders():
        if header.lower() == "set-cookie" and value.startswith("sessionid="):
            return value.split(";", 1)[0]
    raise RuntimeError(f"connexion de {identifiant} refusée ({response.status})")


def scenario_context(port: int, workdir: Path) -> dict:
    import psycopg

    from bench.seeders.establishments import unfiled_sirets

    cookies = {who: login_cookie(port, who) for who in ("demo.comptable", "demo.employeur")}
    cookies["demo.support"] = login_cookie(port, "demo.support")
    cookies["demo.agent75"] = login_cookie(port, "demo.agent75")
    cookies[DAP_EMPLOYER] = login_cookie(port, DAP_EMPLOYER, password="Bench-2020!")
    with psycopg.connect(os.environ["DATABASE_URL"]) as connection:
        cursor = connection.cursor()
        cursor.execute(
            """
            SELECT e.siret FROM establishments_establishment e
            JOIN accounts_user u ON u.id = e.principal_user_id
            WHERE u.identifiant = 'demo.employeur' ORDER BY e.siret LIMIT 1
            """
        )
        fiche_siret = cursor.fetchone()[0]
        cursor.execute(
            "SELECT number FROM dap_authorizationrequest WHERE number LIKE 'DAP075%%' "
            "AND status = 'sent' ORDER BY id LIMIT 1"
        )
        row = cursor.fetchone()
        dap_number = row[0] if row else ""
        di_employer, di_claim = _di_sample(cursor)

        class Wrapped:  # unfiled_sirets takes Django's cursor wrapper
            def __init__(self, inner):
                self.cursor = inner

            def __getattr__(self, name):
                return getattr(self.cursor, name)

        sirets = unfiled_sirets(Wrapped(cursor))
        sender = _send_files(Wrapped(cursor), workdir)
    (workdir / "sirets.txt").write_text("\n".join(sirets) + "\n")
    logins = [f"bench.employeur{n}" for n in range(LOGIN_ACCOUNTS)]
    (workdir / "logins.txt").write_text("\n".join(logins) + "\n")
    if di_employer:
        cookies[di_employer] = login_cookie(port, di_employer, password="Bench-2020!")
    if sender:
        cookies[sender] = login_cookie(port, sender, password="Bench-2020!")
    return {
        "sender": sender,
        "cookies": cookies,
        "fiche_siret": fiche_siret,
        "dap_number": dap_number,
        "di_employer": di_employer,
        "di_claim": di_claim,
    }


def _send_files(cursor, workdir: Path) -> str:
    """The drafts of the send scenarios, oldest first, one per line; the sender, or "" when
    bench/seeders/sends.py has not run (then no send scenario)."""
    from bench.scenarios import SENDS
    from bench.seeders import sends

    try:
        items = {key: sends.sendable(cursor, key) for key in SENDS}
    except Exception:  # noqa: BLE001 — no DAP or DI tables in this tree
        cursor.connection.rollback()
        return ""
    for key, values in items.items():
        kept = values[: max(len(values) - SEND_RESERVED, 0)]
        (workdir / f"{key}.txt").write_text("".join(f"{value}\n" for value in kept))
    return sends.SENDER if all(len(v) > SEND_RESERVED for v in items.values()) else ""


def confirm_sends(scenario, workdir: Path, result: dict) -> dict:
    """A send and a refused send redirect alike: count the real ones in the database, and
    any redirect without a send as unexpected."""
    import psycopg

    from bench.seeders import sends

    items = (workdir / f"{scenario.data}.txt").read_text().split()
    with psycopg.connect(os.environ["DATABASE_URL"]) as connection:
        sent = sends.count_sent(connection.cursor(), scenario.key, items)
    if sent < result["ok"]:
        result = {**result, "unexpected": result["unexpected"] + result["ok"] - sent, "ok": sent}
    return result


def _di_sample(cursor) -> tuple[str, int | None]:
    """A seeded employer with demandes d'indemnisation (bench/seeders/indemnisation.py)."""
    try:
        cursor.execute(
            "SELECT u.identifiant, c.id FROM indemnisation_claim c "
            "JOIN establishments_establishment e ON e.id = c.establishment_id "
            "JOIN accounts_user u ON u.id = e.principal_user_id "
            "WHERE c.number LIKE 'DIZ%%' AND u.identifiant LIKE 'bench.%%' ORDER BY c.id LIMIT 1"
        )
    except Exception:  # noqa: BLE001 — no DI tables in this tree
        cursor.connection.rollback()
        return "", None
    row = cursor.fetchone()
    return (row[0], row[1]) if row else ("", None)


def query_counts(env: dict, chosen) -> dict:
    """SQL queries per request, from a separate pass with Django's test client."""
    plan = [
        {"key": s.key, "path": s.path, "user": s.user, "kind": s.kind, "mode": s.mode}
        for s in chosen
        if s.kind in ("read", "login", "filing")
    ]
    output = subprocess.run(
        [sys.executable, "-m", "bench.queries"],
        input=json.dumps(plan),
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def _ms(us: int) -> str:
    return f"{us / 1000:.1f}"


def table(results, ceilings, queries, duration) -> str:
    ceiling_rates = sorted(c["requests"] / (c["duration_us"] / 1e6) for c in ceilings)
    ceiling = ceiling_rates[len(ceiling_rates) // 2]
    lines = [
        "| scénario | req/s | p50 ms | p95 ms | p99 ms | erreurs | SQL/req | % plafond | cible "
        "| note |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|---|",
        f"| plafond (vue triviale, médiane de {len(ceilings)}) | {ceiling:.0f} | | | | "
        f"{sum(_errors(c) for c in ceilings)} | 0 | 100 % | | "
        f"{', '.join(f'{r:.0f}' for r in ceiling_rates)} req/s |",
    ]
    for scenario, result in results:
        seconds = result["duration_us"] / 1e6
        rate = result["requests"] / seconds
        note = ""
        if scenario.mode == "post":
            note = f"**{result['ok'] / seconds:.0f} envois/s** (1 POST chacun, comptés en base)"
        elif scenario.kind == "filing":
            note = f"**{result['ok'] / seconds:.0f} dépôts/s** (2 POST chacun)"
        elif scenario.kind == "login":
            note = f"{result['ok'] / seconds:.0f} connexions/s ; {password_hash_cost()}"
        share = f"{100 * rate / ceiling:.0f} %" if scenario.kind == "read" else ""
        lines.append(
            f"| {scenario.label} | {rate:.0f} | {_ms(result['p50_us'])} | {_ms(result['p95_us'])}"
            f" | {_ms(result['p99_us'])} | {_errors(result)} | {queries.get(scenario.key, '')}"
            f" | {share} | {_target(scenario, result, rate, ceiling)} | {note} |"
        )
    return "\n".join(lines)


def password_hash_cost(runs: int = 20) -> str:
    """The login's own price, apart from the page: one Argon2id verification with the
    portal's parameters (accounts.hashers), in CPU time of this process."""
    import time

    from argon2 import PasswordHasher

    from accounts.hashers import TunedArgon2PasswordHasher as Tuned

    hasher = PasswordHasher(
        time_cost=Tuned.time_cost, memory_cost=Tuned.memory_cost, parallelism=Tuned.parallelism
    )
    digest = hasher.hash("Bench-2020!")
    started = time.process_time()
    for _ in range(runs):
        hasher.verify(digest, "Bench-2020!")
    cost = (time.process_time() - started) / runs
    return (
        f"Argon2id (t={Tuned.time_cost}, m={Tuned.memory_cost // 1024} Mio, "
        f"p={Tuned.parallelism}) : {cost * 1000:.0f} ms de CPU par vérification, "
        f"au plus {1 / cost:.0f} connexions/s par cœur"
    )


def _target(scenario, result, rate, ceiling) -> str:
    """Issue 14's targets: no error; a read page at 35 % of the ceiling with p95 under
    100 ms; 125 filings per second. Login has none (its cost is the hash, sized apart)."""
    if _errors(result):
        return "non (erreurs)"
    if scenario.kind == "read":
        ok = rate >= 0.35 * ceiling and result["p95_us"] < 100_000
        return "oui" if ok else "non"
    if scenario.kind == "filing":
        filings = result["ok"] / (result["duration_us"] / 1e6)
        return "oui" if filings >= 125 else "non"
    return ""


def _errors(result: dict) -> int:
    return (
        result["socket_errors"]
        + result["status_errors"]
        + result["timeouts"]
        + result["unexpected"]
    )


def save_raw(results, ceilings, queries) -> None:
    out = ROOT / "var" / "bench"
    out.mkdir(parents=True, exist_ok=True)
    raw = {
        "ceilings": ceilings,
        "queries": queries,
        "results": {scenario.key: result for scenario, result in results},
    }
    (out / "raw.json").write_text(json.dumps(raw, indent=1))


def save(table_text: str, **settings) -> Path:
    """The table with the machine it came from, in var/bench/latest.md."""
    out = ROOT / "var" / "bench"
    out.mkdir(parents=True, exist_ok=True)
    path = out / "latest.md"
    path.write_text(f"{machine(**settings)}\n\n{table_text}\n")
    print(f"\n(tableau enregistré dans {path.relative_to(ROOT)})")
    return path


def machine(**settings) -> str:
    memory = ""
    try:
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f"{kib / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    versions = subprocess.run(
        [sys.executable, "-m", "bench.versions"], capture_output=True, text=True, cwd=ROOT
    ).stdout.strip()
    details = ", ".join(f"{k} {v}" for k, v in settings.items())
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    return (
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC — {platform.node()}: {os.cpu_count()} cœurs, "
        f"{memory} RAM, Python {platform.python_version()}, {versions}; {details}; "
        f"charge moyenne (1, 5, 15 min) en fin de mesure : {load}"
    )
