"""The SQLite store: schema and migrations, ingest, flags, pages (via sqlite-utils)."""
