"""Reference data shipped with the app: Kemendagri regions and the coded lists.

Everything here is Qt-free and lazy: importing the module reads no file. The region list
(``resources/reference/wilayah.tsv.gz``, built by ``tools/build_reference.py``) is read on the
first region call (about 0.1 s) and kept in memory; each JSON list is read on first use.

Region codes are Kemendagri codes (never BPS codes) in dotted form ``PP.KK.CC.DDDD``:
``18`` Lampung, ``18.07`` Kabupaten Lampung Timur, ``18.07.01`` Kecamatan Sukadana,
``18.07.01.2001`` Desa Sukadana. Functions that look something up accept the dotted or the
plain-digit form (``1807012001``) and answer ``None`` / ``False`` / ``[]`` for a malformed or
unknown code; only the ``require_*`` helpers and :func:`villages_of_regency` raise
:class:`~app.core.errors.AppError`.

Coded lists (``countries``, ``case_types``, ``return_reasons``, ``schemes``, ``sectors``,
``documents``, ``referrals``, ``shdk``, ``education``, ``marital_status``, ``activity_kinds``,
``relations``) are JSON files ``resources/reference/<name>.json``: a list of
``{"code", "id", "en"}`` objects with an optional ``"retired": true`` and optional extra keys
(e.g. ``"min_age"``). Codes are never reused; a retired code stays readable (labels) but is no
longer offered (:func:`active_codes`).
"""

from __future__ import annotations

import json
import re
import sys
import threading
from bisect import bisect_left
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal

from app.core.errors import AppError

RegionLevel = Literal["provinsi", "kabupaten", "kecamatan", "desa"]

REGIONS_FILE = "wilayah.tsv.gz"

MESSAGES: dict[str, tuple[str, str]] = {
    "reference.missing": (
        "Berkas data rujukan {path} tidak ditemukan. Pasang ulang aplikasi.",
        "The reference data file {path} is missing. Reinstall the application.",
    ),
    "reference.invalid": (
        "Berkas data rujukan {path} rusak ({detail}). Pasang ulang aplikasi.",
        "The reference data file {path} is damaged ({detail}). Reinstall the application.",
    ),
    "reference.unknown_list": (
        "Daftar rujukan \u201c{name}\u201d tidak dikenal.",
        "Unknown reference list \u201c{name}\u201d.",
    ),
    "region.malformed": (
        "Kode wilayah {region} tidak sesuai bentuk PP.KK.CC.DDDD (contoh: 18.07.01.2001).",
        "Region code {region} does not have the form PP.KK.CC.DDDD (e.g. 18.07.01.2001).",
    ),
    "region.unknown": (
        "Kode wilayah {region} tidak ada dalam daftar Kemendagri.",
        "Region code {region} is not in the Kemendagri list.",
    ),
    "region.not_province": (
        "Kode {region} bukan kode provinsi (bentuk PP, contoh: 18).",
        "Code {region} is not a province code (form PP, e.g. 18).",
    ),
    "region.not_regency": (
        "Kode {region} bukan kode kabupaten/kota (bentuk PP.KK, contoh: 18.07).",
        "Code {region} is not a regency/city code (form PP.KK, e.g. 18.07).",
    ),
    "region.not_district": (
        "Kode {region} bukan kode kecamatan (bentuk PP.KK.CC, contoh: 18.07.01).",
        "Code {region} is not a district code (form PP.KK.CC, e.g. 18.07.01).",
    ),
    "region.not_village": (
        "Kode {region} bukan kode desa/kelurahan (bentuk PP.KK.CC.DDDD, contoh: 18.07.01.2001).",
        "Code {region} is not a village code (form PP.KK.CC.DDDD, e.g. 18.07.01.2001).",
    ),
}

_LEVELS: tuple[RegionLevel, ...] = ("provinsi", "kabupaten", "kecamatan", "desa")
_NOT_LEVEL = {
    "provinsi": "region.not_province",
    "kabupaten": "region.not_regency",
    "kecamatan": "region.not_district",
    "desa": "region.not_village",
}
_DOTTED = re.compile(r"[0-9]{2}(?:\.[0-9]{2}(?:\.[0-9]{2}(?:\.[0-9]{4})?)?)?")
_PLAIN = re.compile(r"[0-9]{2}(?:[0-9]{2}(?:[0-9]{2}(?:[0-9]{4})?)?)?")
_CODE_QUERY = re.compile(r"[0-9][0-9.]*")
_LIST_NAME = re.compile(r"[a-z][a-z0-9_]*")


