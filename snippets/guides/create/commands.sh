# Shell commands of docs/guides/create.md, one section per block. The tests in
# tests/guides/create/test_page.py run what they can offline: the pinned version,
# the module and app names, the serve path, and the curl body against the app.
# --8<-- [start:install]
pip install "inngest==0.5.19" fastapi uvicorn
# --8<-- [end:install]
# --8<-- [start:run-app]
INNGEST_DEV=1 uvicorn main:app --reload
# --8<-- [end:run-app]
# --8<-- [start:dev-server]
npx --ignore-scripts=false inngest-cli@latest dev -u http://127.0.0.1:8000/api/inngest
# --8<-- [end:dev-server]
# --8<-- [start:curl]
curl -X POST http://127.0.0.1:8000/signups -H 'content-type: application/json' -d '{"user_id": "u-1", "email": "ada@example.com", "plan": "pro"}'
# --8<-- [end:curl]
