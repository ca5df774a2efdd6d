"""Where the heavy steps may run instead of this process: ray.py spreads extraction and
encoding over a Ray cluster."""