# --------------------------------------------------------------------------------------------
# Where the files are


def resources_dir() -> Path:
    """The ``resources/`` folder: under ``sys._MEIPASS`` in a PyInstaller build, else the one at
    the top of the source checkout (beside ``app/``)."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidate = Path(bundle) / "resources"
        if candidate.is_dir():
            return candidate
    return Path(__file__).resolve().parents[2] / "resources"


def reference_dir() -> Path:
    """The ``resources/reference/`` folder holding the region file and the JSON lists."""
    return resources_dir() / "reference"


# --------------------------------------------------------------------------------------------
# Region codes


def normalize_region_code(text: str) -> str | None:
    """The dotted form of a Kemendagri code, or ``None`` if ``text`` is not shaped like one.

    Accepts ``"18"``, ``"1807"``, ``"180701"``, ``"1807012001"`` and their dotted forms
    (``"18.07.01.2001"``), with surrounding spaces. Whether the region exists is not checked
    (see :func:`is_known_region`).
    """
    if not isinstance(text, str):
        return None
    s = text.strip()
    if _DOTTED.fullmatch(s):
        return s
    if _PLAIN.fullmatch(s):
        return ".".join(p for p in (s[0:2], s[2:4], s[4:6], s[6:10]) if p)
    return None


def region_level(code: str) -> RegionLevel | None:
    """``"provinsi"``, ``"kabupaten"`` (regency or city), ``"kecamatan"`` or ``"desa"`` (desa
    or kelurahan), from the shape of the code alone; ``None`` if malformed."""
    dotted = normalize_region_code(code)
    return None if dotted is None else _LEVELS[dotted.count(".")]


def parent_code(code: str) -> str | None:
    """The dotted code one level up (``18.07.01`` for ``18.07.01.2001``); ``None`` for a
    province or a malformed code. Existence is not checked."""
    dotted = normalize_region_code(code)
    if dotted is None or "." not in dotted:
        return None
    return dotted[: dotted.rfind(".")]


# --------------------------------------------------------------------------------------------
# Region data


@dataclass(frozen=True, slots=True)
class VillageHit:
    """A village (desa or kelurahan) with the names of the regions above it, for display."""

    code: str
    name: str
    district: str
    regency: str
    province: str

    @property
    def is_kelurahan(self) -> bool:
        """Kelurahan codes have a fourth segment starting with 1; desa start with 2 (or 3)."""
        return self.code[9:10] == "1"

    @property
    def label(self) -> str:
        """One line, e.g. ``"Sukadana, Kec. Sukadana, Kabupaten Lampung Timur, Lampung"``."""
        unit = "Distrik" if self.code[:2] >= "91" else "Kec."  # Papua provinces: distrik
        return f"{self.name}, {unit} {self.district}, {self.regency}, {self.province}"


def _search_key(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").casefold().split())


class _Regions:
    """The loaded region table. Built once, then only read (safe to share between threads)."""

    def __init__(self, lines: list[str]) -> None:
        self.source = ""
        names: dict[str, str] = {}
        children: dict[str, list[str]] = {}
        villages: list[str] = []
        for line in lines:
            if not line:
                continue
            if line.startswith("#"):
                if not self.source:
                    self.source = line.lstrip("# ").strip()
                continue
            code, sep, name = line.partition("\t")
            if not sep or not _DOTTED.fullmatch(code) or not name:
                raise AppError("reference.invalid", path=REGIONS_FILE, detail=line[:40])
            names[code] = name
            cut = code.rfind(".")
            children.setdefault(code[:cut] if cut > 0 else "", []).append(code)
            if code.count(".") == 3:
                villages.append(code)
        self.names = names
        self.children = children
        self.villages = villages  # sorted, as the file is sorted by code
        self._index_lock = threading.Lock()
        self._by_key: tuple[list[str], list[str]] | None = None
        self._plain_codes: list[str] | None = None
        self._district_keys: dict[str, str] | None = None

    def by_key(self) -> tuple[list[str], list[str]]:
        """Village search keys and codes as two parallel lists sorted by key (then code), built
        on first search."""
        if self._by_key is None:
            with self._index_lock:
                if self._by_key is None:
                    names, villages = self.names, self.villages
                    keys = [_search_key(names[c]) for c in villages]
                    order = sorted(range(len(keys)), key=keys.__getitem__)  # stable: code order
                    self._by_key = ([keys[i] for i in order], [villages[i] for i in order])
        return self._by_key

    def plain_codes(self) -> list[str]:
        """Village codes without dots, in the same (sorted) order as :attr:`villages`."""
        if self._plain_codes is None:
            with self._index_lock:
                if self._plain_codes is None:
                    self._plain_codes = [c.replace(".", "") for c in self.villages]
        return self._plain_codes

    def district_keys(self) -> dict[str, str]:
        """Search key of "district regency province" per district code, built on first use."""
        if self._district_keys is None:
            with self._index_lock:
                if self._district_keys is None:
                    names = self.names
                    self._district_keys = {
                        c: _search_key(f"{names[c]} {names[c[:5]]} {names[c[:2]]}")
                        for c in names
                        if c.count(".") == 2
                    }
        return self._district_keys

    def hit(self, code: str) -> VillageHit:
        names = self.names
        return VillageHit(
            code=code,
            name=names[code],
            district=names.get(code[:8], ""),
            regency=names.get(code[:5], ""),
            province=names.get(code[:2], ""),
        )


_regions: _Regions | None = None
_regions_lock = threading.Lock()


def _region_text() -> str:
    """The region file's text, read and decompressed once (both the full table and the
    one-code lookup below start from it), with a leading newline so that every line, the
    first included, is found as ``"\n" + code + "\t"``."""
    global _text
    if _text is None:
        with _regions_lock:
            if _text is None:
                import gzip

                path = reference_dir() / REGIONS_FILE
                try:
                    raw = path.read_bytes()
                except FileNotFoundError:
                    raise AppError("reference.missing", path=str(path)) from None
                try:
                    _text = "\n" + gzip.decompress(raw).decode("utf-8")
                except (OSError, EOFError, UnicodeDecodeError) as exc:
                    raise AppError("reference.invalid", path=str(path), detail=str(exc)) from exc
    return _text


def _load_regions() -> _Regions:
    global _regions
    if _regions is None:
        text = _region_text()
        with _regions_lock:
            if _regions is None:
                _regions = _Regions(text[1:].split("\n"))
    return _regions


_text: str | None = None
_looked_up: dict[str, str | None] = {}


def _lookup_name(dotted: str) -> str | None:
    """The name of one code, without building the whole table: the file's text is searched
    for the code's line (about a millisecond; answers are remembered). A one-bundle import or
    a command that checks a few codes then costs a few milliseconds instead of the table's
    third of a second (issue 15). Once the whole table is loaded, it answers instead."""
    if _regions is not None:
        return _regions.names.get(dotted)
    if dotted in _looked_up:
        return _looked_up[dotted]
    text = _region_text()
    at = text.find(f"\n{dotted}\t")
    name = None
    if at >= 0:
        start = at + len(dotted) + 2
        end = text.find("\n", start)
        name = text[start:end if end >= 0 else len(text)].rstrip("\r") or None
    if len(_looked_up) < 10_000:
        _looked_up[dotted] = name
    return name


def regions_source() -> str:
    """Where the region list comes from (the header line of the file), for the About box."""
    return _load_regions().source


def region_name(code: str) -> str | None:
    """The name of a region ("Kabupaten Lampung Timur" for ``18.07``), or ``None``."""
    dotted = normalize_region_code(code)
    return None if dotted is None else _lookup_name(dotted)


def is_known_region(code: str) -> bool:
    """Whether a code of any level is in the Kemendagri list: ``"180701"`` or ``"18.07.01"``
    (the first six digits of a NIK), ``"18.07"``, ``"1807012001"``..."""
    dotted = normalize_region_code(code)
    return dotted is not None and _lookup_name(dotted) is not None


def is_known_province(pp: str) -> bool:
    """Whether ``pp`` (two digits, e.g. ``"18"``) is a province code in the Kemendagri list."""
    dotted = normalize_region_code(pp)
    return dotted is not None and "." not in dotted and dotted in _load_regions().names


def children(code: str | None = None) -> list[tuple[str, str]]:
    """The direct children ``(code, name)`` of a region, sorted by code; ``None`` (or ``""``)
    gives the provinces. An unknown or malformed code, or a village, gives ``[]``."""
    regions = _load_regions()
    if code is None or (isinstance(code, str) and not code.strip()):
        key = ""
    else:
        dotted = normalize_region_code(code)
        if dotted is None:
            return []
        key = dotted
    names = regions.names
    return [(c, names[c]) for c in regions.children.get(key, ())]


def villages_of_regency(kab_code: str) -> list[tuple[str, str]]:
    """Every village ``(code, name)`` of a regency/city, sorted by code (``[]`` if the regency
    is unknown). Raises ``AppError("region.not_regency")`` if the code is not shaped ``PP.KK``."""
    dotted = normalize_region_code(kab_code)
    if dotted is None or dotted.count(".") != 1:
        raise AppError("region.not_regency", region=kab_code)
    regions = _load_regions()
    villages = regions.villages
    prefix = dotted + "."
    start = bisect_left(villages, prefix)
    out: list[tuple[str, str]] = []
    names = regions.names
    for code in villages[start:]:
        if not code.startswith(prefix):
            break
        out.append((code, names[code]))
    return out


def villages_under(code: str) -> list[tuple[str, str]]:
    """Every village ``(code, name)`` under a hub's office code, sorted by code: a regency's
    (``"18.07"``), a province's (``"18"``), or every village (``"ID"``, the national hub).
    Raises ``AppError("region.not_regency")`` for any other shape."""
    if code == "ID":
        return [v for p, _ in children(None) for r, _ in children(p)
                for v in villages_of_regency(r)]
    dotted = normalize_region_code(code)
    if dotted is not None and "." not in dotted:
        return [v for r, _ in children(dotted) for v in villages_of_regency(r)]
    return villages_of_regency(code)


def village(code: str) -> VillageHit | None:
    """The village with its district, regency and province names, or ``None``."""
    dotted = normalize_region_code(code)
    if dotted is None or dotted.count(".") != 3:
        return None
    regions = _load_regions()
    return regions.hit(dotted) if dotted in regions.names else None


def require_region(code: str, level: RegionLevel | None = None) -> str:
    """The dotted code of an existing region (of ``level``, if given), else raise
    :class:`AppError` ``region.malformed`` / ``region.not_<level>`` / ``region.unknown``."""
    dotted = normalize_region_code(code)
    if dotted is None:
        raise AppError("region.malformed", region=code)
    if level is not None and _LEVELS[dotted.count(".")] != level:
        raise AppError(_NOT_LEVEL[level], region=dotted)
    if dotted not in _load_regions().names:
        raise AppError("region.unknown", region=dotted)
    return dotted


def search_villages(text: str, limit: int = 50) -> list[VillageHit]:
    """Villages whose name (case-insensitively) or code contains ``text``, best first.

    Names: exact matches, then names starting with the text, then a word starting with it,
    then any other match; ties in name order. A comma narrows by the regions above:
    ``"sukadana, lampung timur"`` keeps villages named like "sukadana" whose district,
    regency or province names contain "lampung timur". A text of digits and dots searches
    codes (``"18.07.01"`` or ``"180701"``), codes starting with it first.
    """
    if not isinstance(text, str) or limit <= 0:
        return []
    query = text.strip()
    if not query:
        return []
    regions = _load_regions()
    if _CODE_QUERY.fullmatch(query):
        codes = _search_codes(regions, query, limit)
    else:
        codes = _search_names(regions, query, limit)
    return [regions.hit(c) for c in codes]


def _search_codes(regions: _Regions, query: str, limit: int) -> list[str]:
    if "." in query:
        haystack = regions.villages
    else:
        haystack = regions.plain_codes()
    start = bisect_left(haystack, query)
    found: list[int] = []
    i = start
    while i < len(haystack) and len(found) < limit and haystack[i].startswith(query):
        found.append(i)
        i += 1
    if len(found) < limit:
        seen = set(found)
        for i, code in enumerate(haystack):
            if query in code and i not in seen:
                found.append(i)
                if len(found) >= limit:
                    break
    return [regions.villages[i] for i in found]


def _search_names(regions: _Regions, query: str, limit: int) -> list[str]:
    parts = [_search_key(p) for p in query.split(",")]
    q, context = parts[0], [p for p in parts[1:] if p]
    around = regions.district_keys() if context else {}

    def fits(code: str) -> bool:
        return not context or all(p in around[code[:8]] for p in context)

    keys, codes = regions.by_key()
    if not q:  # ", lampung timur": only the context was given, list its villages by name
        hits: list[str] = []
        for code in codes:
            if fits(code):
                hits.append(code)
                if len(hits) >= limit:
                    break
        return hits

    out: list[str] = []
    # Exact and prefix matches: a contiguous run of the sorted keys (exact ones sort first).
    i = start = bisect_left(keys, q)
    while i < len(keys) and len(out) < limit and keys[i].startswith(q):
        if fits(codes[i]):
            out.append(codes[i])
        i += 1
    if len(out) >= limit:
        return out
    prefix_end = i
    while prefix_end < len(keys) and keys[prefix_end].startswith(q):
        prefix_end += 1
    need = limit - len(out)
    word_start: list[str] = []
    inside: list[str] = []
    spaced, hyphened = " " + q, "-" + q
    for j in [j for j, key in enumerate(keys) if q in key]:  # the fast filter first
        if start <= j < prefix_end or not fits(codes[j]):
            continue
        key = keys[j]
        if spaced in key or hyphened in key:
            word_start.append(codes[j])
            if len(word_start) >= need:
                break
        elif len(inside) < need:
            inside.append(codes[j])
    out.extend((word_start + inside)[:need])  # each already in name order
    return out


# --------------------------------------------------------------------------------------------
# Coded lists


@dataclass(frozen=True, slots=True)
class RefItem:
    """One entry of a coded list. ``extra`` holds any other keys (e.g. ``min_age``)."""

    code: str
    id: str
    en: str
    retired: bool = False
    extra: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}), hash=False)

    def label(self, lang: str = "id") -> str:
        """The English label for ``lang == "en"``, else the Indonesian one."""
        return self.en if lang == "en" else self.id


@cache
def _load_list(name: str) -> tuple[tuple[RefItem, ...], Mapping[str, RefItem]]:
    if not _LIST_NAME.fullmatch(name):
        raise AppError("reference.unknown_list", name=name)
    path = reference_dir() / f"{name}.json"
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise AppError("reference.unknown_list", name=name) from None
    try:
        data = json.loads(raw)
    except ValueError as exc:
        raise AppError("reference.invalid", path=path.name, detail=str(exc)) from exc
    if not isinstance(data, list):
        raise AppError("reference.invalid", path=path.name, detail="not a list")
    items: list[RefItem] = []
    by_code: dict[str, RefItem] = {}
    for entry in data:
        try:
            code, label_id, label_en = entry["code"], entry["id"], entry["en"]
        except (TypeError, KeyError):
            raise AppError("reference.invalid", path=path.name, detail=repr(entry)[:60]) from None
        if not all(isinstance(v, str) and v for v in (code, label_id, label_en)):
            raise AppError("reference.invalid", path=path.name, detail=repr(entry)[:60])
        if code in by_code:
            raise AppError("reference.invalid", path=path.name, detail=f"duplicate {code}")
        extra = {k: v for k, v in entry.items() if k not in ("code", "id", "en", "retired")}
        item = RefItem(
            code=code,
            id=label_id,
            en=label_en,
            retired=bool(entry.get("retired", False)),
            extra=MappingProxyType(extra),
        )
        items.append(item)
        by_code[code] = item
    return tuple(items), MappingProxyType(by_code)


def ref_list(name: str) -> list[RefItem]:
    """Every entry of the list ``name`` (e.g. ``"countries"``) in display order, retired ones
    included. Raises ``AppError("reference.unknown_list")`` for a list that does not exist."""
    return list(_load_list(name)[0])


def ref_item(name: str, code: str) -> RefItem | None:
    """The entry for ``code`` in list ``name`` (retired or not), or ``None``."""
    try:
        return _load_list(name)[1].get(code)
    except AppError:
        return None


def ref_label(name: str, code: str | None, lang: str = "id") -> str:
    """The label of ``code`` in list ``name`` ("id" or "en"); the code itself when the code or
    the list is unknown. Never raises."""
    if code is None:
        return ""
    item = ref_item(name, code)
    return item.label(lang) if item is not None else str(code)


def active_codes(name: str) -> list[str]:
    """The codes that may still be chosen (not retired), in display order."""
    return [item.code for item in _load_list(name)[0] if not item.retired]
