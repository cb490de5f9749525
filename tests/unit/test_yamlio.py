"""Reading YAML: each kind of unreadable file gives one clear error with its line."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from atlas.yamlio import read_yaml


def errors(text):
    located, errs = read_yaml(text, "data/x.yaml")
    assert located is None
    return [str(e) for e in errs]


def test_reads_values_and_lines():
    located, errs = read_yaml("a: 1\nb:\n  - x: 2\n  - x: 3\n", "f.yaml")
    assert errs == []
    assert located.data == {"a": 1, "b": [{"x": 2}, {"x": 3}]}
    assert located.line_of(("b", 1, "x")) == 4
    assert located.line_of(("b", 1, "missing")) == 4  # falls back to the closest known parent


def test_dates_stay_text():
    located, _ = read_yaml("d: 2023-02-24\n", "f.yaml")
    assert located.data == {"d": "2023-02-24"}


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "a: 1\nb: 2\na: 3\n",
            "data/x.yaml:3: a: duplicate key (first defined on line 1); a key may appear once per mapping",
        ),
        (
            "a:\n  b: 1\n  b: 2\n",
            "data/x.yaml:3: a.b: duplicate key (first defined on line 2); a key may appear once per mapping",
        ),
        (
            "a: 1\n---\nb: 2\n",
            "data/x.yaml:2: invalid YAML: the file holds more than one YAML document (remove the extra '---')",
        ),
        (
            "a:\n\t- 1\n",
            "data/x.yaml:2: invalid YAML: a tab character is not allowed for indentation in YAML; indent with spaces",
        ),
        (
            b"\xef\xbb\xbfa: 1\n",
            "data/x.yaml:1: the file starts with a byte order mark (BOM); save it as UTF-8 without BOM",
        ),
        (b"a: 1\nb: \xff\n", "data/x.yaml:2: the file is not valid UTF-8 (byte 0xff at offset 8)"),
        ("", "data/x.yaml:1: the file is empty"),
        ("# only a comment\n\n", "data/x.yaml:1: the file is empty"),
        ("a: [1, 2\nb: 3\n", "data/x.yaml:2: invalid YAML: did not find expected ',' or ']'"),
        (
            "a: &x [1, 2]\nb: *x\n",
            "data/x.yaml:2: YAML anchors and aliases (&name, *name) are not allowed in data files; write the value out",
        ),
        (
            'a: &a ["lol", "lol"]\nb: &b [*a, *a]\nc: [*b, *b]\n',
            "data/x.yaml:1: YAML anchors and aliases (&name, *name) are not allowed in data files; write the value out",
        ),
        ("? [a, b]\n: c\n", "data/x.yaml:1: invalid YAML: found unhashable key"),
        (
            "a: \x07\n",
            'data/x.yaml:1: invalid YAML: unacceptable character #x0007: control characters are not allowed in "<unicode string>", position 3',
        ),
    ],
)
def test_unreadable_files(text, expected):
    assert errors(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\nb:\n  - x: 2\n  - x: 3\n",
        "a: 1\na: 2\n",
        "a: {b: 1, b: 2}\n",
        "1: a\ntrue: b\n~: c\n",
        "a: !!binary aGk=\nb: !!float 1\n",
        "a: !!set {x, y}\n",
        "a: ! 5\nb: !!str 6\nc: '7'\n",
        "<<: {a: 1}\nb: 2\n",
        "d: 2023-02-24\nt: 2001-12-14t21:59:43.10-05:00\n",
        "n: [~, null, Null, '', 0x1F, 0o17, 1_000, .inf, -.5, +1, yes, No, on]\n",
        "? [a, b]\n: c\n",
        "a: &x [1]\nb: *x\n",
        "a: &x 5\nb: *x\n",
        b"\xef\xbb\xbfa: 1",
        b"a: \xff",
        "",
        "- 1\n- 2\n",
        "just text",
        "a: [1\n",
    ],
)
def test_fast_read_agrees_with_the_full_read(text):
    assert_fast_read_agrees(text if isinstance(text, bytes) else text.encode("utf-8"))


def assert_fast_read_agrees(raw: bytes) -> None:
    from atlas.yamlio import read_yaml_fast

    fast, fast_errors = read_yaml_fast(raw, "data/x.yaml")
    full, full_errors = read_yaml(raw, "data/x.yaml")
    assert fast_errors == full_errors
    assert (fast is None) == (full is None)
    if fast is not None:
        assert fast.data == full.data
        assert fast.lines == full.lines  # worked out on demand, the same


SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=20),
    st.sampled_from(
        [
            "yes",
            "no",
            "on",
            "~",
            "null",
            "0x1F",
            "1_000",
            "1e3",
            ".inf",
            "2023-02-24",
            "- a",
            "a: b",
            "#c",
            "'",
            '"',
            "<<",
        ]
    ),
)
DOCUMENTS = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.text(max_size=8) | st.sampled_from(["<<", "yes", "1"]), inner, max_size=4
        )
    ),
    max_leaves=25,
)


@settings(max_examples=300, deadline=None)
@given(
    DOCUMENTS.filter(lambda d: isinstance(d, (dict, list))), st.sampled_from([None, True, False])
)
def test_fast_read_agrees_with_the_full_read_on_any_document(value, flow):
    """Whatever the document, the fast path's own constructor gives the full read's values."""
    import yaml

    assert_fast_read_agrees(
        yaml.safe_dump(value, default_flow_style=flow, allow_unicode=True).encode("utf-8")
    )
