# --8<-- [start:uvicorn]
# One process per core; each worker serves any request of any run.
uvicorn shop.main:app --host 0.0.0.0 --port 8000 --workers 4 --proxy-headers
# --8<-- [end:uvicorn]
