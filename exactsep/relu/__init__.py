"""ReLU functional dimension, exact activation regions, parameter symmetries and fibers."""
