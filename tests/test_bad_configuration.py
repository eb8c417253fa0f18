"""A broken catalogue, template file or settings file names the file and the line."""

from __future__ import annotations

import pytest

from moderator.detect.catalog import CatalogError, load_catalog

GOOD_PRODUCT = """
[[product]]
name = "Ozempic"
generic = "semaglutide"
indications = ["type 2 diabetes"]
populations = ["adults"]
"""


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (
            GOOD_PRODUCT + '\n[[product]]\nname = "Xarelto"\nindications = ["afib"]\n',
            8,
            "missing required key",
        ),
        (
            GOOD_PRODUCT + '\n[[product]]\nname = "X"\ngeneric = "y"\nindications = []\n'
            'populations = ["adults"]\n',
            8,
            "must not be empty",
        ),
        (
            GOOD_PRODUCT + '\n[[product]]\nname = "Eliquis"\ngeneric = "apixaban"\n'
            'indications = "afib\n',
            11,
            "invalid TOML",
        ),
    ],
)
def test_catalogue_errors_name_file_and_line(tmp_path, text, line, message):
    path = tmp_path / "catalog.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        load_catalog(path)
    assert str(path) in str(caught.value)
    assert f"line {line}" in str(caught.value) and message in str(caught.value)


def test_template_file_errors_name_file_and_line(tmp_path):
    from moderator.templates import TemplateError, load_templates

    path = tmp_path / "templates.toml"
    path.write_text('[[template]]\nname = "x"\ntext = "unterminated\n', encoding="utf-8")
    with pytest.raises(TemplateError) as caught:
        load_templates(path)
    assert str(path) in str(caught.value) and "line 3" in str(caught.value)
