# Shell commands of docs/patterns/index.md and of the download's README, one
# section per block. tests/patterns/test_download.py runs the test and run
# commands in the unzipped download; tests/patterns/test_page.py checks the
# Dev Server URL and posts the curl body to the app.
# --8<-- [start:uv-test]
uv sync
uv run pytest
# --8<-- [end:uv-test]
# --8<-- [start:uv-run]
INNGEST_DEV=1 uv run uvicorn leadflow.main:app
# --8<-- [end:uv-run]
# --8<-- [start:pip-test]
python3 -m venv .venv
.venv/bin/python -m pip install --upgrade pip
.venv/bin/python -m pip install --editable . --group dev
.venv/bin/python -m pytest
# --8<-- [end:pip-test]
# --8<-- [start:pip-run]
INNGEST_DEV=1 .venv/bin/uvicorn leadflow.main:app
# --8<-- [end:pip-run]
# --8<-- [start:dev-server]
npx --ignore-scripts=false inngest-cli@latest dev -u http://127.0.0.1:8000/api/inngest
# --8<-- [end:dev-server]
# --8<-- [start:curl]
curl -X POST http://127.0.0.1:8000/webhooks/leads -H 'content-type: application/json' -d '{"lead_id": "lead-42", "name": "Ada", "email": "ada@example.com", "strategy": "email"}'
# --8<-- [end:curl]
