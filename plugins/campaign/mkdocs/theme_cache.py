"""Pages dressed by the theme, kept under everything the theme reads for them.

MkDocs renders every page through the theme's ``main.html`` on every build, and
at a thousand unit pages that is seconds of work whose output rarely changes: a
page's HTML is a function of its own content, title, table of contents and
metadata, its place (URL, neighbours, parents), the navigation and the site's
settings. ``ThemeCache`` digests exactly those and answers ``main.html`` from the
previous build while the digest is unchanged; a changed page, a changed title
anywhere in the navigation or a changed setting renders again. In memory for the
life of the process (``mkdocs serve``) and pickled under the cache folder; what
a build did not render is dropped when it is saved. Pages are kept compressed
(zlib, fastest level): at 10,000 units their HTML would hold most of a gigabyte,
compressed a tenth of that, for a third of a second per thousand pages.

The theme's own files and our overrides are part of ``settings`` (the plugin's
``build_cache.settings`` and the theme's folders), so a changed template is
never answered from the cache."""
from __future__ import annotations

import hashlib
import posixpath
import re
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import jinja2

from campaign.model.cache import kept, read_pickle, write_pickle

CACHE_FILE = "theme-pages.pickle"  # pages compressed (an older "theme.pickle" is not read)
TEMPLATE = "main.html"
# what material's templates read of the site's configuration
CONFIG_KEYS = ("site_name", "site_url", "site_description", "site_author", "copyright", "repo_url", "repo_name",
               "edit_uri", "extra", "extra_css", "extra_javascript", "use_directory_urls")
ADDRESS = re.compile(r" at 0x[0-9a-f]+")  # an object's repr names its address, which differs per build


def _update(h: Any, *parts: object) -> None:
    for part in parts:
        h.update(repr(part).encode("utf-8", "surrogatepass"))
        h.update(b"\0")


def _toc(items: Iterable[Any]) -> list[Any]:
    return [(i.id, i.title, i.level, _toc(i.children)) for i in items]


def _nav(items: Iterable[Any]) -> list[Any]:
    out = []
    for item in items:
        out.append((type(item).__name__, item.title, getattr(item, "url", None), getattr(item, "is_index", None),
                    _nav(getattr(item, "children", None) or [])))
    return out


def settings_digest(config: Any, nav: Any, settings: str, theme_dirs: Iterable[str]) -> str:
    """Everything but the page: our settings (which hold the Markdown settings), the site's
    configuration, the navigation and the theme's templates (by path, size and time of change)."""
    h = hashlib.sha256()
    site = repr(([(k, config.get(k)) for k in CONFIG_KEYS], sorted(config.theme.items(), key=lambda kv: kv[0])))
    _update(h, settings, ADDRESS.sub("", site), _nav(nav.items))
    for folder in theme_dirs:
        for path in sorted(Path(folder).rglob("*.html")):
            info = path.stat()
            _update(h, str(path), info.st_size, info.st_mtime_ns)
    return h.hexdigest()


def page_digest(context: Any) -> bytes:
    page = context["page"]
    h = hashlib.blake2b(digest_size=20)
    content = page.content or ""
    h.update(b"%d\0" % len(content))
    h.update(content.encode("utf-8", "surrogatepass"))  # the page's HTML as it is (a repr would copy it twice)
    _update(h, page.url, page.canonical_url, page.edit_url, page.title, page.is_homepage,
            _toc(page.toc or []), sorted(page.meta.items(), key=lambda kv: str(kv[0])), context["base_url"],
            context["extra_css"], context["extra_javascript"],
            [(p.title, p.url) for p in (page.previous_page, page.next_page) if p is not None],
            [(p is page.previous_page, p is page.next_page) for p in (page.previous_page, page.next_page)],
            [a.title for a in page.ancestors])
    return h.digest()


class ThemeCache:
    def __init__(self, folder: Path | None) -> None:
        self.file = folder / CACHE_FILE if folder is not None else None
        self.settings = ""
        self.pages: dict[bytes, bytes] = {}  # page digest -> its HTML, UTF-8, compressed
        self.used: set[bytes] = set()
        self.changed = False
        self.hits = self.misses = 0
        stored = read_pickle(self.file)
        if isinstance(stored, tuple) and len(stored) == 2 and isinstance(stored[1], dict):
            self.settings, self.pages = stored

    def begin(self, settings: str) -> None:
        if settings != self.settings:
            self.settings, self.pages, self.changed = settings, {}, True
        self.used = set()
        self.hits = self.misses = 0

    def wrap(self, env: jinja2.Environment) -> None:
        """Answer ``main.html`` from the cache: ``env.get_template`` hands out a keeping template."""
        original = env.get_template
        cache = self

        def get_template(name: Any, *args: Any, **kwargs: Any) -> Any:
            template = original(name, *args, **kwargs)
            # MkDocs asks for a page's template by name alone; a template that extends or
            # includes it names itself as the parent and gets the template itself
            return _Kept(template, cache) if name == TEMPLATE and not args and not kwargs else template

        env.get_template = get_template  # type: ignore[method-assign]

    def save(self) -> None:
        stale = [k for k in self.pages if k not in self.used]
        for k in stale:
            del self.pages[k]
        if stale:
            self.changed = True
        if self.file is not None and self.changed:
            write_pickle(self.file, (self.settings, self.pages))
        self.changed = False


