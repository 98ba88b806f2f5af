"""Repository-root conftest: it makes pytest put the repository root on
``sys.path``, so tests and benchmarks import the test data package ``corpus``
the same way the scripts do (``python -m corpus....``).  The package under
test is always the installed ``zhclean`` (src layout: the root holds no
``zhclean``)."""
