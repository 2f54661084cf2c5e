"""bulk_load's decisions replayed in memory: what its Upserter and PostingWriter decide
against the database (a company's row and spelling, a tag's slug, a place's row and slug, a
posting's slug, the links' ids), decided here in the same order, a batch at a time, against
tables kept in memory (`MemoryTable`); the rows to COPY collected per group (`Loader`)."""

import functools


class _Found(list):
    def exists(self):
        return bool(self)


class MemoryTable:
    """Just enough of a model's manager, over rows kept in memory, for the project's helpers
    that ask the database (`unique_slug`, `PlaceBook`): filter by slug or by keys, and
    get_or_create by key. New rows get the next id, as the table's identity column would."""

    def __init__(self, model, next_id):
        self.model = model
        self.objects = self
        self.next_id = next_id
        self.rows = []
        self.by_key = {}
        self.slugs = set()

    def filter(self, **lookups):
        ((lookup, value),) = lookups.items()
        if lookup == "slug":
            return _Found([True] if value in self.slugs else [])
        if lookup == "key__in":
            return _Found(self.by_key[key] for key in value if key in self.by_key)
        raise NotImplementedError(lookup)

    def get_or_create(self, key, defaults):
        if key in self.by_key:
            return self.by_key[key], False
        return self.add(self.model(key=key, **defaults)), True

    def add(self, row):
        row.pk = self.take_id()
        self.rows.append(row)
        self.slugs.add(row.slug)
        if getattr(row, "key", None) is not None:
            self.by_key[row.key] = row
        return row

    def take_id(self):
        self.next_id += 1
        return self.next_id - 1


