"""Typefaces of the PDFs, chosen by role (GB/T 9704-2012: 3号仿宋 body,
黑体 for 一、, 楷体 for （一）, 小标宋 for the title and the banner).

An office that owns the licensed faces names them in mkdocs.yml
(``plugins: campaign: fonts: {body: 仿宋_GB2312, title: 方正小标宋简体}``) and
they win. Otherwise the standard's usual face names are tried, then open
faces: FandolFang / FandolKai (taken out of Debian's texlive-lang-chinese by
``scripts/fonts-ensure`` into ``.cache/fonts``), LXGW WenKai / AR PL UKai,
Noto Sans / Serif CJK (Black for the title when fonts-noto-cjk-extra is in).
The build says in one line per role which face stood in for a missing one.

The chosen faces reach the print stylesheets as CSS variables
(``--cs-font-body`` …): the stylesheets name the role, this module the face.
``fontconfig_file`` makes fontconfig see the project's font folder; the PDF
workers set ``FONTCONFIG_FILE`` to it before WeasyPrint starts.
"""
from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

PACKAGE_ROOT = Path(__file__).resolve().parents[3]


@dataclass(frozen=True)
class Role:
    key: str                  # the mkdocs.yml key and the CSS variable's name
    label: str                # said in the build's message
    standard: tuple[str, ...]  # the faces GB/T 9704 means (licensed), first is the one named in messages
    open: tuple[str, ...]     # open faces, best first
    generic: str
    weight: int = 400


ROLES = (
    Role("body", "正文仿宋", ("仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong", "STFangsong"),
         ("FandolFang",), "serif"),
    Role("heading", "一级标题黑体", ("黑体", "SimHei", "STHeiti"), ("Noto Sans CJK SC", "FandolHei"), "sans-serif"),
    Role("subheading", "二级标题楷体", ("楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi", "STKaiti"),
         ("FandolKai", "LXGW WenKai", "AR PL UKai CN"), "serif"),
    Role("title", "标题小标宋", ("方正小标宋简体", "FZXiaoBiaoSong-B05S", "方正小标宋_GBK"),
         ("Noto Serif CJK SC",), "serif", 900),
    Role("number", "页码宋体", ("宋体", "SimSun", "STSong"), ("Noto Serif CJK SC", "FandolSong"), "serif"),
)


@dataclass(frozen=True)
class Choice:
    role: Role
    family: str
    weight: int
    substituted: str          # the wanted face that was missing, "" when the wanted face is used
    shift: float = 0.0        # em the ideographic em box sits off the middle of the line box (see ``shift``)


def check_config(configured: object) -> str:
    """mkdocs.yml's ``fonts`` option: a message in Chinese when it is not {role: face name}, else ""."""
    keys = {r.key: r.label for r in ROLES}
    known = "、".join(f"{k}（{v}）" for k, v in keys.items())
    if not isinstance(configured, dict):
        return f"mkdocs.yml: plugins.campaign.fonts: 应写成“用途: 字体名”，用途可以是 {known}。"
    for key, value in configured.items():
        if key not in keys:
            return f"mkdocs.yml: plugins.campaign.fonts: 不认识“{key}”；用途可以是 {known}。"
        if not isinstance(value, str) or not value.strip():
            return f"mkdocs.yml: plugins.campaign.fonts.{key}: 请写字体名称，如 仿宋_GB2312。"
    return ""


def font_dirs(project_dir: Path) -> list[Path]:
    """Folders of project fonts: the project's own .cache/fonts, then the checkout's (make site fills it)."""
    dirs = [project_dir / ".cache" / "fonts", PACKAGE_ROOT / ".cache" / "fonts"]
    out: list[Path] = []
    for d in dirs:
        d = d.resolve()
        if d.is_dir() and d not in out:
            out.append(d)
    return out


