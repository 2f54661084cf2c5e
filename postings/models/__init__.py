"""The board's models, a module per part: who manages what (roles), companies, tags, places,
postings, and the search documents. Import them from here."""

from .companies import Company, CompanyAlias, CompanyQuerySet, unique_slug
from .places import PLACED_KINDS, Place, PlaceAlias, PlaceKind, PostingPlace, named_places
from .postings import (
    MAX_BODY_LENGTH,
    Posting,
    PostingQuerySet,
    SalaryPeriod,
    Status,
    live_q,
    posting_slug,
)
from .roles import MODERATORS, RECRUITERS, sees_everything
from .search import PostingSearch
from .tags import Tag, TaggedPosting

__all__ = [
    "MAX_BODY_LENGTH",
    "MODERATORS",
    "PLACED_KINDS",
    "RECRUITERS",
    "Company",
    "CompanyAlias",
    "CompanyQuerySet",
    "Place",
    "PlaceAlias",
    "PlaceKind",
    "Posting",
    "PostingPlace",
    "PostingQuerySet",
    "PostingSearch",
    "SalaryPeriod",
    "Status",
    "Tag",
    "TaggedPosting",
    "live_q",
    "named_places",
    "posting_slug",
    "sees_everything",
    "unique_slug",
]
