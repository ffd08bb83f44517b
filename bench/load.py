"""The load: `hey` for the GETs, a Python client for the application POSTs.

Each POST needs its own signed form stamp, which `hey` (one body for every request) cannot
give; the CSRF cookie and field carry the same secret, as Django accepts.
"""

# The bench runs fixed local programs (manage.py, gunicorn, hey, apt-get) and talks to
# 127.0.0.1 only; its work folder is a parameter (BENCH_WORK_DIR).
# ruff: noqa: S603
import http.client
import re
import secrets
import subprocess
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

from bench.server import HOST, PORT
from seasons.tests.answers import complete_answers

CONCURRENCY = 8
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def hey(binary, url, seconds, cookie=None, concurrency=CONCURRENCY):
    command = [binary, "-z", f"{seconds}s", "-c", str(concurrency), "-disable-redirects"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    output = subprocess.run([*command, url], check=True, capture_output=True, text=True).stdout
    if "Latency distribution" not in output:
        raise RuntimeError(f"hey got no answer from {url}:\n{output}")
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    percentiles = dict(re.findall(r"(\d+)%+ in ([\d.]+) secs", output))
    # With very few answers hey leaves the top percentiles out: the slowest stands in.
    slowest = re.search(r"Slowest:\s+([\d.]+) secs", output).group(1)
    p50, p95 = (float(percentiles.get(p, slowest)) * 1000 for p in ("50", "95"))
    codes = dict(re.findall(r"\[(\d{3})\]\s+(\d+) responses", output))
    return {"rate": rate, "p50": p50, "p95": p95, "codes": {k: int(v) for k, v in codes.items()}}


def multipart(fields, boundary):
    body = b""
    for name, value in fields.items():
        body += (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
        ).encode()
    body += (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="presentation"; '
            f'filename="projet.pdf"\r\nContent-Type: application/pdf\r\n\r\n'
        ).encode()
        + PDF
        + b"\r\n"
    )
    return body + f"--{boundary}--\r\n".encode()


def application_fields(number):
    """The tests' complete answers, with addresses of their own and the "send" button."""
    return complete_answers(
        contact_email=f"banc{number}@example.org",
        organisation_name=f"Collectif du banc {number}",
        project_name=f"Projet du banc {number}",
        organisation_type="public_administration",
        **{"referent1-email": f"camille{number}@example.org"},
        action="send",
    )


def post_applications(path, stamps, seconds):
    """8 clients sending complete applications for `seconds`; each body has its own stamp.

    The CSRF cookie holds a secret chosen here, and the form sends that same secret as its
    token, as Django accepts. Returns the rate, the latencies and the responses by status.
    """
    csrf = secrets.token_hex(16)
    stamps = iter(stamps)
    lock = threading.Lock()
    latencies, statuses = [], {}
    deadline = time.monotonic() + seconds

    def client():
        connection = http.client.HTTPConnection(HOST, PORT, timeout=30)
        while time.monotonic() < deadline:
            with lock:
                number, stamp = next(stamps)
            boundary = uuid.uuid4().hex
            fields = {**application_fields(number), "stamp": stamp, "csrfmiddlewaretoken": csrf}
            body = multipart(fields, boundary)
            started = time.monotonic()
            connection.request(
                "POST",
                path,
                body=body,
                headers={
                    "Content-Type": f"multipart/form-data; boundary={boundary}",
                    "Cookie": f"csrftoken={csrf}",
                },
            )
            response = connection.getresponse()
            response.read()
            elapsed = time.monotonic() - started
            sent = response.status == 302 and "/envoyee/" in (response.getheader("Location") or "")
            with lock:
                latencies.append(elapsed)
                key = "302 sent" if sent else str(response.status)
                statuses[key] = statuses.get(key, 0) + 1
        connection.close()

    started = time.monotonic()
    with ThreadPoolExecutor(CONCURRENCY) as pool:
        for future in [pool.submit(client) for _ in range(CONCURRENCY)]:
            future.result()
    elapsed = time.monotonic() - started
    latencies.sort()
    return {
        "rate": len(latencies) / elapsed,
        "p50": latencies[len(latencies) // 2] * 1000,
        "p95": latencies[int(len(latencies) * 0.95)] * 1000,
        "codes": statuses,
    }
