"""The demo and benchmark app (development only): the Plaisir 2015 scenario, `load_demo`, `bench_data` and the
benchmark floor view. Installed and routed only in development or when the benchmark asks for it; nothing
imports it (import-linter checks it)."""
