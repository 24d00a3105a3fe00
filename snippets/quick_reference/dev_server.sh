# --8<-- [start:run]
# Terminal 1: your app, in Dev Server mode, on port 8000
INNGEST_DEV=1 uvicorn snippets.quick_reference.serve_endpoint:app --host 127.0.0.1 --port 8000

# Terminal 2: the Dev Server, pointed at your serve endpoint (one of the three below)
# Dev Server UI
# http://127.0.0.1:8288
# --8<-- [end:run]
# --8<-- [start:npx]
npx --ignore-scripts=false inngest-cli@latest dev -u http://127.0.0.1:8000/api/inngest
# --8<-- [end:npx]
# --8<-- [start:install-script]
curl -sSfL https://cli.inngest.com/install.sh | sh
inngest dev -u http://127.0.0.1:8000/api/inngest
# --8<-- [end:install-script]
# --8<-- [start:docker]
docker run --network host inngest/inngest \
  inngest dev -u http://127.0.0.1:8000/api/inngest
# --8<-- [end:docker]
