"""PyInstaller hook for Faker, trimmed to the Indonesian locale (replaces the contrib hook).

The program uses Faker only as ``Faker("id_ID")`` (app/core/demo.py: demo and practice data).
The contrib hook ships every provider of every locale, about 9 MB of source as data plus the
same again as bytecode. Faker finds its providers and locales by listing the folders that hold
an ``__init__.py`` under ``sys._MEIPASS/faker/providers`` (faker/utils/loading.py), so this hook
ships, for each provider, its ``__init__.py`` and the locales Faker can fall back to: id_ID,
the provider's ``default_locale`` and en_US (Faker's DEFAULT_LOCALE). Every other locale is
absent, which Faker handles as "locale not available" (it is never asked for).
"""

from __future__ import annotations

import ast
from pathlib import Path

from PyInstaller.utils.hooks import get_package_paths

LOCALES = ("id_ID", "en_US")

_, _providers_dir = get_package_paths("faker.providers")
_providers = Path(_providers_dir)


def _default_locale(init_py: Path) -> str | None:
    for node in ast.parse(init_py.read_text(encoding="utf-8")).body:
        if (
            isinstance(node, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == "default_locale" for t in node.targets)
            and isinstance(node.value, ast.Constant)
        ):
            return str(node.value.value)
    return None


hiddenimports: list[str] = ["faker.providers"]
datas: list[tuple[str, str]] = [(str(_providers / "__init__.py"), "faker/providers")]

for provider_init in sorted(_providers.glob("*/__init__.py")):
    provider = provider_init.parent
    module = f"faker.providers.{provider.name}"
    hiddenimports.append(module)
    datas.append((str(provider_init), f"faker/providers/{provider.name}"))
    wanted = set(LOCALES)
    default = _default_locale(provider_init)
    if default:
        wanted.add(default)
    for locale in sorted(wanted):
        locale_init = provider / locale / "__init__.py"
        if locale_init.is_file():
            hiddenimports.append(f"{module}.{locale}")
            datas.append((str(locale_init), f"faker/providers/{provider.name}/{locale}"))
            # a locale may have more modules than __init__ (e.g. word lists)
            for extra in sorted((provider / locale).glob("*.py")):
                if extra.name != "__init__.py":
                    hiddenimports.append(f"{module}.{locale}.{extra.stem}")
