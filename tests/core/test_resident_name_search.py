"""The resident index's name search (every typed word in the name, case-folded) found with one
``str.find`` over the joined names must give exactly what a test of each name gives."""

from __future__ import annotations

from array import array

from hypothesis import given
from hypothesis import strategies as st

from app.core.repo.residents import ResidentIndex

NAMES = st.lists(st.text(alphabet="abAB sṢ\n\0ı", max_size=8), max_size=30)
WORDS = st.lists(st.text(alphabet="abAB sṢı", min_size=1, max_size=3).filter(str.strip),
                 min_size=1, max_size=3)


def index_of(names: list[str]) -> ResidentIndex:
    index = ResidentIndex(None)  # no database: the name table is set by hand
    raw = sorted(names)
    index._names = (array("q", range(10, 10 + len(raw))), [n.casefold() for n in raw])
    return index


@given(NAMES, WORDS)
def test_found_names_are_those_holding_every_word(names: list[str], words: list[str]) -> None:
    index = index_of(names)
    words = [p for w in words for p in w.split()]
    ids, folded = index._names
    folds = {w.casefold() for w in words}
    expected = [i for i, n in zip(ids, folded, strict=True) if all(w in n for w in folds)]
    assert list(index._name_matches(words)) == expected


def test_a_name_holding_a_word_twice_is_found_once() -> None:
    index = index_of(["ana ana", "banana", "bob"])
    assert list(index._name_matches(["an"])) == [10, 11]
    assert list(index._name_matches(["Ana"])) == [10, 11]
    assert list(index._name_matches(["zz"])) == []
