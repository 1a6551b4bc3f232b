from django_tasks import task


# Ahead of indexing, mail and the rest: a stale page is what a spike of readers sees.
@task(priority=50)
def send_purges():
    """Send the front-cache purges that are due (retries reschedule this task)."""
    from cms.frontcache.purging import send_due
    from cms.frontcache.records import forget_expired

    sent, failed = send_due()
    forget_expired()
    return {"sent": sent, "failed": failed}
