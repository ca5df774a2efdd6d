"""`python -m claimcheck.cli`: the claimcheck command, as `python -m claimcheck`."""

from claimcheck.cli import main

main(prog_name="claimcheck")
