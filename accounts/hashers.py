from django.contrib.auth.hashers import Argon2PasswordHasher


class TunedArgon2PasswordHasher(Argon2PasswordHasher):
    """Argon2id sized for a 2-core, 24 GiB server facing a login rush.

    Django's defaults (time_cost=2, memory_cost=100 MiB, parallelism=8) cost ~100 MiB of RAM
    per concurrent login: 200 simultaneous logins would need 20 GiB. 19 MiB with 2 passes
    and parallelism 1 is OWASP's first recommended Argon2id configuration (m=19 MiB, t=2,
    p=1); the measured cost is in the README. Hashes made with other parameters still
    verify and are upgraded at the next successful login.
    """

    algorithm = "argon2"
    time_cost = 2
    memory_cost = 19 * 1024
    parallelism = 1
