"""The staff copy (内部工作版) can't be mistaken for the public site and can't
end up where the public site is served from.

- ``check_folders``: the staff build refuses to write into the public
  site's folder or anywhere inside it (a public deploy copies that folder
  whole), and refuses the public site_url, written or inherited (canonical
  links would send search engines to the public domain).
- the marking itself is in the theme override (overrides/main.html: the
  banner on every page and every printed page, ``noindex,nofollow``) and in
  ``drop_sitemap``: a copy that asks not to be indexed publishes no sitemap.
"""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

BANNER = "内部资料 注意保密"


def _public_config(project: Path, name: str) -> dict:
    from mkdocs.utils.yaml import yaml_load

    path = project / name
    if not path.is_file():
        return {}
    with path.open("rb") as f:
        return yaml_load(f) or {}


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def check_folders(project: Path, config_name: str, site_dir: str, site_url: str, public_name: str) -> list[str]:
    """Problems (in Chinese, with what to do) that stop a staff build; [] when it may go ahead."""
    public = _public_config(project, public_name)
    problems = []
    public_dir = (project / str(public.get("site_dir") or "site")).resolve()
    staff_dir = Path(site_dir).resolve()
    if _inside(staff_dir, public_dir):
        problems.append(
            f"{config_name}: site_dir: 内部工作版不能写到公开网站的文件夹 {public_dir} 里（现在是 {staff_dir}），"
            f"公开部署会把它一起发布出去。请改成与公开网站并列的文件夹，如 site-internal。")
    public_url, staff_url = str(public.get("site_url") or ""), site_url or ""
    # no address at all is fine (no canonical links); the public one (inherited or copied) is not
    if staff_url and public_url and urlsplit(staff_url).netloc == urlsplit(public_url).netloc:
        problems.append(f"{config_name}: site_url: 内部工作版的网址 {staff_url} 与公开网站是同一个域名，"
                        f"页面的规范链接会指向公开网站。请在 {config_name} 里写内部工作版自己的网址"
                        f"（如 site_url: https://internal.cwb.example.gov.cn/）。")
    return problems


def drop_sitemap(site: Path) -> None:
    """A copy that search engines must not index publishes no sitemap."""
    for name in ("sitemap.xml", "sitemap.xml.gz"):
        (site / name).unlink(missing_ok=True)
