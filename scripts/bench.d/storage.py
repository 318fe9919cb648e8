"""Bytes stored per activity event, after a benchmark: storage.py ENGINE DATABASE (sqlite/aw: a file; postgres: a URL).
Prints 'events=N event_bytes=B per_event=X file_bytes=F per_event_file=Y': event_bytes counts the tables and
indexes that hold events (ours: events, their per-hour segments, interned strings if any; aw-server: eventmodel),
file_bytes the whole database (rollups, identities and all)."""
import sqlite3, subprocess, sys

engine, where = sys.argv[1], sys.argv[2]
OURS = ("activity_events", "activity_event_hours", "activity_texts", "activity_people", "activity_devices",
        "activity_segments")  # the last: the store before migration 9, for comparing old runs

if engine == "postgres":
    def q(sql):
        return subprocess.run(["psql", where, "-Atc", sql], check=True, capture_output=True, text=True).stdout.strip()
    tables = [t for t in q("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()").split() if t in OURS]
    events = int(q("SELECT count(*) FROM activity_events"))
    event_bytes = int(q("SELECT " + " + ".join(f"pg_total_relation_size('{t}')" for t in tables)))
    file_bytes = int(q("SELECT pg_database_size(current_database())"))
else:
    db = sqlite3.connect(where)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    table_of = {name: tbl for name, tbl in db.execute("SELECT name, tbl_name FROM sqlite_master WHERE type IN ('table','index')")}
    keep = ("eventmodel",) if engine == "aw" else OURS
    sizes = db.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name").fetchall()
    event_bytes = sum(size for name, size in sizes if table_of.get(name) in keep)
    events = db.execute("SELECT count(*) FROM " + ("eventmodel" if engine == "aw" else "activity_events")).fetchone()[0]
    page_size = db.execute("PRAGMA page_size").fetchone()[0]
    file_bytes = db.execute("PRAGMA page_count").fetchone()[0] * page_size
print(f"events={events} event_bytes={event_bytes} per_event={event_bytes / max(events, 1):.0f} "
      f"file_bytes={file_bytes} per_event_file={file_bytes / max(events, 1):.0f}")
