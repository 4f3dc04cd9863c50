"""The exact network core shared by separation, relu and folding."""
from .activations import Activation, get_activation
from .network import FloatConversion, Layer, Network, check_widths, float_conversion, num_params, torch_arrays
from .segment import Crossing, LinePartition, Piece, line_partition, segment_partition

__all__ = ["Activation", "get_activation", "Layer", "Network", "check_widths", "num_params", "FloatConversion",
           "float_conversion", "torch_arrays",
           "Crossing", "LinePartition", "Piece", "line_partition", "segment_partition"]
