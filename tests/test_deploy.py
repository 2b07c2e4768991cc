"""The production nginx configuration (deploy/nginx/campaign-site.conf), run
for real on loopback: security headers, a Content-Security-Policy the site
satisfies in Chromium, and the internal site only with a password."""
from __future__ import annotations

import base64
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = pytest.mark.deploy

CONF = ROOT / "deploy" / "nginx" / "campaign-site.conf"
USER, PASSWORD = "staff", "correct horse 创卫"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def render(tmp: Path, public: Path, internal: Path, ports: list[int]) -> Path:
    """The repository's config with this machine's paths and loopback ports."""
    csp = tmp / "csp.conf"
    csp.write_text(subprocess.run([sys.executable, str(ROOT / "scripts" / "csp-hashes"), str(public), str(internal)],
                                  check=True, capture_output=True, text=True).stdout)
    htpasswd = tmp / "htpasswd"
    subprocess.run(["htpasswd", "-B", "-b", "-c", str(htpasswd), USER, PASSWORD], check=True, capture_output=True)
    text = CONF.read_text("utf-8")
    text = text.replace("/srv/campaign-site/site-internal", str(internal))
    text = text.replace("/srv/campaign-site/site", str(public))
    text = text.replace("/etc/nginx/campaign-site-csp.conf", str(csp))
    text = text.replace("/etc/nginx/campaign-site.htpasswd", str(htpasswd))
    text = re.sub(r"\n\s*listen \[::\]:80;", "", text)
    assert text.count("listen 80;") == len(ports)
    for port in ports:
        text = text.replace("listen 80;", f"listen 127.0.0.1:{port};", 1)
    server = tmp / "campaign-site.conf"
    server.write_text(text, "utf-8")
    temp = "\n".join(f"  {d}_temp_path {tmp / d};" for d in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    main = tmp / "nginx.conf"
    main.write_text(
        ("user root;\n" if os.geteuid() == 0 else "")
        + f"worker_processes 1;\npid {tmp / 'nginx.pid'};\nerror_log {tmp / 'error.log'};\n"
        + "events { worker_connections 64; }\n"
        + "http {\n  include /etc/nginx/mime.types;\n  default_type application/octet-stream;\n"
        + f"  access_log {tmp / 'access.log'};\n{temp}\n  include {server};\n}}\n", "utf-8")
    return main


@pytest.fixture(scope="module")
def nginx(built, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("nginx")
    ports = [free_port(), free_port()]
    main = render(tmp, built["public"], built["internal"], ports)
    base = ["/usr/sbin/nginx", "-p", str(tmp), "-e", str(tmp / "error.log"), "-c", str(main)]
    check = subprocess.run(base + ["-t"], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    proc = subprocess.Popen(base + ["-g", "daemon off;"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 20
    while True:
        try:
            socket.create_connection(("127.0.0.1", ports[1]), timeout=1).close()
            break
        except OSError:
            assert proc.poll() is None, proc.stdout.read().decode()
            assert time.monotonic() < deadline, "nginx did not start"
            time.sleep(0.1)
    yield {"public": f"http://127.0.0.1:{ports[0]}/", "internal": f"http://127.0.0.1:{ports[1]}/"}
    proc.terminate()
    proc.wait(timeout=10)


def get(url: str, auth: tuple[str, str] | None = None):
    request = urllib.request.Request(url)
    if auth:
        request.add_header("Authorization", "Basic " + base64.b64encode(":".join(auth).encode()).decode())
    try:
        with urllib.request.urlopen(request, timeout=10) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read()


def test_public_headers(nginx, built):
    status, headers, body = get(nginx["public"])
    assert status == 200 and "示例县" in body.decode()
    csp = headers["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "'unsafe-inline'" not in csp and "'sha256-" in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "Server" not in headers or "/" not in headers["Server"]  # no version
    bundle = next((built["public"] / "assets" / "javascripts").glob("bundle.*.js")).name
    status, headers, _ = get(nginx["public"] + "assets/javascripts/" + bundle)
    assert status == 200 and "max-age=31536000" in headers["Cache-Control"]
    assert headers["X-Content-Type-Options"] == "nosniff"  # inherited by asset locations
    status, headers, _ = get(nginx["public"] + "plans/zxj/")
    assert "no-cache" in headers["Cache-Control"]
    status, _, body = get(nginx["public"] + "no/such/page/")
    assert status == 404 and "404" in body.decode()


def test_internal_needs_a_password(nginx):
    assert get(nginx["internal"])[0] == 401
    assert get(nginx["internal"] + "units/awb/")[0] == 401
    assert get(nginx["internal"] + "search/search_index.json")[0] == 401
    assert get(nginx["internal"], (USER, "wrong"))[0] == 401
    status, headers, body = get(nginx["internal"] + "units/awb/", (USER, PASSWORD))
    assert status == 200 and "0000-6000001" in body.decode()  # an internal phone number
    assert headers["X-Robots-Tag"] == "noindex, nofollow" and "no-store" in headers["Cache-Control"]
    assert "0000-6000001" not in get(nginx["public"] + "units/awb/")[2].decode()


WATCH_CSP = """
window.__csp = [];
document.addEventListener('securitypolicyviolation',
  e => window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + e.sourceFile + ':' + e.lineNumber));
"""


def visit_all(context, base: str, site: Path) -> list[str]:
    context.add_init_script(WATCH_CSP)
    problems: list[str] = []
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    for rel in pages:
        page = context.new_page()
        page.on("console", lambda m, rel=rel: ("Content Security Policy" in m.text or m.type == "error")
                and problems.append(f"{rel}: console: {m.text}"))
        response = page.goto(base + rel.removesuffix("index.html"), wait_until="load")
        assert response.status in (200, 404), (rel, response.status)
        page.wait_for_timeout(150)
        problems += [f"{rel}: {v}" for v in page.evaluate("window.__csp")]
        page.close()
    return problems


def test_public_site_satisfies_its_csp(nginx, built, browser):
    context = browser.new_context()
    problems = visit_all(context, nginx["public"], built["public"])
    assert not problems, problems
    # ...and the policy is in force: a script the build did not produce is refused
    page = context.new_page()
    page.goto(nginx["public"])
    page.evaluate("() => { const s = document.createElement('script'); s.textContent = 'window.__ran = 1';"
                  " document.body.appendChild(s); }")
    page.wait_for_timeout(100)
    assert page.evaluate("window.__ran") is None
    assert any("script-src" in v for v in page.evaluate("window.__csp"))
    context.close()


def test_internal_site_with_password_in_browser(nginx, built, browser):
    context = browser.new_context(http_credentials={"username": USER, "password": PASSWORD})
    problems = visit_all(context, nginx["internal"], built["internal"])
    assert not problems, problems
    context.close()
