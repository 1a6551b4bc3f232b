"""The production topology under load, on the large data set, next to nginx's static rate.

    .venv/bin/python bench/production.py [--duration 5] [--rounds 5] [--changes 20]
        [--changes-only] [--out FILE]

One command: starts what `make production` starts (PostgreSQL, Redis, gunicorn with
site/deploy/gunicorn.conf.py, the task worker, nginx with site/deploy/nginx.conf through
scripts/nginx-local-conf), with production settings, on free loopback ports and under
var/bench/ (so a `make production` running beside it is left alone), and stops them at the
end. The PostgreSQL data stay in var/bench/pg: the first run loads the demo and the large
data set (bench/generate.py, a few minutes), later runs reuse them (--fresh starts again;
BENCH_DIR=... keeps everything in another directory).

Measured (Debian's `wrk` and `h2load` of nghttp2-client): the home page, a news index, an
article, the archive with a filter, an action plan, an event and a consultation, each at 8
and 64 connections, three ways: the same bytes as a static file served by nginx (the
physical limit), through nginx's front cache (a hit: from the page store, or from
proxy_cache for a page the store does not keep), and straight to gunicorn (uncached,
wrk, for `--duration` seconds). Static and hit are measured twice: with wrk on plain
HTTP/1.1, and with h2load on HTTP/2 over TLS as browsers meet the shipped server (it also
listens with TLS and HTTP/2 here, a throwaway self-signed certificate). With wrk, the CPU
time nginx's workers spend per request is measured too: the server's own cost, which the
client sharing the cores does not blur. Every request says what a browser says it takes
(gzip among others), so the bytes are the compressed page, as the cache keeps it and a
browser gets it. Static and hit are measured in `--rounds` alternating pairs of
`--round-seconds` each, since the load of a shared machine drifts within seconds: the table
shows the round with the median rate of each and the median of the pairs' ratios, with the
lowest and highest. Then change-to-fresh
(bench/front_cache.py's `Changes`: each kind of change made `--changes` times, every
address that shows it fetched through nginx until each shows the change; `--changes-only`
measures this alone) and the memory of each gunicorn worker (RSS and PSS from /proc).
Prints Markdown tables with the machine and its load average.
"""

import argparse
import gzip
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VAR = Path(os.environ.get("BENCH_DIR") or ROOT / "var" / "bench")
PY = str(ROOT / ".venv" / "bin" / "python")
PGBIN = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name))[-1]
# What a browser (Chromium) says it takes: every request of the benchmark says the same.
BROWSER = "gzip, deflate, br, zstd"
#: Where nginx found the page (its X-Cache-Status).
SOURCES = {"STORE": "page store", "HIT": "proxy_cache"}
LUA = """
done = function(summary, latency, requests)
  io.write(string.format("RESULT %d %d %.0f %d %d %d %d\\n", summary.requests,
    summary.duration, summary.bytes, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), summary.errors.status + summary.errors.connect +
    summary.errors.read + summary.errors.write + summary.errors.timeout))
end
"""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port, seconds=120):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), 1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"nothing listens on port {port} after {seconds} s; see {VAR}/log/")


