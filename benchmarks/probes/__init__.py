"""Probe areas for benchmarks/probe.py: each module defines CASES, a list of (name, function)."""
