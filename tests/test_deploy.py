"""The deployment as the README tells an administrator to do it: the sites built
with ``campaign build``, the README's publishing steps run line by line (system
paths moved into a scratch folder, a throwaway certificate, loopback ports), the
shipped nginx config (deploy/nginx/campaign-site.conf) checked with ``nginx -t``
and served by a real nginx whose workers are not root, then fetched:
readable folders, HTTPS only with HSTS, no dotfile served, a Chinese 404 page,
security headers, a Content-Security-Policy the site satisfies in Chromium and
that allows no inline script, and the internal site only with a password."""
from __future__ import annotations

import base64
import http.client
import os
import re
import shutil
import socket
import ssl
import stat
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import AS_OF, BIN, ROOT, copy_project

pytestmark = pytest.mark.deploy

USER, PASSWORD = "张三", "correct horse 创卫"
INSECURE = ssl._create_unverified_context()  # the test's own self-signed certificate


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def readme_steps() -> list[str]:
    """The publishing block of the README, line by line, as an administrator copies it."""
    text = (ROOT / "README.md").read_text("utf-8")
    block = re.search(r"<!-- deploy-steps.*?-->\s*```bash\n(.*?)```", text, re.S)
    assert block, "README: the deploy-steps block is missing"
    return [line for line in block[1].splitlines() if line.strip() and not line.lstrip().startswith("#")]


def _moved(line: str, w: Path) -> str:
    """A README line with the system's paths moved into the scratch folder ``w``."""
    return line.replace("/srv/campaign-site", str(w / "srv")).replace("/etc/nginx", str(w / "nginx"))


