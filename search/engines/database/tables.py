"""The index's tables by name: the live ones searches read, or the shadow copies a rebuild
fills beside them and then swaps in (:meth:`search.engines.database.DatabaseEngine.rebuild`).
"""

from dataclasses import dataclass

SHADOW_SUFFIX = "_next"
# SQLite: the live tables a swap replaced, until they are dropped after it.
REPLACED_SUFFIX = "_old"


@dataclass(frozen=True)
class Tables:
    suffix: str = ""

    @property
    def document(self) -> str:
        return "search_document" + self.suffix

    @property
    def lexicon(self) -> str:
        return "search_lexicon" + self.suffix

    @property
    def fts(self) -> str:
        return "search_fts" + self.suffix

    @property
    def token_bitmap(self) -> str:
        return "search_token_bitmap" + self.suffix

    @property
    def pg_match(self) -> str:
        return "search_pg_match" + self.suffix

    def live_name(self, name: str) -> str:
        return name.removesuffix(self.suffix) if self.suffix else name


LIVE = Tables()
SHADOW = Tables(SHADOW_SUFFIX)
REPLACED = Tables(REPLACED_SUFFIX)
