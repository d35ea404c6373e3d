"""Problems as plain data: what is wrong, where, and which rule says so."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """One finding, positioned like a compiler diagnostic (1-based line and column)."""

    path: str
    line: int
    column: int
    rule: str
    message: str

    def as_dict(self) -> dict[str, str | int]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "rule": self.rule,
            "message": self.message,
        }
