"""Benchmarks (run by hand, printing figures) and the speech-audio helpers they share with the tests."""
