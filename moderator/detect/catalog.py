"""The product catalogue: which products the company markets and what they are approved for.

The catalogue is TOML (see DESIGN.md) because PV / Regulatory staff edit it by hand; a mistake in
it must never silently turn off off-label detection, so every problem raises ``CatalogError``
naming the file, the line (for syntax errors) and the product (for missing keys).

The bundled catalogue lives in ``resources/catalog.toml`` at the repository root, next to the
``moderator`` package. ``default_catalog_path`` finds it as
``Path(__file__).resolve().parents[2] / "resources"`` (this file is
``<root>/moderator/detect/catalog.py``), so it works from a source checkout and an editable install.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

REQUIRED_KEYS: tuple[str, ...] = ("name", "generic", "indications", "populations")
_ADULT_AGE = 18.0
_AGE_RE = re.compile(r"(\d{1,2})\s*(months?|mo|years?|y)?\s*\+", re.IGNORECASE)
_DOSE_RE = re.compile(r"(\d+(?:\.\d+)?)\s*mg\b(.*)", re.IGNORECASE)


class CatalogError(ValueError):
    """The catalogue file cannot be used; the message says where and why."""


@dataclass(frozen=True)
class Product:
    """One marketed product as the label describes it."""

    name: str
    generic: str
    indications: tuple[str, ...]
    populations: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    max_daily_dose: str | None = None
    routes: tuple[str, ...] = ()

    @property
    def min_age_years(self) -> float:
        """Youngest approved age in years, read from the population strings.

        "adults" alone means 18; "children 6+" means 6; "infants 6 months+" means 0.5;
        "from birth" means 0. Used by the off-label detector's population check.
        """
        youngest = _ADULT_AGE if any("adult" in p.lower() for p in self.populations) else 0.0
        for pop in self.populations:
            low = pop.lower()
            if "from birth" in low or "newborn" in low:
                youngest = min(youngest, 0.0)
                continue
            m = _AGE_RE.search(low)
            if m:
                value = float(m.group(1))
                unit = (m.group(2) or "years").lower()
                if unit.startswith("mo"):
                    value /= 12.0
                youngest = min(youngest, value)
        return youngest

    @property
    def max_daily_mg(self) -> float | None:
        """Maximum labelled dose in mg per day (weekly doses divided by 7), if stated."""
        if not self.max_daily_dose:
            return None
        m = _DOSE_RE.search(self.max_daily_dose)
        if not m:
            return None
        value = float(m.group(1))
        if "week" in m.group(2).lower():
            value /= 7.0
        return value

    @property
    def is_weekly(self) -> bool:
        """True when the labelled dose is given per week (e.g. semaglutide)."""
        return bool(self.max_daily_dose and "week" in self.max_daily_dose.lower())


@dataclass(frozen=True)
class Catalog:
    """An ordered, immutable set of products, looked up by brand or generic name."""

    products: tuple[Product, ...]
    source: str = ""

    def __iter__(self) -> Iterator[Product]:
        return iter(self.products)

    def __len__(self) -> int:
        return len(self.products)

    def get(self, name: str) -> Product | None:
        """Find a product by brand, generic or alias (case-insensitive)."""
        return self._by_name.get(name.strip().lower())

    @cached_property
    def _by_name(self) -> dict[str, Product]:
        """Every lower-cased brand, generic and alias -> its product, the first product winning.

        Why: the product finder asks once per dictionary hit, thousands of times a second;
        a scan over every product's names was a sixth of the whole suite's time.
        """
        index: dict[str, Product] = {}
        for p in self.products:
            for key in (p.name, p.generic, *p.aliases):
                index.setdefault(key.lower(), p)
        return index


def default_catalog_path() -> Path:
    """Path of the bundled catalogue: ``<repo root>/resources/catalog.toml``."""
    return Path(__file__).resolve().parents[2] / "resources" / "catalog.toml"


def _str_list(raw: object, key: str, where: str) -> tuple[str, ...]:
    if isinstance(raw, str):
        return (raw,)
    if not isinstance(raw, list) or not all(isinstance(x, str) for x in raw):
        raise CatalogError(f"{where}: '{key}' must be a list of strings")
    return tuple(raw)


def _product(raw: object, index: int, path: Path, line: int | None = None) -> Product:
    place = f"{path}, line {line}" if line else str(path)
    where = f"{place}: product #{index + 1}"
    if not isinstance(raw, dict):
        raise CatalogError(f"{where}: each [[product]] must be a table")
    if isinstance(raw.get("name"), str):
        where = f"{place}: product #{index + 1} ({raw['name']!r})"
    missing = [k for k in REQUIRED_KEYS if k not in raw]
    if missing:
        raise CatalogError(f"{where}: missing required key(s): {', '.join(missing)}")
    for key in ("name", "generic"):
        if not isinstance(raw[key], str) or not raw[key].strip():
            raise CatalogError(f"{where}: '{key}' must be a non-empty string")
    dose = raw.get("max_daily_dose")
    if dose is not None and not isinstance(dose, str):
        raise CatalogError(f"{where}: 'max_daily_dose' must be a string such as \"200 mg\"")
    indications = _str_list(raw["indications"], "indications", where)
    if not indications:
        raise CatalogError(f"{where}: 'indications' must not be empty")
    return Product(
        name=raw["name"].strip(),
        generic=raw["generic"].strip(),
        indications=indications,
        populations=_str_list(raw["populations"], "populations", where),
        aliases=_str_list(raw.get("aliases", []), "aliases", where),
        max_daily_dose=dose,
        routes=_str_list(raw.get("routes", []), "routes", where),
    )


def load_catalog(path: str | Path | None = None) -> Catalog:
    """Read and validate a catalogue; ``None`` loads the bundled one.

    Raises ``CatalogError`` naming the file and the line: tomllib's own line for syntax
    errors, the line of the offending ``[[product]]`` header for content errors.
    """
    path = Path(path) if path is not None else default_catalog_path()
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except FileNotFoundError as exc:
        raise CatalogError(f"{path}: catalogue file not found") from exc
    except UnicodeDecodeError as exc:
        raise CatalogError(f"{path}: catalogue is not UTF-8 text ({exc.reason})") from exc
    except tomllib.TOMLDecodeError as exc:
        # tomllib's message already ends with "(at line N, column M)".
        raise CatalogError(f"{path}: invalid TOML: {exc}") from exc
    except OSError as exc:
        raise CatalogError(f"{path}: cannot read catalogue: {exc.strerror}") from exc
    raw_products = data.get("product")
    if not isinstance(raw_products, list) or not raw_products:
        raise CatalogError(f"{path}: no [[product]] entries found")
    headers = [
        number
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip().startswith("[[product]]")
    ]
    products = tuple(
        _product(raw, i, path, headers[i] if i < len(headers) else None)
        for i, raw in enumerate(raw_products)
    )
    seen: set[str] = set()
    for p in products:
        if p.name.lower() in seen:
            raise CatalogError(f"{path}: product {p.name!r} is listed twice")
        seen.add(p.name.lower())
    return Catalog(products=products, source=str(path))
