"""The recruiter: one title edit every so many seconds on a timer thread while a phase
lasts (`Editor`), each the admin's write through the ORM (`edit`), and the edited postings
given their titles back at the end (`restore`)."""

import threading
import time

MARKER = " (edited)"


class Editor(threading.Thread):
    """One title edit every `interval` seconds while a phase lasts, the first half an interval
    in: the edits are spread over the phase as a steady recruiter's would be."""

    def __init__(self, interval, duration, pks, rng, originals):
        super().__init__(daemon=True)
        self.interval, self.duration, self.pks, self.rng = interval, duration, pks, rng
        self.originals = originals  # pk -> (title, edited_at) before the first edit
        self.stopping = threading.Event()
        self.edits, self.errors = [], []

    def run(self):
        from django.db import connection

        started = time.monotonic()
        # A phase shorter than the interval still gets its one edit, halfway through.
        first = min(self.interval, self.duration) / 2
        try:
            for k in range(10**9):
                due = first + self.interval * k
                if due >= self.duration or self.stopping.wait(
                    max(0.0, started + due - time.monotonic())
                ):
                    break
                pk = self.rng.choice(self.pks)
                at, epoch, begun = time.monotonic() - started, time.time(), time.perf_counter()
                try:
                    edit(pk, self.originals)
                    ms = (time.perf_counter() - begun) * 1000
                    self.edits.append({"at_s": round(at, 2), "epoch": epoch, "pk": pk, "ms": ms})
                except Exception as error:  # reported, and the run fails
                    self.errors.append(f"posting {pk}: {type(error).__name__}: {error}")
        finally:
            connection.close()  # this thread's own connection

    def stop(self):
        self.stopping.set()
        self.join()


def edit(pk, originals):
    """The admin's write: load the posting, change its title, remember the edit, save()."""
    from django.utils import timezone

    from postings.models import Posting

    posting = Posting.objects.get(pk=pk)
    originals.setdefault(pk, (posting.title, posting.edited_at))
    if posting.title.endswith(MARKER):
        posting.title = posting.title.removesuffix(MARKER)
    else:
        limit = Posting._meta.get_field("title").max_length - len(MARKER)
        posting.title = posting.title[:limit] + MARKER
    posting.edited_at = timezone.now()  # what PostingAdmin.save_model() sets
    posting.save()


def restore(originals):
    """Give the edited postings their titles (and edited_at) back, through the same save()."""
    from postings.models import Posting

    for posting in Posting.objects.filter(pk__in=originals):
        title, edited_at = originals[posting.pk]
        if (posting.title, posting.edited_at) != (title, edited_at):
            posting.title, posting.edited_at = title, edited_at
            posting.save()
