"""`python -m claimcheck`: the claimcheck command."""

from claimcheck.cli import main

main(prog_name="claimcheck")
