import pytest
from hypothesis import given, settings, strategies as st

from arbocheck.core.trust import seal


def test_round_trip_with_the_right_identity_only():
    ident, recip = seal.new_identity()
    other, _ = seal.new_identity()
    blob = seal.seal(b'{"neck_pain": 4}', recip)
    assert seal.unseal(blob, ident) == b'{"neck_pain": 4}'
    with pytest.raises(seal.SealError, match="someone else"):
        seal.unseal(blob, other)


@settings(max_examples=30, deadline=None)
@given(a=st.binary(max_size=3000), b=st.binary(max_size=3000))
def test_similar_sizes_seal_to_equal_lengths(a, b):
    _, recip = seal.new_identity()
    assert len(seal.seal(a, recip)) == len(seal.seal(b, recip))


def test_padding_is_checked():
    assert seal.unpad(seal.pad(b"abc")) == b"abc"
    bad = bytearray(seal.pad(b"abc"))
    bad[-1] = 1
    with pytest.raises(seal.SealError):
        seal.unpad(bytes(bad))


@pytest.mark.parametrize("bad", ["", "age1nope", "AGE-SECRET-KEY-1XYZ"])
def test_bad_recipient(bad):
    with pytest.raises(seal.SealError):
        seal.seal(b"x", bad)


def test_inner_age_file_opens_with_plain_age():
    ident, recip = seal.new_identity()
    import pyrage
    from pyrage import x25519

    blob = seal.seal(b"hello", recip)
    inner = pyrage.decrypt(seal.age_file(blob), [x25519.Identity.from_str(ident)])
    assert seal.unpad(inner) == b"hello"


def test_not_a_sealed_part():
    ident, _ = seal.new_identity()
    with pytest.raises(seal.SealError):
        seal.unseal(b"PK\x03\x04 zip", ident)


@settings(max_examples=30, deadline=None)
@given(a=st.binary(max_size=70000), b=st.binary(max_size=70000))
def test_a_fixed_room_seals_any_payload_that_fits_to_one_length(a, b):
    ident, recip = seal.new_identity()
    room = 70000
    sa, sb = seal.seal(a, recip, room=room), seal.seal(b, recip, room=room)
    assert len(sa) == len(sb) and seal.unseal(sa, ident) == a


def test_a_payload_larger_than_its_room_is_refused():
    _, recip = seal.new_identity()
    with pytest.raises(seal.SealError, match="larger than its fixed size"):
        seal.seal(b"x" * 101, recip, room=100)
