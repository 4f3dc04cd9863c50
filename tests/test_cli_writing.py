"""Output files: written atomically (no partial file on an error or Ctrl-C, the old content kept until the new
one is complete), devices written directly, OS errors as one line."""
import os

import pytest

from exactsep.cliutil import writing
from exactsep.errors import InvalidSpecError


def test_a_completed_block_replaces_the_file_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "out.dot"
    target.write_text("old")
    with writing(str(target), "DOT") as tmp:
        assert tmp != str(target) and tmp.endswith(".dot")
        with open(tmp, "w") as f:
            f.write("new")
        assert target.read_text() == "old"          # not replaced before the block ends
    assert target.read_text() == "new" and os.listdir(tmp_path) == ["out.dot"]


@pytest.mark.parametrize("exc", [RuntimeError, KeyboardInterrupt])
def test_an_error_or_interrupt_leaves_the_old_file_and_no_partial_file(tmp_path, exc):
    target = tmp_path / "out.json"
    target.write_text("old")
    with pytest.raises(exc):
        with writing(str(target), "JSON") as tmp:
            with open(tmp, "w") as f:
                f.write("half")
            raise exc()
    assert target.read_text() == "old" and os.listdir(tmp_path) == ["out.json"]


def test_an_unwritable_path_is_one_package_error(tmp_path):
    with pytest.raises(InvalidSpecError, match="cannot write the DOT file"):
        with writing(str(tmp_path / "missing" / "x.dot"), "DOT") as tmp:
            open(tmp, "w").close()


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
def test_a_device_is_written_directly_and_a_full_disk_is_one_error():
    with pytest.raises(InvalidSpecError, match="/dev/full"):
        with writing("/dev/full", "DOT") as tmp:
            assert tmp == "/dev/full"
            with open(tmp, "w") as f:
                f.write("x" * 100000)
    assert not os.path.isfile("/dev/full")           # still the device
