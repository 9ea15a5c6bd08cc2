"""Test settings shared by every test module."""
import os

from hypothesis import settings

# `make test` runs the property tests with fixed examples, so CI gives the same answer every time;
# `make fuzz` (FUZZ_EXAMPLES set) explores with fresh random examples.
settings.register_profile("deterministic", derandomize=True, deadline=None)
settings.register_profile("explore", deadline=None)
settings.load_profile("explore" if os.environ.get("FUZZ_EXAMPLES") else "deterministic")
