"""Stage 7: list every function once and serve them at /api/inngest."""

# ruff: noqa: I001  (the section's import stays in the section a reader copies)
from .s01_app import app
from .s02_client import client
from .s03_first_function import say_hello
from .s05_steps import onboard_user

# --8<-- [start:stage]
import inngest.fast_api

functions = [say_hello, onboard_user]  # (1)!
inngest.fast_api.serve(app, client, functions)  # (2)!
# --8<-- [end:stage]
