# --8<-- [start:serve]
import fastapi
import inngest.fast_api

from snippets.quick_reference.client import client
from snippets.quick_reference.step_run import step_run_basic
from snippets.quick_reference.step_sleep import renewal_notice

app = fastapi.FastAPI()

inngest.fast_api.serve(  # (1)!
    app,
    client,
    [step_run_basic, renewal_notice],  # (2)!
)
# --8<-- [end:serve]
