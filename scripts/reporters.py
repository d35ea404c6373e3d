"""Format validation problems for people (text), programs (json) and GitHub (annotations)."""

from __future__ import annotations

import json
from collections.abc import Sequence

from modelcat_registry.output_escaping import github_command, terminal_safe
from modelcat_registry.problems import Problem

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
    return terminal_safe(
        f"{problem.path}:{problem.line}:{problem.column}: {problem.message} [{problem.rule}]"
    )


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
    # ASCII only: a bidi override or a lone surrogate (from a file name that is not UTF-8)
    # reaches a program as its JSON escape, and a terminal shows nothing reordered.
    return json.dumps(document, indent=2, ensure_ascii=True) + "\n"


def render_github(problems: Sequence[Problem], models: int, providers: int) -> str:
    lines = [
        github_command(
            "error",
            p.message,
            file=p.path,
            line=p.line,
            col=p.column,
            title=f"catalog: {p.rule}",
        )
        for p in problems
    ]
    lines.append(summary(problems, models, providers))
    return "\n".join(lines) + "\n"


RENDERERS = {"text": render_text, "json": render_json, "github": render_github}
