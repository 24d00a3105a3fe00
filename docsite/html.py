"""Patterns over the HTML MkDocs renders, shared by the hooks that rewrite it."""

import re

# One rendered code block, from `<pre ...>` to its `</pre>` (they never nest).
CODE_BLOCK = re.compile(r"<pre\b[^>]*>.*?</pre>", re.DOTALL)
