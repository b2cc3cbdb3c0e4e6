"""Planning insight for the region: the capacity dashboard, call timelines, the coverage of
the medium-term plan's activity cards and the workflow diagram."""
