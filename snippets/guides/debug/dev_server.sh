# --8<-- [start:run]
INNGEST_DEV=1 uvicorn app:app --port 8000
npx --ignore-scripts=false inngest-cli@latest dev -u http://127.0.0.1:8000/api/inngest
# --8<-- [end:run]
