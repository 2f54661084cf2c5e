"""The secondary indexes of the big tables: dropped during the load, their definitions kept
to create them again at its end (copy_load does, in the same transaction)."""

# The big tables a load fills: their secondary indexes are dropped during it.
INDEXED_LATER = [
    "postings_posting",
    "postings_taggedposting",
    "postings_posting_places",
    "postings_search",
]


def drop_secondary_indexes(cursor):
    """Drop the indexes of the big tables that back no constraint; return their definitions."""
    cursor.execute(
        """SELECT index.indexrelid::regclass::text, pg_get_indexdef(index.indexrelid)
        FROM pg_index AS index
        WHERE index.indrelid = ANY(%s::regclass[]) AND NOT index.indisprimary
            AND NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conindid = index.indexrelid)
        ORDER BY index.indexrelid""",
        [INDEXED_LATER],
    )
    indexes = cursor.fetchall()
    for name, _ in indexes:
        cursor.execute(f"DROP INDEX {name}")
    return [definition for _, definition in indexes]
