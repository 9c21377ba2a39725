"""PostgreSQL and Redis versions of the benchmark (printed beside the table)."""

import os

import psycopg
import redis


def main() -> None:
    with psycopg.connect(os.environ["DATABASE_URL"]) as connection:
        pg = connection.execute("SHOW server_version").fetchone()[0].split()[0]
    info = redis.Redis.from_url(os.environ["REDIS_URL"]).info("server")
    print(f"PostgreSQL {pg}, Redis {info['redis_version']}")


if __name__ == "__main__":
    main()
