"""The exact network core shared by separation, relu and folding."""
from .activations import Activation, get_activation
from .network import Layer, Network, check_widths, num_params
from .segment import Crossing, LinePartition, Piece, line_partition, segment_partition

__all__ = ["Activation", "get_activation", "Layer", "Network", "check_widths", "num_params",
           "Crossing", "LinePartition", "Piece", "line_partition", "segment_partition"]
