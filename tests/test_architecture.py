"""The package's shape: the engine loads without the adapters, Discord or torch (the import contracts in
pyproject.toml say the same statically; `make lint` checks them)."""

import subprocess
import sys

from .conftest import REPO


def test_importing_the_engine_loads_no_discord_cli_tool_or_torch_module() -> None:
    code = ("import sys, bot.engine, bot.reader.model; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in {'discord', 'torch', 'transformers'} "
            "or m.startswith(('bot.discord', 'bot.cli', 'bot.evaluation', 'bot.bench', 'bot.reader.train'))))")
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_test_stand_ins_are_not_part_of_the_product() -> None:
    assert not (REPO / "bot" / "discord_fakes.py").exists() and (REPO / "tests" / "discord_fakes.py").is_file()
    assert len([p for p in (REPO / "bot").glob("*.py")]) <= 8
