# Shell commands of docs/testing-kit.md. tests/testing_kit/test_install.py
# takes the download from the built site into an empty folder, installs these
# packages (and only these) into a fresh virtualenv, and runs the page's
# example tests there with warnings as errors.
# --8<-- [start:download]
curl -fsSLO https://inngest-fastapi-docs.github.io/inngest-fastapi-docs/downloads/inngest_kit.py
pip install "inngest==0.5.19" fastapi common-expression-language httpx2 pytest
# --8<-- [end:download]
