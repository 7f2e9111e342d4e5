"""One module per sub-command: each defines ``add_parser(sub)`` (its sub-command(s), with the
function that runs them as ``func``) and ``HELP_ORDER``. ``softdiag.cli`` finds them here;
adding a command is adding a module. They share only ``softdiag.cli.account`` and
``softdiag.cli.output`` and never import each other (import-linter)."""
