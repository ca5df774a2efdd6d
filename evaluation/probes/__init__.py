"""Probe areas for evaluation/probe.py: each module defines CASES, a list of (name, function)."""
