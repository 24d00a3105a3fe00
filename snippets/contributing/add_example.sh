# shellcheck disable=SC2261  # <page> and <example> are placeholders the reader fills in, not redirections
# --8<-- [start:workflow]
make serve                      # preview at http://127.0.0.1:8000 while you write
$EDITOR snippets/<page>/<example>.py tests/<page>/test_<example>.py docs/<page>.md
make check                      # while you work: all of make test but the browser tests
make test                       # lint, types, tests, 100% snippet coverage, strict build, browser
# --8<-- [end:workflow]

# --8<-- [start:drift]
make drift                      # newest release and pre-release in temp venvs; the lock is not touched
# exit 0: no drift (failing version bookkeeping alone is not drift)
# exit 1: a report of changed options, fields and parameters, and of failing
#         documented behaviours with the page sections that show them
# --8<-- [end:drift]

# --8<-- [start:bump]
# after a clean drift report (or after fixing what it listed):
NEW=0.5.20                      # the release to pin
sed -i -E "s/(inngest(\[connect\])?==|INNGEST_VERSION = \"|\"py:v)[0-9][0-9.]*/\1$NEW/g" \
  pyproject.toml snippets/patterns/download/pyproject.toml inngest_kit.py \
  snippets/testing_kit/install.sh snippets/guides/create/commands.sh \
  snippets/guides/deploy/sync_request.json README.md
.tools/bin/uv lock
make skill
make test
# --8<-- [end:bump]

# --8<-- [start:release]
# on main, once the bump is merged and make test passes there:
TAG="inngest-$(.venv/bin/python -c 'from importlib.metadata import version; print(version("inngest"))')"
git tag "$TAG" && git push origin "$TAG"
make build                      # site/
make skill                      # dist/inngest-workflow-skill.zip
python3 -m zipfile -c "dist/site-$TAG.zip" site/
gh release create "$TAG" "dist/site-$TAG.zip" dist/inngest-workflow-skill.zip \
  --title "Docs and skill for $TAG" --notes "The site and the agent skill as tested with $TAG."
# --8<-- [end:release]

# --8<-- [start:mutate]
make mutate MODULE=guides/improve/invoke   # one module while you write its tests
make mutate JOBS=2                         # every module; fails under 90 % killed
make mutate-report                         # the recorded runs still current: score, when each ran
# --8<-- [end:mutate]
