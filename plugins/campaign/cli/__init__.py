"""The ``campaign`` command line: ``main.COMMANDS`` lists the subcommands."""
