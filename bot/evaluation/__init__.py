"""Measuring answers: question sets, metrics, the gate against baselines, the report, feedback."""
