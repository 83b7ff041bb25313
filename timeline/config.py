"""One typed, validated configuration object for a build.

The CLI and the MkDocs plugin both turn their options into a :class:`Config`; every stage
receives only what it uses from it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml


class ConfigError(ValueError):
    """A configuration value that cannot be used; the message names the option."""


@dataclass(frozen=True)
class Config:
    project: Path = Path(".")
    articles: Path = Path("seeds")
    docs_dir: Path = Path("site_src")
    site_dir: Path = Path("site")
    templates: Path | None = None
    title: str = "Timeline"
    prefix: str = ""
    strict: bool = False
    max_events_per_page: int = 200
    jobs: int | None = None
    engine: str = "local"
    scheduler: str | None = None
    cache: bool = True
    quiet: bool = False
    verbose: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.max_events_per_page < 1:
            raise ConfigError("max_events_per_page must be at least 1")
        if self.engine not in ("local", "dask"):
            raise ConfigError(f"engine must be 'local' or 'dask', not {self.engine!r}")
        if self.jobs is not None and self.jobs < 1:
            raise ConfigError("jobs must be at least 1")
        prefix = self.prefix.strip("/")
        object.__setattr__(self, "prefix", prefix + "/" if prefix else "")

    def resolve(self, path: Path) -> Path:
        """A path from the configuration, relative to the project folder."""
        return path if path.is_absolute() else self.project / path

    def with_(self, **changes: Any) -> Config:
        """A copy with the given options changed; ``None`` means "not given", keep the value."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


def load_project_config(project: Path, mkdocs_yml: Path | None = None) -> Config:
    """Defaults, then the project's ``mkdocs.yml``: its ``docs_dir``, ``site_dir`` and the
    ``timeline`` plugin's options (``articles``, ``templates``, ``title``, ``strict``...)."""
    path = mkdocs_yml or project / "mkdocs.yml"
    config = Config(project=project)
    if not path.exists():
        return config
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LenientLoader) or {}
    except yaml.YAMLError as e:
        raise ConfigError(f"{path}: not valid YAML: {e}") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping at the top level")
    changes: dict[str, Any] = {}
    if data.get("docs_dir"):
        changes["docs_dir"] = Path(str(data["docs_dir"]))
    if data.get("site_dir"):
        changes["site_dir"] = Path(str(data["site_dir"]))
    if data.get("site_name"):
        changes["title"] = str(data["site_name"])
    options = plugin_options(data.get("plugins"))
    if options is not None:
        for key in ("articles", "templates"):
            if options.get(key):
                changes[key] = Path(str(options[key]))
        if options.get("title"):
            changes["title"] = str(options["title"])
        if "strict" in options:
            changes["strict"] = bool(options["strict"])
        changes["prefix"] = str(options.get("prefix", "timeline/") or "")
        if options.get("max_events_per_page"):
            changes["max_events_per_page"] = int(options["max_events_per_page"])
    return config.with_(**changes)


def plugin_options(plugins: Any) -> dict[str, Any] | None:
    """The ``timeline`` entry of an mkdocs.yml ``plugins`` list, or None when absent."""
    if isinstance(plugins, dict):
        plugins = [{k: v} for k, v in plugins.items()]
    for entry in plugins or ():
        if entry == "timeline":
            return {}
        if isinstance(entry, dict) and "timeline" in entry:
            return dict(entry["timeline"] or {})
    return None


class _LenientLoader(yaml.SafeLoader):
    """Reads mkdocs.yml files that use MkDocs' ``!ENV`` and ``!!python/name`` tags."""


def _unknown_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    return None


_LenientLoader.add_multi_constructor("!", _unknown_tag)
_LenientLoader.add_multi_constructor("tag:yaml.org,2002:python/", _unknown_tag)
