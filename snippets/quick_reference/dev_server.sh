# --8<-- [start:run]
# Terminal 1: your app, in Dev Server mode, on port 8000
INNGEST_DEV=1 uvicorn snippets.quick_reference.serve_endpoint:app --host 127.0.0.1 --port 8000

# Terminal 2: the Dev Server (needs Node.js), pointed at your serve endpoint
npx inngest-cli@latest dev -u http://127.0.0.1:8000/api/inngest

# Dev Server UI: functions, events, runs and their steps
# http://127.0.0.1:8288
# --8<-- [end:run]
