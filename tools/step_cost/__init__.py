"""What a step costs: Inngest's replay overhead as a run grows, next to Celery and RQ.

`make bench-steps` (part of `make bench`) runs `python -m tools.step_cost`:
`measure` times the three tools on this machine, `report` turns the data file
into the SVG chart, the terminal table and the figures the site's pages show
(`{{ step-cost:... }}` placeholders). The data file and the chart are committed
under docs/assets/.
"""
