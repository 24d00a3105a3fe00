"""The deploy page: every server statement box cites Inngest's docs."""

import re

from docsite import embeds, paths

PAGE = paths.DOCS / "guides" / "deploy.md"
BOX = re.compile(
    r'^!!! info "Inngest server behaviour"\n((?:    .*\n|\n)+)', re.MULTILINE
)
DOCS_LINK = re.compile(r"\]\((https://www\.inngest\.com/docs/[^)\s]+)\)")


def test_every_server_behaviour_box_links_to_inngest_docs() -> None:
    boxes = BOX.findall(PAGE.read_text())
    assert len(boxes) >= 8
    for box in boxes:
        assert DOCS_LINK.search(box), (
            f"docs/guides/deploy.md: box without a citation:\n{box}"
        )


def test_every_code_block_is_embedded_from_the_deploy_snippets() -> None:
    found = [e for e in embeds.site_embeds() if e.page == "guides/deploy.md"]
    assert found
    assert {e.path.split("/")[1] for e in found} == {"deploy"}
    fences = PAGE.read_text().count("\n``` ")
    assert fences == len(found), "a code block on the page is typed, not embedded"
