"""Benchmarks at regional scale: seed, load, report (see bench/README.md)."""
