"""The site's own search: one record per thing a reader opens, indexed by position and sharded so that a query loads
only what it needs (Chinese by character bigram, English by word stem), with the vocabularies the browser reads a
query through. The browser side is docs/assets/search-engine.js (reading and ranking) and search.js (the pages)."""
from .index import write_search_index

__all__ = ["write_search_index"]
