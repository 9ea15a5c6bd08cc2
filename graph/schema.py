"""What the graph holds: node and edge columns, the relations a plan follows to what it serves."""
from __future__ import annotations

from pipeline.model import LEVELS

NODE_COLUMNS = [
    "node", "type", "symbol", "date", "issuer", "issuer_body", "level", "place", "title", "ingested",
    "document", "source", "forms", "year", "term", "replaced_by", "replaced_on",
    # graph/status.py: in force, amended, replaced, from what the corpus and the shipped lists state
    "status", "amended_by", "status_evidence",
]
EDGE_COLUMNS = ["source", "target", "relation", "kind", "document", "page", "start", "end", "sentence"]
# Edges a plan follows to reach what it serves: the document carries it out as a whole (implements),
# a task carries it out (applies), or a third document states it (chain edges carry their own relation).
IMPLEMENTATION_RELATIONS = ("implements", "applies")
LEVEL_RANK = {level: i for i, level in enumerate(LEVELS)}