class Loader:
    """bulk_load's decisions, a batch at a time, against tables kept in memory; the rows to
    COPY collected per group."""

    def __init__(self, next_ids, batch_size):
        from postings.companies import better_name
        from postings.models import Company, Place, Posting, Tag
        from postings.places import PlaceBook

        self.batch_size = batch_size
        self.companies = MemoryTable(Company, next_ids["postings_company"])
        self.company_by_key = {}  # Upserter.companies
        self.better_name = functools.lru_cache(maxsize=None)(better_name)
        self.renamed_in = {}  # company id -> the last batch that renamed it
        self.tag_table = MemoryTable(Tag, next_ids["postings_tag"])
        self.tags = {}  # Upserter.tags: name as the file has it -> row
        self.tag_names = {}  # name as stored -> row
        self.tag_slugger = Tag()
        self.places = MemoryTable(Place, next_ids["postings_place"])
        self.place_book = PlaceBook(place_model=self.places)
        self.next_posting = next_ids["postings_posting"]
        self.next_place_link = next_ids["postings_posting_places"]
        self.next_tagged = next_ids["postings_taggedposting"]
        self.first_of_batch = []  # the first posting id of each batch
        self.posting_slugs = set()
        # What a new Posting has in the fields the importer leaves alone.
        unset = Posting()
        self.unset = {
            field: getattr(unset, field)
            for field in (
                "expires_at",
                "edited_at",
                "salary_currency",
                "salary_max",
                "salary_min",
                "salary_period",
            )
        }
        self.new_group()

    def new_group(self):
        self.postings, self.place_links, self.tagged, self.documents = [], [], [], []

    @property
    def group_size(self):
        return len(self.postings)

    def batch(self, items):
        """One bulk_load batch (Upserter.write_many then PostingWriter.write), in its order."""
        from django.utils import timezone

        from postings.models import Status
        from postings.search import document

        number = len(self.first_of_batch)
        self.first_of_batch.append(self.next_posting)
        now = timezone.now()
        # Upserter.fill(), posting by posting: the company of each.
        companies = [self.company(item.data, item.company_key, number, now) for item in items]
        tags = [[self.tag(name) for name in item.data.tags] for item in items]
        # name_new_postings() and Posting.derive(): with the companies' names of now.
        slugs = self.slugs([item.data for item in items], companies)
        for item, company, tag_rows, slug in zip(items, companies, tags, slugs, strict=True):
            data, derived = item.data, item.derived
            posting_id = self.next_posting
            self.next_posting += 1
            links = self.place_book.links(item.location)
            self.postings.append(
                (
                    posting_id,
                    data.title,
                    slug,
                    data.url,
                    data.apply_url,
                    data.host,
                    data.location,
                    item.location.remote,
                    data.job_type,
                    data.posted_at or now,
                    data.summary,
                    data.featured,
                    self.unset["expires_at"],
                    data.body,
                    derived.body_html,
                    data.source_hash,
                    now,
                    now,
                    company.pk,
                    derived.contract,
                    derived.level,
                    self.unset["edited_at"],
                    now,
                    self.unset["salary_currency"],
                    self.unset["salary_max"],
                    self.unset["salary_min"],
                    self.unset["salary_period"],
                    (Status.ARCHIVED if data.archived else Status.PUBLISHED).value,
                    item.remote_continents,
                )
            )
            for (_, remote), (row, named) in links.items():
                self.place_links.append((self.next_place_link, remote, named, row.pk, posting_id))
                self.next_place_link += 1
            for tag in tag_rows:
                self.tagged.append((self.next_tagged, posting_id, tag.pk))
                self.next_tagged += 1
            title, meta, _ = document(
                data.title,
                company.name,
                data.location,
                [tag.name for tag in tag_rows],
                [row.name for row, _ in links.values()],
                "",
            )
            self.documents.append((posting_id, title, meta, item.body_words, item.body_vector))

    def company(self, data, key, batch, now):
        """Upserter.company(), against the companies met so far (all there are)."""
        from postings.models import unique_slug

        company = self.company_by_key.get(key)
        if company is None:
            # Company.objects.named() finds nothing the upserter has not met: create it.
            company = self.companies.model(
                name=data.company_name,
                website=data.company_website,
                logo_url=data.logo_url,
                key=key,
                slug=unique_slug(self.companies, data.company_name, fallback="company"),
                created_at=now,
                updated_at=now,
            )
            self.companies.add(company)
        changes = {}
        if key == company.key:
            changes["name"] = self.better_name(company.name, data.company_name)
        for field, value in (("website", data.company_website), ("logo_url", data.logo_url)):
            if value and not getattr(company, field):
                changes[field] = value
        changed = [field for field, value in changes.items() if getattr(company, field) != value]
        for field in changed:
            setattr(company, field, changes[field])
        if changed:
            company.updated_at = now
        if "name" in changed:
            # Its signal reindexed the postings already written (postings/signals.py).
            self.renamed_in[company.pk] = batch
        self.company_by_key[key] = self.company_by_key[company.key] = company
        return company

    def tag(self, name):
        """Upserter.tag(): Tag.objects.create() is Tag.save() and taggit's TagBase.save()."""
        from postings.tags import normalize_tag

        if name not in self.tags:
            tag = self.tag_names.get(name)
            if tag is None:
                tag = self.tag_table.model(name=normalize_tag(name))
                if tag.name in self.tag_names:
                    raise ValueError(f"bulk_load would fail here: tag {tag.name!r} exists")
                tag.slug = self.tag_slugger.slugify(tag.name)
                if tag.slug in self.tag_table.slugs:
                    # The first INSERT failed on the slug, and took an id with it.
                    self.tag_table.take_id()
                    similar = {s for s in self.tag_table.slugs if s.startswith(tag.slug)}
                    i = 1
                    while self.tag_slugger.slugify(tag.name, i) in similar:
                        i += 1
                    tag.slug = self.tag_slugger.slugify(tag.name, i)
                self.tag_table.add(tag)
                self.tag_names[tag.name] = tag
            self.tags[name] = tag
        return self.tags[name]

    def slugs(self, datas, companies):
        """name_new_postings(), then posting_slug() for those it left without one."""
        from postings.derive import slug_candidates

        candidates = [
            slug_candidates(data.title, company.name, data.url)
            for data, company in zip(datas, companies, strict=True)
        ]
        wanted = {slugs[0]: n for n, slugs in enumerate(candidates)}
        chosen = [None] * len(datas)
        for slug, n in wanted.items():
            if slug not in self.posting_slugs:
                chosen[n] = slug
        for n, slugs in enumerate(candidates):
            if chosen[n] is None:
                *shorter, whole = slugs
                chosen[n] = next((s for s in shorter if s not in self.posting_slugs), whole)
        if len(set(chosen)) != len(chosen):
            raise ValueError("bulk_load would fail here: two postings of a batch share a slug")
        self.posting_slugs.update(chosen)
        return chosen

    def stale_documents(self):
        """(company id, first posting id of the batch that last renamed it): its postings
        before that one were indexed again by the rename, under the company's last name."""
        return [(company, self.first_of_batch[batch]) for company, batch in self.renamed_in.items()]
