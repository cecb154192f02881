//! Analysis: alerts, queries and exports over the stored graph and reference data.
