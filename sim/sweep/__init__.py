"""Research sweeps: experiment files, local or dask execution, Parquet results, analysis."""