class _Kept:
    def __init__(self, template: jinja2.Template, cache: ThemeCache) -> None:
        self.template, self.cache = template, cache

    def __getattr__(self, name: str) -> Any:
        return getattr(self.template, name)

    def render(self, context: Any) -> str:
        if context.get("page") is None:
            return self.template.render(context)
        key = page_digest(context)
        self.cache.used.add(key)
        kept = self.cache.pages.get(key)
        if kept is not None:
            self.cache.hits += 1
            return zlib.decompress(kept).decode("utf-8", "surrogatepass")
        html: str = self.template.render(context)
        self.cache.pages[key] = zlib.compress(html.encode("utf-8", "surrogatepass"), 1)
        self.cache.changed = True
        self.cache.misses += 1
        return html


def for_folder(folder: Path | None) -> ThemeCache | None:
    return None if folder is None else kept("theme", folder, lambda: ThemeCache(folder))


class _RenderedOnce:
    """A part of the theme rendered once per key and handed to every page with that key
    (``{% call name("part") %}…{% endcall %}`` in a template); ``key`` None: this page renders it."""

    def __init__(self) -> None:
        self.html: dict[Any, Any] = {}

    def key(self, context: Any, part: str) -> Any:
        raise NotImplementedError

    @jinja2.pass_context
    def __call__(self, context: Any, part: str = "nav", caller: Any = None) -> Any:
        key = self.key(context, part)
        if key is None:
            return caller()
        html = self.html.get(key)
        if html is None:
            html = self.html[key] = caller()
        return html


class OutsideNav(_RenderedOnce):
    """The primary navigation of the pages it does not list, rendered once per folder.

    A page the navigation does not list (a unit page, a bulletin, a notice) marks none of its
    entries active, so material's ``partials/nav.html`` gives it the same HTML as any other
    such page whose links come out the same. Links are relative to the page's folder (MkDocs'
    ``get_relative_url``): pages in sibling folders (``units/a/``, ``units/b/``) get the same
    links unless a link leads into one of those folders, so such pages share one rendering.
    At 1,000 unit pages that rendering was half of the theme's work. Our ``main.html`` wraps
    the include in ``{% call campaign_nav() %}``; the tabs (``navigation.tabs``), made of the same
    entries, the same way in ``{% call campaign_nav("tabs") %}``, and the footer (no previous or next
    page where the navigation does not list the page) in ``{% call campaign_nav("footer") %}``."""

    def __init__(self, nav: Any, config: Any) -> None:
        self.listed = {id(p) for p in nav.pages}
        targets = [getattr(item, "url", None) for item in _items(nav.items)]
        targets += [nav.homepage.url if nav.homepage else None, config.extra.get("homepage"), config.theme.get("logo")]
        # every folder a link leads into: a page in one of these is rendered on its own
        self.entered = {parts[:k] for url in targets if isinstance(url, str)
                        for parts in [_parts(url)] for k in range(1, len(parts) + 1)}
        super().__init__()

    def key(self, context: Any, part: str) -> Any:
        page = context.get("page")
        if page is None or id(page) in self.listed:
            return None
        folder = _parts(_folder(page.url))
        return None if folder in self.entered else (part, folder[:-1], str(context.get("base_url")))


class Shared(_RenderedOnce):
    """Parts of the theme that come out the same on every page as far from the site's root: they
    read only the site's settings and link only to the theme's assets, relative to the page, as
    ``base_url`` is (``../../assets/…`` from any page two folders down). Rendered once per
    ``base_url`` and part; our ``main.html`` and ``partials/header.html`` wrap material's
    ``config``, ``styles`` and ``scripts`` blocks, the search box and the logo in
    ``{% call campaign_shared("name") %}``. A page in the ``assets`` folder itself (there is
    none; MkDocs puts the theme's files there) would link to them otherwise: it is keyed apart."""

    def key(self, context: Any, part: str) -> Any:
        page = context.get("page")
        inside = page is not None and _parts(_folder(page.url))[:1] == ("assets",)
        return part, str(context.get("base_url")), inside


def _items(items: Iterable[Any]) -> Iterable[Any]:
    for item in items:
        yield item
        yield from _items(getattr(item, "children", None) or [])


def _folder(url: str) -> str:
    """A page URL's folder, as MkDocs makes links relative to it (a last part with a dot is a file)."""
    head, _, last = url.rpartition("/")
    return head if "." in last else url


def _parts(path: str) -> tuple[str, ...]:
    """The parts of a site path, normalized as MkDocs does."""
    path = posixpath.normpath("/" + path.lstrip("/"))[1:]
    return tuple(path.split("/")) if path else ()
