# gunicorn -c site/deploy/gunicorn.conf.py cms.wsgi
import gc
import multiprocessing
import os

bind = os.environ.get("BIND", "127.0.0.1:8001")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
# One thread per worker: two threads of one process share the GIL, and a request waits
# behind its neighbour (bench/PROFILE.md: the same throughput, a tighter tail).
threads = 1
timeout = 30
# The application is loaded once, in the master, and each worker is a fork of it: a worker
# that is replaced starts at once instead of importing Django and Wagtail again (1-2 s of
# a core, taken from the requests being served), and the workers share the loaded code's
# memory. A change of the code or of the settings therefore needs `systemctl restart`.
preload_app = True
# Workers are replaced now and then against slow leaks, at moments spread far enough apart
# that the workers of a busy site are not all replaced within the same seconds.
max_requests = 20000
max_requests_jitter = 10000


def when_ready(server):
    """What every worker would otherwise load on its first requests (the URL configuration,
    the translation catalogs, the templates, the search's lemma dictionaries) is loaded once,
    here in the master: cms.ops.preload. Then the loaded objects are frozen: never collected,
    they stay out of every worker's garbage collections and their memory stays shared."""
    from cms.ops.preload import load_before_fork

    load_before_fork()
    gc.freeze()


accesslog = "-"
# The request id (X-Request-ID, also in the application's log lines) ends each access line.
access_log_format = (
    '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %({x-request-id}o)s'
)
# Only the front proxy on this machine may say "this came over HTTPS" (X-Forwarded-Proto:
# https, which Django reads through SECURE_PROXY_SSL_HEADER). A request straight to gunicorn
# without the header is plain HTTP: SECURE_SSL_REDIRECT=0 in an environment without TLS
# (the loopback set-up), and /healthz is never redirected.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
