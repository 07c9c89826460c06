"""The demo app's management commands: `load_demo` and `bench_data`."""
