"""Claims about exactsep.srhm (added as that part's API lands)."""
