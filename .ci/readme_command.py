"""Print the Nth command of the first ```sh block under README.md's "## Quick start"."""

import sys
from pathlib import Path

readme, number = Path(sys.argv[1]), int(sys.argv[2])
lines = readme.read_text(encoding="utf-8").splitlines()
start = lines.index("## Quick start")
fence = next(i for i in range(start, len(lines)) if lines[i].strip() == "```sh")
commands = []
for line in lines[fence + 1 :]:
    if line.strip() == "```":
        break
    if line.strip() and not line.lstrip().startswith("#"):
        commands.append(line.strip())
if len(commands) != 2:
    sys.exit(f"README.md: the Quick start block must hold exactly two commands, not {len(commands)}")
print(commands[number - 1])
