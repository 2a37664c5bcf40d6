"""Typed readers for the environment variables that configure innohub."""

import json
import os
from pathlib import Path
from typing import Any


def envstr(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def envbool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


def envlist(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def envjson(name: str, default: Any) -> Any:
    """A JSON value (e.g. a storage backend's options); the default when unset."""
    value = os.environ.get(name)
    if value in (None, ""):
        return default
    try:
        return json.loads(value)
    except ValueError as exc:
        raise ValueError(f"{name} must be JSON: {exc}") from exc


def data_dir() -> Path:
    """Where innohub keeps its SQLite database, uploads, secret key and generated files."""
    configured = os.environ.get("INNOHUB_DATA_DIR")
    if configured:
        path = Path(configured).expanduser()
    else:
        xdg = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
        path = Path(xdg) / "innohub"
    path.mkdir(parents=True, exist_ok=True)
    return path.resolve()


def secret_key(directory: Path) -> str:
    """SECRET_KEY from the environment, else one generated once and kept in the data directory."""
    configured = os.environ.get("SECRET_KEY")
    if configured:
        return configured
    key_file = directory / "secret_key"
    if not key_file.exists():
        import secrets

        key_file.write_text(secrets.token_urlsafe(64))
        key_file.chmod(0o600)
    return key_file.read_text().strip()
