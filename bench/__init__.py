"""Benchmarks: `make bench` runs every `bench/bench_*.py` module's `run()` and prints its rows.

Each `run()` returns a list of rows `(name, figure, note)`; figures that compare two things are
measured side by side in the same run, so the ratio holds on a noisy, shared machine.
"""
