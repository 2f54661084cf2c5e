class TracksRenames:
    """Remembers the name last loaded or saved. Only a rename changes the search documents
    of the postings that show the name (postings/signals.py), so other saves reindex nothing."""

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._saved_name = instance.__dict__.get("name")  # absent if deferred
        return instance

    @property
    def renamed(self):
        return self.name != getattr(self, "_saved_name", None)

    def name_saved(self):
        self._saved_name = self.name
