"""Measuring speed and staying power: the benchmark, its baselines, the scale run and the soak."""
