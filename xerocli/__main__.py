"""`python -m xerocli` runs the same entry point as the `xero` console script."""

from xerocli.cli.entry import main

if __name__ == "__main__":
    main()