class Topology:
    """The processes of the production set-up, started in order and stopped in reverse."""

    def __init__(self, fresh):
        self.fresh = fresh
        self.processes = []
        self.pg_started = False
        self.run_as = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        self.ports = {name: free_port() for name in ("pg", "redis", "app", "web", "tls", "purge")}
        (VAR / "log").mkdir(parents=True, exist_ok=True)
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "cms.settings.production",
            "SECRET_KEY": "bench-not-secret-" + "x" * 50,
            "ALLOWED_HOSTS": ".localhost,localhost,127.0.0.1",
            "DATABASE_URL": f"postgres://hromada@127.0.0.1:{self.ports['pg']}/hromada",
            "REDIS_URL": f"redis://127.0.0.1:{self.ports['redis']}/0",
            "TASKS_BACKEND": "database",
            "FRONTEND_CACHE_URL": f"http://127.0.0.1:{self.ports['purge']}",
            "FRONT_PAGE_STORE": str(VAR / "nginx" / "pages"),
            "FRONT_PAGE_STORE_HEADERS": str(VAR / "nginx" / "stored-pages.conf"),
            "TRUSTED_PROXY_COUNT": "1",
            "STATIC_ROOT": str(VAR / "static"),
            "MEDIA_ROOT": str(VAR / "media"),
            "SITE_PORT": str(self.ports["web"]),
            "SECURE_SSL_REDIRECT": "0",
            "SESSION_COOKIE_SECURE": "0",
            "CSRF_COOKIE_SECURE": "0",
            "SECURE_HSTS_SECONDS": "0",
            "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
            "LOG_FORMAT": "text",
            "BIND": f"127.0.0.1:{self.ports['app']}",
        }
        self.env["CSRF_TRUSTED_ORIGINS"] = f"http://localhost:{self.ports['web']}"

    def spawn(self, name, command, **kwargs):
        log = open(VAR / "log" / f"{name}.log", "ab")  # noqa: SIM115 (closed with the process)
        process = subprocess.Popen(
            command, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT, **kwargs
        )
        self.processes.append((name, process, log))
        return process

    def manage(self, *arguments, **env):
        subprocess.run(
            [PY, "manage.py", *arguments],
            cwd=ROOT,
            env={**self.env, **env},
            check=True,
            stdout=subprocess.DEVNULL,
        )

    def start_postgres(self):
        data = VAR / "pg"
        if self.fresh and data.exists():
            shutil.rmtree(data)
        new = not data.exists()
        if self.run_as:
            shutil.chown(VAR, "postgres")  # its socket directory
        if new:
            subprocess.run(
                [*self.run_as, PGBIN / "initdb", "-D", data, "-U", "hromada", "--auth=trust",
                 "-E", "UTF8", "--locale=C.UTF-8"],
                check=True, stdout=subprocess.DEVNULL,
            )  # fmt: skip
        options = (
            f"-p {self.ports['pg']} -k {VAR} -c listen_addresses=127.0.0.1 "
            "-c max_connections=200 -c shared_buffers=256MB"
        )
        subprocess.run(
            [*self.run_as, PGBIN / "pg_ctl", "-D", data, "-l", data / "postgres.log",
             "-w", "-o", options, "start"],
            check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        self.pg_started = True
        if new:
            subprocess.run(
                [PGBIN / "createdb", "-h", "127.0.0.1", "-p", str(self.ports["pg"]),
                 "-U", "hromada", "hromada"],
                check=True,
            )  # fmt: skip
        return new

    def start(self):
        new = self.start_postgres()
        if new:
            print("First run: migrate, load_demo, bench/generate.py (minutes)...", flush=True)
            self.manage("migrate", "--noinput", TASKS_BACKEND="immediate")
            self.manage("load_demo", TASKS_BACKEND="immediate")
            subprocess.run(
                [PY, "bench/generate.py"],
                cwd=ROOT,
                env={**self.env, "TASKS_BACKEND": "immediate"},
                check=True,
            )
        else:
            self.manage("migrate", "--noinput", TASKS_BACKEND="immediate")
        self.manage("collectstatic", "--noinput")
        self.spawn(
            "redis",
            ["redis-server", "--port", str(self.ports["redis"]), "--bind", "127.0.0.1",
             "--save", "", "--appendonly", "no"],
        )  # fmt: skip
        self.spawn(
            "gunicorn",
            [str(ROOT / ".venv/bin/gunicorn"), "-c", "site/deploy/gunicorn.conf.py", "cms.wsgi"],
        )
        self.spawn("worker", [PY, "manage.py", "db_worker", "--interval", "0.2"])
        nginx_dir = VAR / "nginx"
        shutil.rmtree(nginx_dir, ignore_errors=True)
        nginx_dir.mkdir(parents=True)
        conf = subprocess.run(
            [PY, "scripts/nginx-local-conf", "--dir", nginx_dir,
             "--listen", str(self.ports["web"]), "--purge-listen", str(self.ports["purge"]),
             "--upstream", f"127.0.0.1:{self.ports['app']}",
             "--static", self.env["STATIC_ROOT"], "--media", self.env["MEDIA_ROOT"]],
            cwd=ROOT, check=True, capture_output=True, text=True,
        ).stdout  # fmt: skip
        (nginx_dir / "nginx.conf").write_text(self.with_tls(conf, nginx_dir))
        self.spawn("nginx", ["nginx", "-c", str(nginx_dir / "nginx.conf")])
        for name in ("redis", "app", "web"):
            wait_for_port(self.ports[name])

    def with_tls(self, conf, nginx_dir):
        """The shipped server also on a TLS port with HTTP/2, as browsers meet it (the
        shipped `listen 443 ssl http2`), with a throwaway self-signed certificate."""
        cert, key = nginx_dir / "bench.crt", nginx_dir / "bench.key"
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
             "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2", "-subj", "/CN=localhost",
             "-keyout", key, "-out", cert],
            check=True, capture_output=True,
        )  # fmt: skip
        plain = f"listen 127.0.0.1:{self.ports['web']};"
        if conf.count(plain) != 1:
            raise SystemExit(f"no single {plain!r} in the generated nginx.conf")
        return conf.replace(
            plain,
            f"{plain}\n        listen 127.0.0.1:{self.ports['tls']} ssl http2;"
            f"\n        ssl_certificate {cert};\n        ssl_certificate_key {key};",
        )

    def stop(self):
        for _name, process, _log in reversed(self.processes):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for _name, process, log in self.processes:
            try:
                process.wait(20)
            except subprocess.TimeoutExpired:
                process.kill()
            log.close()
        if self.pg_started:
            subprocess.run(
                [*self.run_as, PGBIN / "pg_ctl", "-D", VAR / "pg", "-m", "fast", "-w", "stop"],
                stdout=subprocess.DEVNULL,
            )

    def workers(self, name, title=""):
        """The processes the master started as `name` has forked, whose command line
        contains `title` (nginx's "worker process": not its cache manager and loader)."""
        master = next(p for started, p, _ in self.processes if started == name).pid
        workers = []
        for status in Path("/proc").glob("[0-9]*/status"):
            try:
                forked = re.search(rf"^PPid:\s+{master}$", status.read_text(), re.M)
                if forked and title in (status.parent / "cmdline").read_text():
                    workers.append(int(status.parent.name))
            except OSError:
                continue
        return workers


