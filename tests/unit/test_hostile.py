"""Hostile input (issue 17): what a careless contributor or an attacker can put in data/.

Each case asserts the exact message a contributor sees, that nothing crashes, that no
message carries a raw control character, and (for single-file cases) that nothing else in
the data changed: the error list holds only the messages the case expects.
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import pytest
from conftest import FIXTURES, edit

from atlas.errors import CatalogError
from atlas.load import load_catalog

M = "data/models/toy.yaml"
R = "data/results/doe2023toy.yaml"
B = "data/benchmarks/toybench.yaml"
S = "data/sources.yaml"
URL = 'code: "https://example.org/code"'
OBJ = 'objective: "next-token prediction"'


def errors_of(project: Path) -> list[str]:
    with pytest.raises(CatalogError) as info:
        load_catalog(project)
    text = str(info.value)
    bad = [ch for ch in text if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") and ch != "\n"]
    assert not bad, f"raw control or invisible characters in the message: {bad!r}"
    return [str(e) for e in info.value.errors]


def typed(value: str, reads: str, why: str) -> str:
    return (
        f"{value} is read by YAML as {reads} ({why}); write the plain number, "
        f'or quote it ("{value}") if it is text'
    )


def boolean(value: str, reads: str) -> str:
    return f'{value} is read by YAML as {reads}; write true or false, or quote it ("{value}") if it is text'


def tag(name: str) -> str:
    return (
        f"the YAML tag {name} is not allowed in data files; write the value without it, as text, "
        "a number, true or false, a list or a mapping"
    )


BAD_URL = "is not valid: "
# (file, text to replace, replacement, every error the contributor sees, in order)
CASES = {
    # YAML reads what was typed as something else
    "sexagesimal score": (
        R,
        "value: 40.5",
        "value: 1:20",
        [f"{R}:3: results[0].value: " + typed("1:20", "80", "a number in base 60")],
    ),
    "sexagesimal float": (
        R,
        "value: 40.5",
        "value: 1:20.5",
        [f"{R}:3: results[0].value: " + typed("1:20.5", "80.5", "a number in base 60")],
    ),
    "octal count": (
        M,
        "layers: 32",
        "layers: 010",
        [f"{M}:27: variants[0].layers: " + typed("010", "8", "a number in base 8")],
    ),
    "hexadecimal count": (
        M,
        "layers: 32",
        "layers: 0x20",
        [f"{M}:27: variants[0].layers: " + typed("0x20", "32", "a number in base 16")],
    ),
    "binary count": (
        M,
        "layers: 32",
        "layers: 0b100000",
        [f"{M}:27: variants[0].layers: " + typed("0b100000", "32", "a number in base 2")],
    ),
    "grouped digits": (
        M,
        "parameters: 6700000000",
        "parameters: 6_700_000_000",
        [
            f"{M}:24: variants[0].parameters: "
            + typed("6_700_000_000", "6700000000", "digits grouped with _")
        ],
    ),
    "yes as a boolean": (
        M,
        "access: open-weights",
        "access: open-weights\ngated: yes",
        [f"{M}:10: gated: " + boolean("yes", "true")],
    ),
    "no as a boolean": (
        B,
        "higher_is_better: true",
        "higher_is_better: no",
        [f"{B}:11: metrics[0].higher_is_better: " + boolean("no", "false")],
    ),
    "On as a boolean": (
        R,
        "value: 40.5",
        "value: 40.5, cot: On",
        [f"{R}:3: results[0].cot: " + boolean("On", "true")],
    ),
    "off as a name": (
        M,
        "name: Toy\n",
        "name: off\n",
        [f"{M}:2: name: " + boolean("off", "false")],
    ),
    "a base-60 number as a name": (
        M,
        "name: Toy\n",
        "name: 1:20\n",
        [f"{M}:2: name: " + typed("1:20", "80", "a number in base 60")],
    ),
    "merge key": (
        M,
        "summary:\n",
        "<<: {name: Evil}\nsummary:\n",
        [
            f"{M}:14: <<: << is a YAML merge key: it adds and overrides keys without a trace, "
            "and data files do not allow it; write the keys out"
        ],
    ),
    "binary tag": (
        M,
        OBJ,
        "objective: !!binary aGVsbG8=",
        [f"{M}:11: objective: " + tag("!!binary")],
    ),
    "set tag": (
        M,
        "languages: [en]",
        "languages: !!set {en, fr}",
        [f"{M}:12: languages: " + tag("!!set")],
    ),
    "timestamp tag": (
        M,
        'release_date: "2023-01-02"',
        "release_date: !!timestamp 2023-01-02",
        [f"{M}:5: release_date: " + tag("!!timestamp")],
    ),
    "python tag": (
        M,
        "languages: [en]",
        "languages: !!python/tuple [en]",
        [f"{M}:12: languages: " + tag("!!python/tuple")],
    ),
    "custom tag": (M, OBJ, "objective: !evil x", [f"{M}:11: objective: " + tag("!evil")]),
    "number key": (
        M,
        "license: toy-license",
        "license: toy-license\n1: x",
        [
            f"{M}:9: 1: the key 1 is read by YAML as a number, not a name; use a key the schema names"
        ],
    ),
    "list as a key": (
        M,
        "license: toy-license",
        "license: toy-license\n? [a]\n: x",
        [f"{M}:9: a key is a name, not a list or a mapping"],
    ),
    # values outside their metric
    "percentage above 100": (
        R,
        "value: 40.5",
        "value: 170.2",
        [
            f"{R}:3: results[0].value: 170.2 is outside the range of accuracy on toybench (0 to 100); check the value"
        ],
    ),
    "negative percentage": (
        R,
        "value: 40.5",
        "value: -3",
        [
            f"{R}:3: results[0].value: -3 is outside the range of accuracy on toybench (0 to 100); check the value"
        ],
    ),
    "perplexity below 1": (
        R,
        "shots: 0, metric: accuracy, value: 40.5",
        "shots: 0, metric: perplexity, value: 0.5",
        [
            f"{R}:3: results[0].value: 0.5 is outside the range of perplexity on toybench (at least 1); check the value"
        ],
    ),
    "human baseline above 100": (
        B,
        "value: 90.0}",
        "value: 900}",
        [
            f"{B}:16: human_baselines[0].value: 900 is outside the range of accuracy on toybench "
            "(0 to 100); check the value (baselines are in the unit of the first metric)"
        ],
    ),
    "percentage metric with a fraction's range": (
        B,
        'unit: "%", range: [0, 100]',
        'unit: "%", range: [0, 1]',
        [f'{B}:11: metrics[0].range: a metric in "%" has the range [0, 100]'],
    ),
    "metric without a range": (
        B,
        ", range: [0, 100]",
        "",
        [f"{B}:11: metrics[0].range: required key is missing"],
    ),
    # crashes
    "deep lists": (
        M,
        "languages: [en]",
        "languages: " + "[" * 500 + "]" * 500,
        [
            f"{M}:12: values are nested more than 50 levels deep; a data file needs a few levels "
            "(check for unclosed or repeated [ and {)",
            f"{M}: 7 references to model variants could not be checked because this file could not be read",
        ],
    ),
    "deep mappings": (
        M,
        "languages: [en]",
        "languages: " + "{a: " * 60 + "1" + "}" * 60,
        [
            f"{M}:12: values are nested more than 50 levels deep; a data file needs a few levels "
            "(check for unclosed or repeated [ and {)",
            f"{M}: 7 references to model variants could not be checked because this file could not be read",
        ],
    ),
    "key with brackets": (
        M,
        "license: toy-license",
        '"license [weights]": toy-license',
        [f"{M}:8: license [weights]: unknown key"],
    ),
    "key like an index": (
        M,
        "license: toy-license",
        '"[0]": toy-license',
        [f"{M}:8: [0]: unknown key"],
    ),
    "key like a pydantic tag": (
        M,
        "license: toy-license",
        "function-after[x]: toy-license",
        [f"{M}:8: function-after[x]: unknown key"],
    ),
    # messages that can be abused
    "terminal escape in a key": (
        M,
        "license: toy-license",
        '"\\e[2K\\rok": 1',
        [f"{M}:8: \\x1b[2K\\x0dok: unknown key"],
    ),
    "terminal escape in an id": (
        R,
        "model: toy-7b,",
        'model: "\\e[2Kok: 1 family, no errors\\r",',
        [
            f'{R}:3: results[0].model: "\\x1b[2Kok: 1 family, no errors\\x0d" is not valid: an id '
            "uses lowercase letters and digits, with single '-' or '.' between them (e.g. llama-65b)"
        ],
    ),
    "huge value": (
        M,
        "name: Toy-7B",
        'name: "' + "x" * 100_000 + '"',
        [f"{M}:23: variants[0].name: is 100000 characters long; the limit is 500"],
    ),
    "huge key is cut": (
        M,
        "license: toy-license",
        '"' + "k" * 1000 + '": toy-license',
        [f"{M}:8: " + "k" * 117 + "...: unknown key"],
    ),
    # text that looks right and is not
    "full-width digits in a date": (
        M,
        'release_date: "2023-01-02"',
        'release_date: "２０２３-01-02"',
        [
            f'{M}:5: release_date: "２０２３-01-02" is not valid: a date is written "YYYY-MM-DD", "YYYY-MM" or "YYYY"'
        ],
    ),
    "Devanagari digits in a date": (
        M,
        'checked: "2026-11-01"',
        'checked: "२०२६-11-01"',
        [f'{M}:17: checked: "२०२६-11-01" is not valid: this date is written "YYYY-MM-DD"'],
    ),
    "Arabic-Indic digits in an arXiv id": (
        S,
        'url: "https://example.org/toy"',
        'url: "https://example.org/toy"\n  arxiv: "٢٣٠٢.١٣٩٧١"',
        [
            f'{S}:13: [1].arxiv: "٢٣٠٢.١٣٩٧١" is not valid: an arXiv id looks like "2302.13971" '
            '(no "arXiv:" prefix, no version)'
        ],
    ),
    "no-break space in a number": (
        M,
        "layers: 32",
        "layers: 3\u00a02",
        [f'{M}:27: variants[0].layers: expected an integer, got "3\\xa02"'],
    ),
    "no-break space in an id": (
        R,
        "model: toy-7b,",
        'model: "toy-7b\u00a0",',
        [
            f'{R}:3: results[0].model: "toy-7b\\xa0" is not valid: an id uses lowercase letters and '
            "digits, with single '-' or '.' between them (e.g. llama-65b)"
        ],
    ),
    "name of Hangul fillers": (
        M,
        "name: Toy\n",
        'name: "\u3164\u3164"\n',
        [f"{M}:2: name: contains an invisible filler character (U+3164); remove it"],
    ),
    "name hiding tag characters": (
        M,
        "name: Toy\n",
        'name: "Toy\U000e0041\U000e0042"\n',
        [f"{M}:2: name: contains an invisible tag character (U+E0041) that hides text; remove it"],
    ),
    "line separator written as an escape": (
        M,
        "name: Toy\n",
        'name: "Toy\\LX"\n',
        [f"{M}:2: name: contains an invisible line or paragraph separator (U+2028); remove it"],
    ),
    "C1 control written as an escape": (
        M,
        OBJ,
        'objective: "a\\x9b2K"',
        [f"{M}:11: objective: contains a control character (U+009B); this field is a single line"],
    ),
    "raw next-line character": (
        M,
        "name: Toy\n",
        'name: "Toy\u0085X"\n',
        [
            f"{M}:2: the file holds an invisible control or line-break character (U+0085); remove it "
            "(YAML would read it as a line break or keep it unseen)",
            f"{M}: 7 references to model variants could not be checked because this file could not be read",
        ],
    ),
    # URLs whose host is not what it seems
    "backslash before user info": (
        M,
        URL,
        'code: "https://example.org\\\\@evil.example/"',
        [
            f'{M}:7: code: "https://example.org\\@evil.example/" {BAD_URL}a URL has no backslash: '
            'browsers read it as "/", so the link would lead elsewhere'
        ],
    ),
    "user info": (
        M,
        URL,
        'code: "https://example.org:x@evil.example/"',
        [
            f'{M}:7: code: "https://example.org:x@evil.example/" {BAD_URL}a URL has no user information before "@": this link would lead to evil.example'
        ],
    ),
    "Cyrillic look-alike host": (
        M,
        URL,
        'code: "https://ехаmple.org/"',
        [
            f'{M}:7: code: "https://ехаmple.org/" {BAD_URL}the host ехаmple.org has non-ASCII letters, '
            "which can imitate another host; if it is meant, write it in punycode: xn--mple-43d3a6i.org"
        ],
    ),
    "javascript URL": (
        M,
        URL,
        'code: "javascript:alert(1)"',
        [f'{M}:7: code: "javascript:alert(1)" {BAD_URL}a URL starts with https:// or http://'],
    ),
    "host without a dot": (
        M,
        URL,
        'code: "https://localhost/"',
        [
            f'{M}:7: code: "https://localhost/" {BAD_URL}a URL names a host such as example.org, then an optional port and path'
        ],
    ),
    "quote in a URL": (
        M,
        URL,
        'code: "https://example.org/\\"onmouseover=x"',
        [
            f'{M}:7: code: "https://example.org/"onmouseover=x" {BAD_URL}a URL has no ", <, > or ` (write them as %22, %3C, %3E, %60)'
        ],
    ),
    # reserved names
    "variant named like a JavaScript built-in": (
        M,
        "  - id: toy-65b",
        "  - id: constructor",
        None,  # the results that name toy-65b are reported too; checked below
    ),
}


@pytest.mark.parametrize("name", [n for n, c in CASES.items() if c[3]])
def test_hostile_input_gives_exact_messages(valid_copy, name):
    file, old, new, expected = CASES[name]
    edit(valid_copy, file, old, new)
    assert errors_of(valid_copy) == expected


def test_valid_spellings_still_read(valid_copy):
    """What YAML reads as it looks stays allowed: true/false, plain integers and decimals."""
    edit(valid_copy, M, "access: open-weights", "access: open-weights\ngated: false")
    edit(valid_copy, R, "value: 40.5", "value: 40.")
    edit(valid_copy, M, "layers: 32", "layers: !!str 32")  # a tag that only quotes: as typed
    assert errors_of(valid_copy) == [f'{M}:28: variants[0].layers: expected an integer, got "32"']


def test_javascript_built_in_as_an_id(valid_copy):
    edit(valid_copy, M, "id: toy\n", "id: constructor\n")
    (valid_copy / M).rename(valid_copy / "data/models/constructor.yaml")
    assert errors_of(valid_copy) == [
        'data/models/constructor.yaml:1: id: "constructor" is a name every JavaScript object '
        "has, which the site's scripts could take for this id; choose another id"
    ]


def test_reserved_page_name_as_an_id(valid_copy):
    edit(valid_copy, "data/methods/toy-tuning.yaml", "id: toy-tuning", "id: index")
    (valid_copy / "data/methods/toy-tuning.yaml").rename(valid_copy / "data/methods/index.yaml")
    assert errors_of(valid_copy) == [
        'data/methods/index.yaml:1: id: "index" is the name of the site\'s own methods index page; choose another id'
    ]


def test_one_unclosed_bracket_is_reported_first_and_counts_what_it_hides(valid_copy):
    edit(valid_copy, M, "training_data: [toy-corpus]", "training_data: [toy-corpus")
    edit(valid_copy, "data/datasets/toy-corpus.yaml", "creators: [toy-lab]", "creators: [toy-labs]")
    assert errors_of(valid_copy) == [
        f"{M}:14: invalid YAML: did not find expected ',' or ']' (a flow sequence that starts on line 13)",
        f"{M}: 7 references to model variants could not be checked because this file could not be read",
        'data/datasets/toy-corpus.yaml:8: creators[0]: unknown organization "toy-labs" (did you mean "toy-lab"?)',
    ]


NOT_READ = "a data file must be a plain file in the repository (it was not read)"


@pytest.mark.parametrize(
    "make, expected",
    [
        (
            lambda d: (os.remove(d / M), os.symlink(FIXTURES / "valid" / M, d / M)),
            [
                f"{M}: is a symbolic link; {NOT_READ}",
                f"{M}: 7 references to model variants could not be checked because this file could not be read",
            ],
        ),
        (
            lambda d: (
                os.remove(d / "data/datasets/toy-corpus.yaml"),
                os.symlink("/etc/passwd", d / "data/datasets/toy-corpus.yaml"),
            ),
            [
                f"data/datasets/toy-corpus.yaml: is a symbolic link; {NOT_READ}",
                "data/datasets/toy-corpus.yaml: 1 reference to datasets could not be checked because this file could not be read",
            ],
        ),
        (
            lambda d: os.symlink("/nonexistent/x.yaml", d / "data/models/ghost.yaml"),
            [f"data/models/ghost.yaml: is a symbolic link; {NOT_READ}"],
        ),
        (
            lambda d: os.mkdir(d / "data/models/ghost.yaml"),
            [f"data/models/ghost.yaml: is a folder; {NOT_READ}"],
        ),
        (
            lambda d: (
                os.mkdir(d / "data/models/ghost.yaml"),
                (d / "data/models/ghost.yaml/x.yaml").write_text("id: x\n"),
            ),
            [f"data/models/ghost.yaml: is a folder; {NOT_READ}"],
        ),
        (
            lambda d: os.mkfifo(d / "data/models/pipe.yaml"),
            [
                f"data/models/pipe.yaml: is not a regular file (a pipe, socket or device); {NOT_READ}"
            ],
        ),
        (
            lambda d: (
                os.remove(d / "data/licenses.yaml"),
                os.symlink("/nonexistent", d / "data/licenses.yaml"),
            ),
            [
                f"data/licenses.yaml: is a symbolic link; {NOT_READ}",
                "data/licenses.yaml: 2 references to licences could not be checked because this file could not be read",
            ],
        ),
        (
            lambda d: (
                os.rename(d / "data/methods", d / "elsewhere"),
                os.symlink(d / "elsewhere", d / "data/methods"),
            ),
            [
                "data/methods: is a symbolic link; data/methods must be a plain folder in the repository (it was not read)"
            ],
        ),
    ],
    ids=[
        "symlink out of the repository",
        "symlink to a system file",
        "dangling symlink",
        "folder named like a data file",
        "folder holding files",
        "fifo",
        "dangling list file",
        "symlinked kind folder",
    ],
)
def test_files_that_are_not_plain_files(valid_copy, make, expected):
    make(valid_copy)
    assert errors_of(valid_copy) == expected


def test_two_settings_never_share_a_label(valid_copy):
    settings = valid_copy / "data/settings.yaml"
    settings.write_text(
        settings.read_text(encoding="utf-8")
        + '- {id: test-split, kind: subset, name: "test split", description: "A hostile name."}\n',
        encoding="utf-8",
    )
    edit(
        valid_copy,
        R,
        'value: 63.4, locator: "Table 9"}',
        'value: 63.4, locator: "Table 9", split: test}\n'
        '  - {model: toy-7b, benchmark: toybench, shots: 5, metric: accuracy, value: 50.0, locator: "Table 9", subset: test-split}',
    )
    errs = errors_of(valid_copy)
    assert errs == [
        f'{R}:6: results[3]: this setting reads "5-shot, test split" like the setting of '
        f"{R}:5, which is another; give one of their words in data/settings.yaml another name"
    ]
