"""The build's configuration comes from mkdocs.yml and the command line, validated on load."""

from __future__ import annotations

from pathlib import Path

import pytest

from timeline.config import Config, ConfigError, load_project_config


def test_defaults_without_mkdocs_yml(tmp_path: Path) -> None:
    config = load_project_config(tmp_path)
    assert config.articles == Path("seeds")
    assert config.docs_dir == Path("site_src")
    assert config.site_dir == Path("site")


def test_mkdocs_yml_sets_folders_and_plugin_options(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Story\ndocs_dir: pages\nsite_dir: out\n"
        "plugins:\n  - search\n  - timeline:\n      articles: news\n      strict: true\n"
        "extra:\n  key: !ENV [HOME, x]\n",
        encoding="utf-8",
    )
    config = load_project_config(tmp_path)
    assert config.docs_dir == Path("pages")
    assert config.site_dir == Path("out")
    assert config.articles == Path("news")
    assert config.strict is True
    assert config.title == "Story"


def test_command_line_overrides_mkdocs_yml(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("plugins:\n  - timeline:\n      articles: news\n", encoding="utf-8")
    config = load_project_config(tmp_path).with_(articles=Path("other"), docs_dir=None)
    assert config.articles == Path("other")
    assert config.docs_dir == Path("site_src")


@pytest.mark.parametrize(
    ("changes", "message"),
    [({"engine": "spark"}, "engine"), ({"jobs": 0}, "jobs"), ({"max_events_per_page": 0}, "max_events")],
)
def test_bad_values_are_refused_naming_the_option(changes: dict, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        Config(**changes)


def test_broken_mkdocs_yml_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("plugins: [\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"mkdocs\.yml"):
        load_project_config(tmp_path)


def test_prefix_always_ends_with_a_slash() -> None:
    assert Config(prefix="history").prefix == "history/"


@pytest.mark.parametrize(
    ("written", "prefix"), [(None, "timeline/"), ("history", "history/"), ("/", ""), ("", "")]
)
def test_prefix_comes_from_the_plugin_options(tmp_path: Path, written: str | None, prefix: str) -> None:
    option = "" if written is None else f"\n      prefix: '{written}'"
    (tmp_path / "mkdocs.yml").write_text(
        f"plugins:\n  - timeline:\n      articles: news{option}\n", encoding="utf-8"
    )
    assert load_project_config(tmp_path).prefix == prefix