def _wait(port: int, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + 20
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            assert proc.poll() is None, proc.stdout.read().decode()
            assert time.monotonic() < deadline, "nginx did not start"
            time.sleep(0.1)


@pytest.fixture(scope="module")
def deployed():
    # a world-traversable scratch folder: nginx's workers run as nobody, as www-data would
    w = Path(tempfile.mkdtemp(prefix="campaign-deploy-", dir="/tmp"))
    w.chmod(0o755)
    project = copy_project(w / "project")
    env = dict(os.environ, CAMPAIGN_AS_OF=AS_OF, CAMPAIGN_PDF="0", NO_MKDOCS_2_WARNING="1")
    # `make site`: the atomic builds and the CSP snippet
    for config in ("mkdocs.yml", "mkdocs.internal.yml"):
        r = subprocess.run([str(BIN / "campaign"), "build", "-f", config], cwd=project, env=env,
                           capture_output=True, text=True, timeout=600)
        assert r.returncode == 0, r.stdout + r.stderr
    (project / "build" / "nginx").mkdir(parents=True)
    csp = subprocess.run([sys.executable, str(ROOT / "scripts" / "csp-hashes"), "."], cwd=project,
                         check=True, capture_output=True, text=True).stdout
    (project / "build" / "nginx" / "campaign-site-csp.conf").write_text(csp, "utf-8")
    shutil.copytree(ROOT / "deploy", project / "deploy")
    built_modes = {name: stat.S_IMODE((project / name).stat().st_mode) for name in ("site", "site-internal")}
    # what Debian's nginx package provides
    for d in ("nginx/sites-available", "nginx/sites-enabled", "ssl"):
        (w / d).mkdir(parents=True)
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=cwb.example.gov.cn", "-keyout", str(w / "ssl" / "privkey.pem"),
                    "-out", str(w / "ssl" / "fullchain.pem")], check=True, capture_output=True)
    ports = {"http": free_port(), "public": free_port(), "internal": free_port()}
    main = w / "nginx.conf"
    temp = "\n".join(f"  {d}_temp_path {w / 'tmp' / d};" for d in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    (w / "tmp").mkdir()
    main.write_text(
        ("user nobody nogroup;\n" if os.geteuid() == 0 else "")
        + f"worker_processes 1;\npid {w / 'nginx.pid'};\nerror_log {w / 'error.log'};\n"
        + "events { worker_connections 64; }\n"
        + "http {\n  include /etc/nginx/mime.types;\n  default_type application/octet-stream;\n"
        + f"  access_log {w / 'access.log'};\n{temp}\n  include {w / 'nginx' / 'sites-enabled'}/*;\n}}\n", "utf-8")
    nginx = f"/usr/sbin/nginx -p {w} -e {w / 'error.log'} -c {main}"

    steps = readme_steps()
    assert steps[-1] == "nginx -t && systemctl reload nginx", steps[-1]
    for line in steps[:-1]:
        line = _moved(line, w)
        line = line.replace("htpasswd -B -c", "htpasswd -i -B -c")  # the password from stdin, not a terminal
        r = subprocess.run(["bash", "-euo", "pipefail", "-c", line], cwd=project, input=PASSWORD,
                           capture_output=True, text=True, timeout=120)
        assert r.returncode == 0, (line, r.stdout + r.stderr)
    # what the README asks the administrator to edit: names (here: loopback ports) and certificates
    installed = w / "nginx" / "sites-available" / "campaign-site.conf"
    conf = _moved(installed.read_text("utf-8"), w).replace("/etc/ssl/campaign-site", str(w / "ssl"))
    conf = re.sub(r"\n\s*listen \[::\]:\d+[^;]*;", "", conf)
    conf = conf.replace("listen 80;", f"listen 127.0.0.1:{ports['http']};")
    assert conf.count("listen 443 ssl http2;") == 2
    conf = conf.replace("listen 443 ssl http2;", f"listen 127.0.0.1:{ports['public']} ssl http2;", 1)
    conf = conf.replace("listen 443 ssl http2;", f"listen 127.0.0.1:{ports['internal']} ssl http2;", 1)
    installed.write_text(conf, "utf-8")
    check = subprocess.run(["bash", "-c", steps[-1].replace("systemctl reload nginx", "true")
                            .replace("nginx -t", nginx + " -t")], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    proc = subprocess.Popen(nginx.split() + ["-g", "daemon off;"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    for port in ports.values():
        _wait(port, proc)
    yield {"public": f"https://127.0.0.1:{ports['public']}/", "internal": f"https://127.0.0.1:{ports['internal']}/",
           "http": ports["http"], "w": w, "built_modes": built_modes,
           "site": w / "srv" / "site", "site-internal": w / "srv" / "site-internal"}
    proc.terminate()
    proc.wait(timeout=10)
    shutil.rmtree(w, ignore_errors=True)


def get(url: str, auth: tuple[str, str] | None = None):
    request = urllib.request.Request(url)
    if auth:
        request.add_header("Authorization", "Basic " + base64.b64encode(":".join(auth).encode()).decode())
    try:
        with urllib.request.urlopen(request, timeout=10, context=INSECURE) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read()


def test_published_folders_are_world_readable(deployed):
    # campaign build's own folders (made from a 0700 temp folder) ...
    assert deployed["built_modes"] == {"site": 0o755, "site-internal": 0o755}
    # ... and everything the README's steps put in place
    for site in (deployed["site"], deployed["site-internal"]):
        for p in [site, *site.rglob("*")]:
            mode = p.stat().st_mode
            need = stat.S_IROTH | (stat.S_IXOTH if p.is_dir() else 0)
            assert mode & need == need, (p, oct(mode))
    status, _, body = get(deployed["public"])  # served by a worker that is not root
    assert status == 200 and "示例县" in body.decode()


def test_http_only_redirects_to_https(deployed):
    conn = http.client.HTTPConnection("127.0.0.1", deployed["http"], timeout=10)
    conn.request("GET", "/plans/zxj/", headers={"Host": "cwb.example.gov.cn"})
    r = conn.getresponse()
    assert r.status == 301 and r.getheader("Location") == "https://cwb.example.gov.cn/plans/zxj/"
    assert "示例县" not in r.read().decode("utf-8", "replace")  # no content over plain HTTP


def test_public_headers(deployed):
    status, headers, body = get(deployed["public"])
    assert status == 200 and "示例县" in body.decode()
    assert headers["Strict-Transport-Security"] == "max-age=31536000"
    csp = headers["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "script-src 'self';" in csp
    assert "'unsafe-inline'" not in csp and "'sha256-" not in csp  # no inline script is allowed at all
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "Server" not in headers or "/" not in headers["Server"]  # no version
    bundle = next((deployed["site"] / "assets" / "javascripts").glob("bundle.*.js")).name
    status, headers, _ = get(deployed["public"] + "assets/javascripts/" + bundle)
    assert status == 200 and "max-age=31536000" in headers["Cache-Control"]
    assert headers["X-Content-Type-Options"] == "nosniff" and "Strict-Transport-Security" in headers
    status, headers, _ = get(deployed["public"] + "plans/zxj/")
    assert "no-cache" in headers["Cache-Control"]


def test_no_inline_script_in_pages(deployed):
    """The CSP allows none, so the theme's inline scripts come from the site's own files."""
    for page in ("index.html", "plans/zxj/index.html", "quizzes/tobacco/index.html"):
        html = (deployed["site"] / page).read_text("utf-8")
        for attrs, body in re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S):
            assert "src=" in attrs or "application/json" in attrs, (page, attrs, body[:80])


def test_dotfiles_are_never_served(deployed):
    secret = "SECRET-DOTFILE-7f3a"
    planted = ["assets/javascripts/.env", "assets/stylesheets/.htpasswd", "print/.secret", ".env",
               ".site.building-x/index.html", "assets/.git/config"]
    for site in (deployed["site"], deployed["site-internal"]):
        for rel in planted:
            (site / rel).parent.mkdir(parents=True, exist_ok=True)
            (site / rel).write_text(secret, "utf-8")
            (site / rel).chmod(0o644)
            (site / rel).parent.chmod(0o755)
    for rel in planted:
        status, _, body = get(deployed["public"] + rel)
        assert status == 404 and secret not in body.decode("utf-8", "replace"), rel
        status, _, body = get(deployed["internal"] + rel, (USER, PASSWORD))
        assert status == 404 and secret not in body.decode("utf-8", "replace"), rel


def test_404_page_is_chinese(deployed):
    for url, auth in ((deployed["public"], None), (deployed["internal"], (USER, PASSWORD))):
        status, _, body = get(url + "no/such/page/", auth)
        text = body.decode()
        assert status == 404 and "页面不存在" in text and "Not found" not in text
        assert '<html lang="zh' in text


def test_internal_needs_a_password(deployed):
    internal, public = deployed["internal"], deployed["public"]
    assert get(internal)[0] == 401
    assert get(internal + "units/awb/")[0] == 401
    assert get(internal + "search/search_index.json")[0] == 401
    assert get(internal, (USER, "wrong"))[0] == 401
    status, headers, body = get(internal + "units/awb/", (USER, PASSWORD))
    assert status == 200 and "0000-6000001" in body.decode()  # an internal phone number
    assert headers["X-Robots-Tag"] == "noindex, nofollow" and "no-store" in headers["Cache-Control"]
    assert headers["Strict-Transport-Security"] == "max-age=31536000"
    assert "0000-6000001" not in get(public + "units/awb/")[2].decode()


WATCH_CSP = """
window.__csp = [];
document.addEventListener('securitypolicyviolation',
  e => window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + e.sourceFile + ':' + e.lineNumber));
"""


def visit_all(context, base: str, site: Path) -> list[str]:
    context.add_init_script(WATCH_CSP)
    problems: list[str] = []
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html") if "/." not in "/" + p.relative_to(site).as_posix())
    # one tab goes from page to page (a new tab per page costs a renderer each); the page being visited
    # names what the listener hears, and each page starts its own window.__csp
    page, current = context.new_page(), [""]
    page.on("console", lambda m: ("Content Security Policy" in m.text or m.type == "error")
            and problems.append(f"{current[0]}: console: {m.text}"))
    for rel in pages:
        current[0] = rel
        response = page.goto(base + rel.removesuffix("index.html"), wait_until="load")
        assert response.status in (200, 404), (rel, response.status)
        page.wait_for_timeout(150)
        problems += [f"{rel}: {v}" for v in page.evaluate("window.__csp")]
    page.close()
    return problems


@pytest.mark.browser
def test_public_site_satisfies_its_csp(deployed, browser):
    context = browser.new_context(ignore_https_errors=True)
    problems = visit_all(context, deployed["public"], deployed["site"])
    assert not problems, problems
    page = context.new_page()
    page.goto(deployed["public"])
    # the theme's scripts ran from their files: material stored its scope and built the search
    assert page.evaluate("typeof __md_scope") == "object"
    assert page.evaluate("__md_scope.href") == deployed["public"]
    # ...and the policy is in force: a script the build did not produce is refused
    page.evaluate("() => { const s = document.createElement('script'); s.textContent = 'window.__ran = 1';"
                  " document.body.appendChild(s); }")
    page.wait_for_timeout(100)
    assert page.evaluate("window.__ran") is None
    assert any("script-src" in v for v in page.evaluate("window.__csp"))
    context.close()


@pytest.mark.browser
def test_internal_site_with_password_in_browser(deployed, browser):
    context = browser.new_context(ignore_https_errors=True,
                                  http_credentials={"username": USER, "password": PASSWORD})
    problems = visit_all(context, deployed["internal"], deployed["site-internal"])
    assert not problems, problems
    context.close()
