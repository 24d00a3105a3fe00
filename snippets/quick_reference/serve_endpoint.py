# --8<-- [start:serve]
import fastapi
import inngest.fast_api

from .client import client
from .step_run import step_run_basic
from .step_sleep import renewal_notice

app = fastapi.FastAPI()

inngest.fast_api.serve(  # (1)!
    app,
    client,
    [step_run_basic, renewal_notice],  # (2)!
)
# --8<-- [end:serve]
