"""Benchmarks that print figures and side-by-side ratios (`softdiag bench ...`)."""
