"""Reply templates: loading, checking, filling placeholders from settings and the comment."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from moderator import settings
from moderator.templates import (
    MissingPlaceholderError,
    TemplateError,
    load_templates,
    placeholders_for,
    render,
    render_for_comment,
)
from tests.actions.helpers import seed

TEST_FILE = Path(__file__).with_name("templates.toml")


@pytest.fixture
def templates():
    return load_templates(TEST_FILE)


def test_loads_templates_in_file_order(templates):
    assert list(templates) == ["ae", "thanks"]
    assert templates["ae"].kind == "adverse_event"
    assert templates["ae"].placeholders == ("safety_phone", "safety_email", "product", "authority")


def test_render_fills_every_placeholder(templates):
    text = render(
        "ae",
        {
            "safety_phone": "555-1",
            "safety_email": "s@x.example",
            "product": "Xarelto",
            "authority": "the FDA",
        },
        templates,
    )
    assert text == (
        "Sorry to hear that. Please call 555-1 or write to s@x.example about "
        "Xarelto. You can also report to the FDA."
    )
    assert render("thanks", {"company": "ACME"}, templates) == (
        "Thank you from ACME! {not a placeholder}"
    )


@pytest.mark.parametrize("value", [None, "", "   "])
def test_missing_placeholder_is_named(templates, value):
    values = {"safety_phone": "555", "safety_email": value, "product": "X", "authority": "A"}
    if value is None:
        del values["safety_email"]
    with pytest.raises(MissingPlaceholderError, match=r"\{safety_email\}"):
        render("ae", values, templates)


def test_unknown_template_lists_the_known_ones(templates):
    with pytest.raises(TemplateError, match="known templates: ae, thanks"):
        render("nope", {}, templates)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('[[template]]\nname = "a"\ntext = "x"\n\n[[template]\nname = "b"\n', r"line 5"),
        (
            '[[template]]\nname = "a"\ntext = "x"\n\n[[template]]\nname = "b"\n',
            r"line 5: template has no text",
        ),
        ('[[template]]\nname = "a"\ntext = "{nonsense}"\n', r"line 1: .*unknown placeholder"),
        ('[[template]]\nname = "a"\ntext = "{product.__class__}"\n', r"line 1: .*unsupported"),
        (
            '[[template]]\nname = "a"\ntext = "x"\n[[template]]\nname = "a"\ntext = "y"\n',
            r"line 4: a second template",
        ),
    ],
)
def test_broken_files_name_the_file_and_line(tmp_path, content, expected):
    path = tmp_path / "bad-templates.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(TemplateError, match=expected) as caught:
        load_templates(path)
    assert "bad-templates.toml" in str(caught.value)


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(TemplateError, match="Cannot read the reply templates file"):
        load_templates(tmp_path / "none.toml")


def test_bundled_templates_load_and_render_with_default_settings(db):
    templates = load_templates()
    assert templates, "resources/templates.toml has no templates"
    values = placeholders_for(db)
    for name in templates:
        text = render(name, values, templates)
        assert "{" not in text.replace("{{", "")


def test_placeholders_come_from_settings_and_the_comments_product(db, templates):
    data = seed(db)
    comment_id = data["comments"]["c-1"]["id"]
    settings.put(db, "safety_phone", "0800 111 222", "admin")
    db["analyses"].insert(
        {
            "comment_id": comment_id,
            "serious": 0,
            "detector_version": "t",
            "analysed_at": "2026-11-21T10:00:00+00:00",
            "adverse_event": json.dumps(
                {"products": [{"as_reported": "xarleto", "name": "Xarelto"}]}
            ),
        }
    )
    text = render_for_comment(db, "ae", comment_id, templates)
    assert "0800 111 222" in text and "about Xarelto" in text
    other = data["comments"]["c-2"]["id"]
    assert placeholders_for(db, other)["product"] == "our product"
