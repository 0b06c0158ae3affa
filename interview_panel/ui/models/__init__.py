"""Qt table models: thin adapters over lists of domain objects (no SQL, no widgets)."""
