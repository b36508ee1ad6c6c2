"""Extraction on a Dask distributed cluster (the ``cluster`` extra: ``pip install 'claimdesk[cluster]'``).

:mod:`.partitions` cuts a corpus into parts workers read themselves; :mod:`.worker` holds the plugin
that loads the model once per worker and the task that extracts a partition; :mod:`.cache` is the
parse cache at an fsspec URL; :mod:`.output` writes the part files (JSON Lines or Parquet);
:mod:`.run` drives a run from the client. Nothing here is imported unless a cluster run asks for it.
"""
