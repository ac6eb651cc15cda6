"""The command line's own messages are text keys (cli.*), so it follows --lang. That every key has
the same placeholders in every language is tests/structure/test_translations.py's."""

import re
from pathlib import Path

from arbocheck.core.common.i18n import table

CLI = Path(__file__).resolve().parents[2] / "arbocheck" / "cli"
SOURCE = "\n".join(p.read_text(encoding="utf-8") for p in sorted(CLI.glob("*.py")))
NAMED = set(re.findall(r"[^f][\"'](cli\.[a-z_.]*[a-z_])[\"']", SOURCE))
PREFIXES = set(re.findall(r"f[\"'](cli\.[a-z_.]+)\{", SOURCE))  # f"cli.keys.{method}": one key per value
KEYS = {k for k in table("nl") if k.startswith("cli.")}


def test_every_key_the_cli_names_exists():
    assert NAMED and PREFIXES
    assert not NAMED - KEYS
    assert all(any(k.startswith(p) for k in KEYS) for p in PREFIXES)


def test_every_cli_key_is_used():
    unused = {k for k in KEYS if k not in NAMED and not k.startswith(tuple(PREFIXES))}
    assert not unused


def test_no_english_sentence_is_printed_past_the_texts():
    """out()/err() get a text key's sentence, a value, or content that is translated already."""
    literal = re.findall(r"\b(?:out|err)\(f?\"([^\"]*[a-z]{3,} [a-z]{3,}[^\"]*)\"", SOURCE)
    assert literal == ["De grafische interface kan niet starten ({e}); de opdrachtregel werkt wel (arbocheck --help).\\n"]
