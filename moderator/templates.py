"""Approved reply templates and filling in their placeholders.

Public replies on a pharma page must use pre-approved wording, so the console only
ever posts a template with the workspace's contact details filled in. Templates live in
a TOML file (``resources/templates.toml`` by default)::

    [[template]]
    name = "ae-public"              # what `moderator reply --template` takes
    title = "Adverse event: contact our safety line"
    kind = "adverse_event"          # which flag kind it answers
    text = "Please call {safety_phone} about {product}."

Placeholders come from the workspace settings (see :mod:`moderator.settings`, which has
defaults for each) plus ``product`` from the comment. A placeholder that has no value is
an error naming it: a reply with a hole in it must never be posted.
"""

from __future__ import annotations

import json
import string
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from moderator import settings
from moderator.resources import resource_path

PLACEHOLDERS: tuple[str, ...] = (
    "product",
    "safety_phone",
    "safety_email",
    "medinfo_phone",
    "quality_phone",
    "authority",
    "company",
)
DEFAULT_PRODUCT = "our product"


class TemplateError(ValueError):
    """A templates file or a template cannot be used; the message says where and why."""


class MissingPlaceholderError(TemplateError):
    """A template needs a placeholder value nobody provided."""


@dataclass(frozen=True)
class Template:
    """One approved reply."""

    name: str
    title: str
    kind: str
    text: str

    @property
    def placeholders(self) -> tuple[str, ...]:
        """The placeholder names the text uses, in order of first use."""
        return _fields(self.text, self.name)


def _fields(text: str, name: str) -> tuple[str, ...]:
    names: list[str] = []
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError as error:
        raise TemplateError(f"Template {name!r} has a broken placeholder: {error}.") from error
    for _literal, field, spec, conversion in parsed:
        if field is None:
            continue
        if not field.isidentifier() or spec or conversion:
            raise TemplateError(
                f"Template {name!r} has an unsupported placeholder {{{field}}}; "
                "use plain names such as {safety_phone}."
            )
        if field not in PLACEHOLDERS:
            raise TemplateError(
                f"Template {name!r} uses an unknown placeholder {{{field}}}; allowed: "
                + " ".join(f"{{{p}}}" for p in PLACEHOLDERS)
                + "."
            )
        if field not in names:
            names.append(field)
    return tuple(names)


def default_path() -> Path:
    """The bundled templates file."""
    return resource_path("templates.toml")


def _line_of_entry(source: str, index: int) -> int | None:
    """Line number of the ``index``-th ``[[template]]`` header, for error messages."""
    seen = -1
    for number, line in enumerate(source.splitlines(), start=1):
        if line.strip().replace(" ", "") == "[[template]]":
            seen += 1
            if seen == index:
                return number
    return None


def load_templates(path: Path | str | None = None) -> dict[str, Template]:
    """Read and check a templates file; keyed by template name, in file order."""
    file = Path(path) if path is not None else default_path()
    try:
        source = file.read_text(encoding="utf-8")
    except OSError as error:
        raise TemplateError(f"Cannot read the reply templates file {file}: {error}.") from error
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as error:
        raise TemplateError(f"{file}: not valid TOML: {error}.") from error
    entries = data.get("template", [])
    if not isinstance(entries, list):
        raise TemplateError(f"{file}: `template` must be an array of tables ([[template]]).")
    templates: dict[str, Template] = {}
    for index, entry in enumerate(entries):
        line = _line_of_entry(source, index)
        where = f"{file}, line {line}" if line else f"{file}, template #{index + 1}"
        if not isinstance(entry, dict):
            raise TemplateError(f"{where}: a template must be a table.")
        missing = [key for key in ("name", "text") if not isinstance(entry.get(key), str)]
        if missing:
            raise TemplateError(f"{where}: template has no {' or '.join(missing)} (text).")
        name = entry["name"].strip()
        if not name or not entry["text"].strip():
            raise TemplateError(f"{where}: template name and text must not be empty.")
        if name in templates:
            raise TemplateError(f"{where}: a second template is named {name!r}.")
        template = Template(
            name=name,
            title=str(entry.get("title", name)),
            kind=str(entry.get("kind", "")),
            text=entry["text"],
        )
        try:
            template.placeholders  # noqa: B018 - validates the placeholders
        except TemplateError as error:
            raise TemplateError(f"{where}: {error}") from error
        templates[name] = template
    return templates


def get_template(name: str, templates: dict[str, Template] | None = None) -> Template:
    """One template by name, with the known names in the error when it is not there."""
    templates = load_templates() if templates is None else templates
    if name not in templates:
        known = ", ".join(templates) or "none"
        raise TemplateError(f"No reply template named {name!r}; known templates: {known}.")
    return templates[name]


def render(
    template_name: str,
    placeholders: dict[str, Any],
    templates: dict[str, Template] | None = None,
) -> str:
    """The template's text with every placeholder filled in.

    Raises :class:`MissingPlaceholderError` naming the first placeholder with no value
    (absent, None or blank).
    """
    template = get_template(template_name, templates)
    values: dict[str, str] = {}
    for field in template.placeholders:
        value = placeholders.get(field)
        if value is None or not str(value).strip():
            raise MissingPlaceholderError(
                f"Template {template_name!r} needs a value for {{{field}}}; "
                f"set the workspace setting {field!r}."
            )
        values[field] = str(value)
    return template.text.format_map(values)


def comment_product(db: Database, comment_id: int) -> str | None:
    """The product a comment is about: the detector's first product, else None."""
    row = db.execute(
        "SELECT adverse_event FROM analyses WHERE comment_id = ?", [comment_id]
    ).fetchone()
    if not row or not row[0]:
        return None
    for product in json.loads(row[0]).get("products") or []:
        if isinstance(product, dict):
            for key in ("name", "brand", "matched_product", "name_as_reported", "text"):
                if product.get(key):
                    return str(product[key])
        elif isinstance(product, str) and product:
            return product
    return None


def placeholders_for(db: Database, comment_id: int | None = None) -> dict[str, Any]:
    """Placeholder values from the workspace settings plus the comment's product."""
    values = {key: value for key, value in settings.get_all(db).items() if key in PLACEHOLDERS}
    product = comment_product(db, comment_id) if comment_id is not None else None
    values["product"] = product or values.get("product") or DEFAULT_PRODUCT
    return values


def render_for_comment(
    db: Database,
    template_name: str,
    comment_id: int | None,
    templates: dict[str, Template] | None = None,
) -> str:
    """Fill a template for a reply to ``comment_id`` from the workspace's settings."""
    return render(template_name, placeholders_for(db, comment_id), templates)
