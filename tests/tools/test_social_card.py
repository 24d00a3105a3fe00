"""tools/social_card.py: the link-preview card names the site and is 1200x630."""

import struct
from pathlib import Path

import pytest

from tools import social_card


def test_the_card_names_the_site_escaped() -> None:
    card = social_card.card_html()
    assert "Durable Inngest workflows in Python/FastAPI" in card
    assert f"width:{social_card.WIDTH}px;height:{social_card.HEIGHT}px" in card


@pytest.mark.browser
def test_main_draws_a_png_of_the_card_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "card.png"
    card = social_card.card_html()
    monkeypatch.setattr(social_card, "card_html", lambda: card)
    monkeypatch.setattr(social_card, "OUT", out)
    monkeypatch.setattr(social_card, "ROOT", tmp_path)
    assert social_card.main() == 0
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", data[16:24]) == (1200, 630)
    assert "wrote card.png" in capsys.readouterr().out