def fontconfig_file(project_dir: Path, cache_dir: Path) -> Path:
    """A fonts.conf that adds the project's font folders to the system's."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    dirs = "".join(f"<dir>{d}</dir>" for d in font_dirs(project_dir))
    text = ('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n<fontconfig>'
            f'<include ignore_missing="yes">/etc/fonts/fonts.conf</include>{dirs}'
            f"<cachedir>{cache_dir / 'fc'}</cachedir></fontconfig>\n")
    conf = cache_dir / "fonts.conf"
    if not conf.exists() or conf.read_text("utf-8") != text:
        conf.write_text(text, "utf-8")
    return conf


Faces = dict[str, dict[int, tuple[str, int]]]   # family -> CSS weight -> (file, index in a collection)


def installed(conf: Path) -> Faces:
    """Installed families (every name fontconfig knows them by), their weights in CSS terms and files."""
    env = dict(os.environ, FONTCONFIG_FILE=str(conf))
    try:
        out = subprocess.run(["fc-list", "--format", "%{family}\t%{weight}\t%{file}\t%{index}\n"], env=env,
                             capture_output=True,
                             text=True, check=False, timeout=60).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    fc_to_css = {0: 100, 40: 200, 50: 300, 55: 350, 80: 400, 100: 500, 180: 600, 200: 700, 205: 800, 210: 900}
    faces: Faces = {}
    for line in out.splitlines():
        names, weight, file, index = ([*line.split("\t"), "", "", ""])[:4]
        try:
            w = fc_to_css.get(int(float(weight.strip("[] ").split()[0])), 400)
        except (ValueError, IndexError):
            w = 400
        for name in names.split(","):
            faces.setdefault(name.strip(), {}).setdefault(w, (file, int(index) if index.isdigit() else 0))
    return faces


def shift(file: str, index: int) -> float:
    """How far (em) to move a line of this face so its ideographic em box (-0.12 … 0.88 em around the
    baseline) is centred in the line box. The renderer centres the face's ascent + descent instead, which
    for Noto CJK (1.16 / 0.29) puts the characters 0.05 em low; Fandol's metrics are the em box itself."""
    try:
        from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

        font = TTFont(file, fontNumber=index, lazy=True)
        upm = font["head"].unitsPerEm
        ascent, descent = font["hhea"].ascent / upm, -font["hhea"].descent / upm
    except Exception:  # an unreadable font: no correction
        return 0.0
    return round(-((ascent - 0.88) - (descent - 0.12)) / 2, 4)


def choose(configured: dict[str, str], faces: Faces) -> list[Choice]:
    out = []
    for role in ROLES:
        wanted = configured.get(role.key) or role.standard[0]
        candidates = ([configured[role.key]] if configured.get(role.key) else []) + list(role.standard) + list(role.open)
        family = next((f for f in candidates if f in faces), role.generic)
        weights = faces.get(family, {})
        weight = 400
        if family in role.open and role.weight > 400:
            weight = max((w for w in weights if w <= role.weight), default=400)
        where = weights.get(weight) or next(iter(weights.values()), None)
        out.append(Choice(role, family, weight, "" if family == wanted else wanted,
                          shift(*where) if where else 0.0))
    return out


def css(choices: list[Choice]) -> str:
    """The role variables the print stylesheets use."""
    decl = []
    for c in choices:
        decl.append(f'--cs-font-{c.role.key}: "{c.family}", {c.role.generic};')
        decl.append(f"--cs-weight-{c.role.key}: {c.weight};")
        decl.append(f"--cs-shift-{c.role.key}: {c.shift}em;")
    return ":root { " + " ".join(decl) + " }\n"


def messages(choices: list[Choice]) -> list[str]:
    return [f"campaign: 字体（{c.role.label}）：未找到“{c.substituted}”，改用“{c.family}”"
            + ("（可在 mkdocs.yml 的 campaign: fonts: 里写明已购字体）" if c.role.key in ("body", "title") else "")
            for c in choices if c.substituted]
