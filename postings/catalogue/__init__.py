"""The catalogue: what candidates can see, and how every process keeps up with it.

- `ddl.py`: the catalogue version and the change log, kept by triggers on both databases
  (their SQLite and PostgreSQL forms side by side);
- `state.py`: the state a cached page is keyed under, read once per request;
- `index.py`: a per-process index of the live postings (a bitmap per tag, place, job type,
  level, contract, company), kept in step with the change log;
- `counting.py`: a result set and every facet count of the list, from that index;
- `ordering.py`: a page of a result set in the list's orders, without sorting it in SQL.
"""
