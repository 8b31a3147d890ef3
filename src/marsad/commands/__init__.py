"""Sub-commands of the ``marsad`` command line: one module per command, each with ``register(sub)``."""
