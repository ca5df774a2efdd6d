"""Print docs/cli.md's CLI reference, generated from each command's --help.

    python tools/cli_reference.py            # print it
    python tools/cli_reference.py --write    # replace it in docs/cli.md
"""

import re
import sys
from pathlib import Path

from click.testing import CliRunner

from claimcheck.cli import main

START, END = "<!-- cli-reference:start -->", "<!-- cli-reference:end -->"
README = Path(__file__).resolve().parent.parent / "docs" / "cli.md"


def reference():
    runner = CliRunner()
    parts = [START, ""]
    for name in main.commands:
        text = runner.invoke(main, [name, "--help"], terminal_width=88, prog_name="claimcheck").output.rstrip()
        parts += [f"## `claimcheck {name}`", "", "```text", text, "```", ""]
    parts.append(END)
    return "\n".join(parts)


def write():
    readme = README.read_text()
    new = re.sub(re.escape(START) + ".*?" + re.escape(END), lambda _: reference(), readme, flags=re.S)
    README.write_text(new)


if __name__ == "__main__":
    write() if "--write" in sys.argv else print(reference())
