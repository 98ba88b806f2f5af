"""zhclean in data pipelines: one module per engine, imported only when used.

- ``zhclean.integrations.datasets``: a picklable, fingerprint-stable callable
  for ``datasets.Dataset.map`` (``pip install 'zhclean[datasets]'``);
- ``zhclean.integrations.datatrove``: a datatrove formatter step
  (``pip install 'zhclean[datatrove]'``);
- ``zhclean.integrations.dask``: cleaning JSON Lines shards on a Dask
  cluster (``pip install 'zhclean[dask]'``).

Importing ``zhclean`` imports none of them, nor any engine.  Each carries
a ``Cleaner``, which pickles as its options (a few bytes, the same in every
process) and builds its tables once per worker process on first use.
"""
