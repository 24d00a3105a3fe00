"""tools/social_card.py: the link-preview card names the site and is 1200x630."""

import struct
from pathlib import Path
from typing import Any

import pytest

from tools import social_card


def test_the_card_names_the_site_escaped() -> None:
    card = social_card.card_html()
    assert "Durable Inngest workflows in Python/FastAPI" in card
    assert f"width:{social_card.WIDTH}px;height:{social_card.HEIGHT}px" in card


@pytest.fixture
def out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    card = social_card.card_html()
    monkeypatch.setattr(social_card, "card_html", lambda: card)
    monkeypatch.setattr(social_card, "ROOT", tmp_path)
    monkeypatch.setattr(social_card, "OUT", tmp_path / "card.png")
    return tmp_path / "card.png"


def test_main_screenshots_the_card_at_its_size(
    out: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    fake_playwright: Any,
) -> None:
    seen: dict[str, Any] = {}

    class Page:
        def set_content(self, html: str) -> None:
            seen["html"] = html

        def screenshot(self, type: str) -> bytes:
            return b"png"

    class Browser:
        def new_page(self, viewport: dict[str, int]) -> Page:
            seen["viewport"] = viewport
            return Page()

        def close(self) -> None:
            seen["closed"] = True

    monkeypatch.setattr(social_card, "sync_playwright", fake_playwright(Browser()))
    assert social_card.main() == 0
    assert out.read_bytes() == b"png"
    assert seen["viewport"] == {"width": 1200, "height": 630}
    assert seen["html"] == social_card.card_html()
    assert seen["closed"]
    assert "wrote card.png (3 bytes)" in capsys.readouterr().out


@pytest.mark.browser
def test_the_card_is_a_png_of_that_size(out: Path) -> None:
    assert social_card.main() == 0
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", data[16:24]) == (1200, 630)
