# --8<-- [start:test]
import inngest

from inngest_kit import serve_functions
from snippets.contributing import example_module


def test_the_step_runs_once_and_its_value_is_returned() -> None:
    run = serve_functions(example_module.client, [example_module.example]).run(
        example_module.example, inngest.Event(name="docs/example.requested")
    )
    assert run.output == "hello"  # what the page claims
    assert run.steps("StepRun") == ["say-hello"]  # the step ran exactly once


# --8<-- [end:test]