def gunicorn_threads():
    """The threads per worker of the shipped configuration (site/deploy/gunicorn.conf.py)."""
    conf = (ROOT / "site/deploy/gunicorn.conf.py").read_text(encoding="utf-8")
    return int(re.search(r"^threads = (\d+)", conf, re.M).group(1))


def memory_kib(pid):
    """RSS and PSS of a process in KiB (PSS shares the copy-on-write pages fairly)."""
    rss = int(re.search(r"VmRSS:\s+(\d+)", Path(f"/proc/{pid}/status").read_text()).group(1))
    rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    pss = int(re.search(r"^Pss:\s+(\d+)", rollup, re.M).group(1))
    return rss, pss


def fetch(port, host, path, headers=None):
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}", headers={"Host": host, **(headers or {})}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, dict(response.headers), response.read()


def wrk(port, host, path, connections, duration, nginx=()):
    """HTTP/1.1 on plain http, as the issue's table measures it; with the pids of nginx's
    workers, also their CPU time per request."""
    script = VAR / "latency.lua"
    script.write_text(LUA)
    before = cpu_seconds(nginx)
    output = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--timeout", "10s",
         "-s", str(script), "-H", f"Host: {host}", "-H", f"Accept-Encoding: {BROWSER}",
         f"http://127.0.0.1:{port}{path}"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    requests, micros, _bytes, p50, p95, p99, errors = (
        float(value) for value in re.search(r"RESULT (.*)", output).group(1).split()
    )
    return {
        "rate": requests / (micros / 1e6),
        "p50": p50 / 1000,
        "p95": p95 / 1000,
        "p99": p99 / 1000,
        "errors": int(errors),
        "cpu": (cpu_seconds(nginx) - before) / requests * 1e6 if nginx else None,
    }


