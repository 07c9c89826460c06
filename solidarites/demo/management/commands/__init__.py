"""`load_demo` (the Plaisir 2015 scenario) and `bench_data` (the benchmark's scaled data)."""
