"""One module per `python -m igym` command; each exposes `register(subparsers)`."""