def h2load(port, host, path, connections, duration):
    """HTTP/2 over TLS, as browsers meet the shipped server (`listen 443 ssl http2`): h2load
    (Debian's nghttp2-client), each connection one request at a time like a browser loading
    a page. nginx closes a connection after 1,000 requests (keepalive_requests) and h2load
    does not reconnect, so a cell is as many runs of 1,000 requests per connection as fit in
    `duration` seconds (each run opens its connections anew, TLS handshakes included)."""
    log = VAR / "h2load.log"
    requests, seconds, errors, latencies = 0, 0.0, 0, []
    while seconds < duration:
        log.unlink(missing_ok=True)  # h2load appends to it
        output = subprocess.run(
            ["h2load", "-t2", f"-c{connections}", "-m1", f"-n{connections * 1000}",
             "-H", f":authority: {host}", "-H", f"accept-encoding: {BROWSER}",
             "--log-file", str(log), f"https://127.0.0.1:{port}{path}"],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        took = re.search(r"finished in ([\d.]+)(m?s)", output)
        seconds += float(took.group(1)) / (1000 if took.group(2) == "ms" else 1)
        done = re.search(r"requests: \d+ total, \d+ started, (\d+) done, (\d+) succeeded", output)
        requests += int(done.group(1))
        errors += int(done.group(1)) - int(done.group(2))
        latencies += [int(line.split("\t")[2]) / 1000 for line in log.read_text().splitlines()]
    latencies.sort()

    def percentile(share):
        return latencies[min(len(latencies) - 1, int(len(latencies) * share))]

    return {
        "rate": requests / seconds,
        "p50": percentile(0.50),
        "p95": percentile(0.95),
        "p99": percentile(0.99),
        "errors": errors,
    }


def cpu_seconds(pids):
    """CPU time (user and system) the processes have used so far, in seconds."""
    ticks = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def front_rounds(measure, web, host, static_path, path, connections, rounds, seconds):
    """(static, hit, ratios): nginx's static rate and the front cache's hit rate, measured
    in alternating pairs; the round with the median rate of each, every pair's ratio."""
    pairs = [
        (
            measure(web, host, static_path, connections, seconds),
            measure(web, host, path, connections, seconds),
        )
        for _ in range(rounds)
    ]

    def median_round(results):
        return sorted(results, key=lambda result: result["rate"])[len(results) // 2]

    ratios = sorted(hit["rate"] / static["rate"] for static, hit in pairs)
    return median_round([p[0] for p in pairs]), median_round([p[1] for p in pairs]), ratios


def drain(port, host):
    """Wait until gunicorn has answered the requests wrk left queued when it stopped (a
    probe queues behind them), so that they do not slow the next measurement."""
    for _ in range(3):
        fetch(port, host, "/healthz")


def pages_to_measure():
    """(label, host, path) of each page kind, on the Ternopil site (the largest)."""
    from django.db.models import Count
    from wagtail.models import Site

    from cms.actionplans.models import ActionPlanPage
    from cms.archive.models import CouncilDocument, DocumentArchivePage, DocumentType
    from cms.news.models import NewsIndexPage, NewsPage
    from plugins.consultations.models import ConsultationPage
    from plugins.events.models import EventPage

    site = Site.objects.get(hostname__startswith="ternopil")
    root = site.root_page

    def path(page):
        return re.sub(r"^https?://[^/]+", "", page.get_url())

    def middle(queryset):
        count = queryset.count()
        return queryset.order_by("path")[count // 2]

    archive = DocumentArchivePage.objects.live().descendant_of(root).first()
    busiest = (
        CouncilDocument.objects.filter(site=site, document_type__isnull=False)
        .values("document_type")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    kind = DocumentType.objects.get(pk=busiest["document_type"])
    documents = CouncilDocument.objects.filter(site=site, document_type=kind).order_by("pk")
    year = documents[documents.count() // 2].date_adopted.year
    archive_filter = f"?type={kind.slug}&year={year}"
    return site.hostname, [
        ("home", path(root)),
        ("news index", path(NewsIndexPage.objects.live().descendant_of(root).first())),
        ("article", path(middle(NewsPage.objects.live().descendant_of(root)))),
        ("archive, filtered", path(archive) + archive_filter),
        ("action plan", path(ActionPlanPage.objects.live().descendant_of(root).first())),
        ("event", path(middle(EventPage.objects.live().descendant_of(root)))),
        ("consultation", path(middle(ConsultationPage.objects.live().descendant_of(root)))),
    ]


def machine():
    cpu = re.search(r"model name\s*:\s*(.*)", Path("/proc/cpuinfo").read_text())
    memory = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
    return (
        f"{os.cpu_count()} cores ({cpu.group(1).strip() if cpu else platform.processor()}), "
        f"{memory / 1024 / 1024:.0f} GB RAM, {platform.system()} {platform.release()}"
    )


def loadavg():
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def spread(ratios):
    return f"{statistics.median(ratios):.2f}x ({ratios[0]:.2f}-{ratios[-1]:.2f})"


def cell(result):
    text = f"{result['rate']:,.0f}/s ({result['p50']:.1f} / {result['p99']:.1f} ms)"
    return text + (f", {result['errors']} errors" if result["errors"] else "")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=int, default=5, help="seconds per uncached cell")
    parser.add_argument("--rounds", type=int, default=5, help="static/hit pairs per cell")
    parser.add_argument("--round-seconds", type=int, default=2, help="seconds per round")
    parser.add_argument("--changes", type=int, default=20, help="changes of each kind")
    parser.add_argument("--changes-only", action="store_true", help="measure change-to-fresh only")
    parser.add_argument("--fresh", action="store_true", help="regenerate the data set")
    parser.add_argument("--out", help="also write the Markdown report to this file")
    args = parser.parse_args()
    for needed in ("nginx", "redis-server", "wrk", "h2load"):
        if not shutil.which(needed):
            raise SystemExit(
                f"missing {needed}: scripts/system-deps --production; "
                "apt-get install wrk nghttp2-client"
            )
    topology = Topology(args.fresh)
    lines = []
    try:
        topology.start()
        os.environ.update(topology.env)
        sys.path.insert(0, str(ROOT))
        sys.path.insert(0, str(ROOT / "bench"))
        import django

        django.setup()
        from django.conf import settings

        from cms.news.models import NewsPage
        from plugins.comments.models import Comment

        load_before = loadavg()
        host, pages = pages_to_measure()
        web, app = topology.ports["web"], topology.ports["app"]
        static_dir = Path(settings.STATIC_ROOT) / "bench"
        static_dir.mkdir(exist_ok=True)
        rows = []
        for label, path in [] if args.changes_only else pages:
            fetch(web, host, path)
            status, headers, body = fetch(web, host, path, {"Accept-Encoding": BROWSER})
            source = headers.get("X-Cache-Status")
            if (status, headers.get("Content-Encoding")) != (200, "gzip") or source not in SOURCES:
                raise SystemExit(f"{path}: {status}, {headers}")
            # The same bytes as a static file: nginx's gzip_static sends the .gz to a browser
            static = static_dir / (re.sub(r"\W+", "-", label) + ".html")
            static.write_bytes(gzip.decompress(body))
            static.with_name(static.name + ".gz").write_bytes(body)
            static_path = f"/static/bench/{static.name}"
            if fetch(web, host, static_path, {"Accept-Encoding": BROWSER})[2] != body:
                raise SystemExit(f"{static_path}: not the bytes of the cached {path}")
            wrk(app, host, path, 10, 3)  # every worker thread has its connection and templates
            drain(app, host)
            nginx = topology.workers("nginx", "worker process")
            for connections in (8, 64):
                rounds = (connections, args.rounds, args.round_seconds)
                static, cached, ratios = front_rounds(
                    partial(wrk, nginx=nginx), web, host, static_path, path, *rounds
                )
                tls_static, tls_cached, tls_ratios = front_rounds(
                    h2load, topology.ports["tls"], host, static_path, path, *rounds
                )
                results = {
                    "static": static,
                    "cached": cached,
                    "HTTP/2 static": tls_static,
                    "HTTP/2 cached": tls_cached,
                    "uncached": wrk(app, host, path, connections, args.duration),
                }
                drain(app, host)
                rows.append(
                    (label, path, source, len(body), connections, results, ratios, tls_ratios)
                )
                measured = ", ".join(f"{kind} {cell(value)}" for kind, value in results.items())
                print(
                    f"  {label} at {connections}: {measured}, hit/static "
                    + " ".join(f"{ratio:.2f}" for ratio in ratios)
                    + ", HTTP/2 over TLS "
                    + " ".join(f"{ratio:.2f}" for ratio in tls_ratios),
                    flush=True,
                )
        memory = [memory_kib(pid) for pid in topology.workers("gunicorn")]
        from front_cache import changes_to_fresh, figures

        fresh = changes_to_fresh(args.changes)
        load_after = loadavg()
        shutil.rmtree(static_dir)
        counts = {
            "articles": NewsPage.objects.count(),
            "comments": Comment.objects.count(),
        }
        lines += [
            f"Machine: {machine()}; load average {load_before} before, {load_after} after "
            "(the machine is shared).",
            f"Data: the demo plus bench/generate.py ({counts['articles']:,} articles, "
            f"{counts['comments']:,} comments, ...), PostgreSQL, production settings, "
            f"gunicorn {os.environ.get('WEB_CONCURRENCY') or (os.cpu_count() * 2 + 1)} "
            f"workers x {gunicorn_threads()} thread(s); static and hit: {args.rounds} "
            f"alternating rounds of {args.round_seconds} s each (wrk on HTTP/1.1, h2load on "
            f"HTTP/2 over TLS); uncached: wrk, {args.duration} s. nginx's CPU per request: "
            "the user and system time of its workers over the requests of the round.",
        ]
        lines += (
            []
            if args.changes_only
            else [
                "",
                "| page | hit from | bytes (gzip) | clients | nginx static (p50 / p99) "
                "| front cache hit (p50 / p99) | hit / static (lowest-highest) "
                "| nginx's CPU per request: static, hit "
                "| HTTP/2 over TLS: static, hit (p99) | HTTP/2 over TLS: hit / static "
                "| uncached, gunicorn (p50 / p95 / p99) |",
                "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
            ]
        )
        for label, path, source, size, connections, results, ratios, tls_ratios in rows:
            uncached = results["uncached"]
            tls_static, tls_hit = results["HTTP/2 static"], results["HTTP/2 cached"]
            lines.append(
                f"| {label} `{path}` | {SOURCES[source]} | {size:,} | {connections} "
                f"| {cell(results['static'])} "
                f"| {cell(results['cached'])} | {spread(ratios)} "
                f"| {results['static']['cpu']:.1f} µs, {results['cached']['cpu']:.1f} µs "
                f"| {tls_static['rate']:,.0f}/s, {tls_hit['rate']:,.0f}/s "
                f"({tls_hit['p99']:.1f} ms) | {spread(tls_ratios)} "
                f"| {uncached['rate']:,.0f}/s ({uncached['p50']:.0f} / {uncached['p95']:.0f}"
                f" / {uncached['p99']:.0f} ms)"
                + (f", {uncached['errors']} errors" if uncached["errors"] else "")
                + " |"
            )
        lines += [
            "",
            f"Change-to-fresh, {args.changes} changes of each kind: every address that shows "
            "the change is in nginx's cache, then is fetched through nginx until it shows the "
            "change; the time runs from the start of the change (for the scheduled ones, of "
            "the scheduler's command that makes them) and includes the change itself, whose "
            "own time is given too.",
            "",
            "| change | addresses checked | fresh: p50 | fresh: max | the change itself: p50 |",
            "|---|---|---:|---:|---:|",
            *(
                f"| {kind} | {', '.join(f'`{path}`' for path in paths)} | "
                + (" | ".join(f"{ms} ms" for ms in figures(times)) if times else f"{failure} | | ")
                + " |"
                for kind, times, paths, failure in fresh
            ),
            "",
            f"Memory per gunicorn worker after the run ({len(memory)} workers): RSS "
            + ", ".join(f"{rss / 1024:.0f}" for rss, _ in memory)
            + " MiB; PSS "
            + ", ".join(f"{pss / 1024:.0f}" for _, pss in memory)
            + " MiB.",
        ]
    finally:
        topology.stop()
    report = "\n".join(lines)
    print()
    print(report)
    if args.out:
        Path(args.out).write_text(report + "\n")


if __name__ == "__main__":
    main()
