"""Middleware and plain `def` functions: async hooks cannot run there."""

import logging

import inngest

audit_log = logging.getLogger("shop.audit")


# --8<-- [start:async-middleware]
class AuditLog(inngest.Middleware):  # (1)!
    async def before_execution(self) -> None:
        audit_log.info("inngest request: running new code")


audited = inngest.Inngest(app_id="debug-audited", middleware=[AuditLog])


@audited.create_function(
    fn_id="export-report",
    trigger=inngest.TriggerEvent(event="debug/report.requested"),
)
def export_report(ctx: inngest.ContextSync) -> str:  # (2)!
    return "report exported"


# --8<-- [end:async-middleware]


# --8<-- [start:sync-middleware]
class AuditLogSync(inngest.MiddlewareSync):  # (1)!
    def before_execution(self) -> None:
        audit_log.info("inngest request: running new code")


audited_sync = inngest.Inngest(app_id="debug-audited-sync", middleware=[AuditLogSync])


@audited_sync.create_function(
    fn_id="export-report",
    trigger=inngest.TriggerEvent(event="debug/report.requested"),
)
def export_report_fixed(ctx: inngest.ContextSync) -> str:
    return "report exported"


@audited_sync.create_function(
    fn_id="archive-report",
    trigger=inngest.TriggerEvent(event="debug/report.exported"),
)
async def archive_report(ctx: inngest.Context) -> str:  # (2)!
    return "report archived"


# --8<-- [end:sync-middleware]
