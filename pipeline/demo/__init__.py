"""Test and demo material the project makes itself, apart from the pipeline's stages: the seed
documents rendered as PDFs, scans and page images (`samples`), and synthetic corpora of any size
for tests and benchmarks (`synthetic`)."""
