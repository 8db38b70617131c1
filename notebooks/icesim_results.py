"""Reads an icesim result set into pandas: every file and column is described in docs/results-format.md."""
import os
from pathlib import Path

import pandas as pd

#: The repository root (this file lives in notebooks/).
ROOT = Path(__file__).resolve().parent.parent


def results_dir(default="results/notebook-batch"):
    """The result set to read: $ICESIM_RESULTS, else results/notebook-batch.

    A relative path is taken from the current directory if it is there, else from the repository
    root: nbconvert and Jupyter start the kernel in notebooks/, while the path was typed at the root.
    """
    path = Path(os.environ.get("ICESIM_RESULTS", default))
    if path.is_absolute():
        return path
    for base in (Path.cwd(), ROOT):
        if (base / path / "runs.csv").exists():
            return (base / path).resolve()
    return (ROOT / path).resolve()


def swept_columns(runs):
    """The swept key paths: the columns between 'point' and 'seed_index', less their numeric companions
    (a key never holds '_', a companion such as links.cell.delay_ms does)."""
    cols = list(runs.columns)
    return [c for c in cols[cols.index("point") + 1:cols.index("seed_index")] if "_" not in c]


def read_runs(results):
    """runs.csv with a 'group' label (scenario and swept values) and a 'fleet' flag (a row of a fleet run)."""
    runs = pd.read_csv(results / "runs.csv")
    params = swept_columns(runs)

    def label(row):
        swept = [f"{p.split('.', 1)[-1]}={row[p]}" for p in params if pd.notna(row[p])]
        return " ".join([row["scenario"], *swept])

    runs["group"] = runs.apply(label, axis=1) if len(runs) else pd.Series(dtype=str)
    runs["fleet"] = runs["calls"].notna()
    return runs, params


def read_fleet_values(results, runs):
    """fleet-values.csv (every restart latency and recovery of the fleet runs) with the run's group; empty if none."""
    file = results / "fleet-values.csv"
    if not file.exists():
        return pd.DataFrame(columns=["run_id", "metric", "value_ms", "group"])
    values = pd.read_csv(file)
    return values.merge(runs[["run_id", "group"]], on="run_id")


def read_load(results, runs):
    """load.csv with the run's group, or None without one. Rows of scope 'fleet' are each run's totals and rows
    of scope 'server' one TURN server each: sum one scope, never both (the fleet row is the sum of the others)."""
    file = results / "load.csv"
    if not file.exists():
        return None
    return pd.read_csv(file).merge(runs[["run_id", "group"]], on="run_id")


def read_media(results, runs):
    """media.csv (a batch made with --events) with the run's group, or None without one: per run, receiving peer and
    100 ms interval, the media packets and bytes that arrived and the rate (mbps, pps)."""
    file = results / "media.csv"
    if not file.exists():
        return None
    return pd.read_csv(file).merge(runs[["run_id", "group"]], on="run_id")
