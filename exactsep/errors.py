"""The exception hierarchy of exactsep.

Every error raised on purpose by the library is a subclass of :class:`ExactsepError`, and its
message names what is wrong. The CLI turns any of them into one line on stderr and exit code 2.

>>> from exactsep.errors import ExactsepError, NonExactInputError
>>> issubclass(NonExactInputError, ExactsepError)
True
"""


class ExactsepError(Exception):
    """Base class of every error exactsep raises on purpose."""


class InvalidInputError(ExactsepError, ValueError):
    """Input that is malformed in a way no more specific class describes."""


class NonExactInputError(InvalidInputError, TypeError):
    """A float (or other inexact / unparsable value) where an exact number is required."""


class ShapeError(InvalidInputError):
    """Mismatched or ragged shapes (matrix dimensions, vector lengths, parameter counts)."""


class InvalidGroupError(InvalidInputError):
    """Invalid group data: an image list that is not a permutation, generators of different degrees, ..."""


class InvalidGSetError(InvalidInputError):
    """Invalid G-set data: generator images that do not define an action of the group."""


class NotEquivariantError(InvalidInputError):
    """A matrix (layer basis, bias partition, ...) that is not G-equivariant / G-stable."""


class InvalidSpecError(InvalidInputError):
    """A specification (JSON spec, architecture, parameters) that is invalid."""


class PointOnBoundaryError(InvalidInputError):
    """A point where a quantity is undefined, e.g. a hidden pre-activation equal to 0 for a Jacobian."""


class CertificateError(ExactsepError):
    """A certificate that does not verify (tampered, inconsistent, or of an unknown kind)."""


class CertificateLimitError(CertificateError):
    """A certificate refused because checking it would exceed a limit (an oversized instance, an estimate
    above a budget): not evidence of tampering, but not verified either. The message gives the estimate
    or the bound and the flag that lifts it."""


class ComputationLimitError(ExactsepError):
    """A computation that would exceed a limit the caller set (size, time, enumeration bound)."""


class StoreError(InvalidInputError):
    """A result store (``exactsep prove --store``) that cannot be used: corrupt, not a store, written by
    another version, or already holding a run when ``--resume`` was not given."""


class ExecutorError(ExactsepError):
    """A distributed executor that cannot run the work: an unreachable scheduler, no workers, a version
    mismatch on the workers, or tasks the cluster lost."""


class OutOfScopeError(InvalidInputError):
    """An instance outside a claim's hypotheses (its scope predicate): rejected, never a counterexample."""
