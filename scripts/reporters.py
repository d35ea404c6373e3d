"""Format validation problems for people (text), programs (json) and GitHub (annotations)."""

from __future__ import annotations

import json
from collections.abc import Sequence

from scripts.problems import Problem

FORMATS = ("text", "json", "github")


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def summary(problems: Sequence[Problem], models: int, providers: int) -> str:
    counts = f"{plural(models, 'model')}, {plural(providers, 'provider')}"
    if not problems:
        return f"catalog OK: {counts}"
    files = len({p.path for p in problems})
    return (
        f"catalog invalid: {plural(len(problems), 'problem')} in {plural(files, 'file')} ({counts})"
    )


def problem_line(problem: Problem) -> str:
    return f"{problem.path}:{problem.line}:{problem.column}: {problem.message} [{problem.rule}]"


def render_text(problems: Sequence[Problem], models: int, providers: int) -> str:
    lines = [problem_line(p) for p in problems]
    lines.append(summary(problems, models, providers))
    return "\n".join(lines) + "\n"


def render_json(problems: Sequence[Problem], models: int, providers: int) -> str:
    document = {
        "valid": not problems,
        "models": models,
        "providers": providers,
        "errors": [p.as_dict() for p in problems],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def github_escape_data(text: str) -> str:
    """Escape a workflow command's message, as the Actions runner expects."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_escape_property(text: str) -> str:
    return github_escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotation(level: str, problem: Problem, title: str) -> str:
    properties = ",".join(
        f"{key}={github_escape_property(str(value))}"
        for key, value in (
            ("file", problem.path),
            ("line", problem.line),
            ("col", problem.column),
            ("title", title),
        )
    )
    return f"::{level} {properties}::{github_escape_data(problem.message)}"


def render_github(problems: Sequence[Problem], models: int, providers: int) -> str:
    lines = [github_annotation("error", p, f"catalog: {p.rule}") for p in problems]
    lines.append(summary(problems, models, providers))
    return "\n".join(lines) + "\n"


RENDERERS = {"text": render_text, "json": render_json, "github": render_github}
