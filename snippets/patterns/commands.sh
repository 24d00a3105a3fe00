# Shell commands of docs/patterns/index.md, one section per block.
# tests/patterns/test_pages.py checks the module path, the serve path and runs the
# curl body against the app.
# --8<-- [start:run-app]
INNGEST_DEV=1 .venv/bin/uvicorn snippets.leadflow.main:app --reload
# --8<-- [end:run-app]
# --8<-- [start:dev-server]
npx --ignore-scripts=false inngest-cli@latest dev -u http://127.0.0.1:8000/api/inngest
# --8<-- [end:dev-server]
# --8<-- [start:curl]
curl -X POST http://127.0.0.1:8000/webhooks/leads -H 'content-type: application/json' -d '{"lead_id": "lead-42", "name": "Ada", "email": "ada@example.com", "strategy": "email"}'
# --8<-- [end:curl]
