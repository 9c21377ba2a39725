"""Bulk seeders of the benchmark database, run in this order by `python -m bench.seed`.

A seeder is a module with `NAME`, `wanted(volumes) -> bool` (is the data there already?) and
`seed(cursor, volumes) -> dict` (rows written, by table). It writes with COPY or
INSERT … SELECT generate_series, never the ORM row by row. A seeder whose models are not in
this tree (DAP, DA, DI before their issues land) says so and writes nothing: add its module
here when the models exist (see bench/seeders/dap.py for the contract).
"""

from bench.seeders import dap, establishments, indemnisation, sends, support

SEEDERS = [establishments, support, dap, indemnisation, sends]
