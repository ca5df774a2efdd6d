"""The reader: what it reads of a figure, and the trained weights loaded from the package."""

import pytest

from claimcheck.checks import matching, reader
from claimcheck.checks.context import Context


def test_window_masks_the_figure_and_keeps_words_either_side():
    text = "In 2019 the service trained 14,931 practitioners in 22 countries across Europe."
    start = text.index("14,931")
    got = reader.window(text, start, start + len("14,931"), words=3)
    assert got == "the service trained [MASK] practitioners in 22"


def test_window_at_the_edges_of_a_sentence():
    text = "45% of farmers changed their practice"
    assert reader.window(text, 0, 3) == "[MASK] of farmers changed their practice"
    assert reader.window("It cost £2m", 8, 11) == "It cost [MASK]"


def test_reading_feature_is_bounded_and_odd():
    assert matching.reading_feature(0.5) == 0
    assert matching.reading_feature(1.0) == pytest.approx(-matching.reading_feature(0.0))
    assert 0.9 < matching.reading_feature(1.0) <= 1


def test_no_embedder_reads_nothing():
    assert Context().readings([("a [MASK] b", "c [MASK] d")]) == [0.5]


@pytest.fixture(scope="module")
def bundled():
    from claimcheck.retrieve.embeddings import resolve_model

    return reader.load(resolve_model("all-MiniLM-L6-v2"))


def test_bundled_reader_loads_from_the_package(bundled):
    assert reader.READER.exists()
    assert reader.READER.stat().st_size < 5_000_000  # a few MB at most


def test_a_restated_clause_reads_as_one_quantity_more_than_another_thing(bundled):
    same = ("the trial enrolled [MASK] foster carers in England and Wales",
            "[MASK] foster carers in England and Wales were enrolled in the trial")
    other = ("the trial enrolled [MASK] foster carers in England and Wales",
             "the building was opened [MASK] years ago by the city council")
    p_same, p_other = bundled.probabilities([same, other])
    assert p_same > p_other


def test_probabilities_do_not_depend_on_the_batch(bundled):
    pairs = [("a grant of [MASK] to the team", "the team won [MASK] in funding"),
             ("[MASK] schools took part", "in [MASK] schools across the region, pupils")]
    alone = [bundled.probabilities([pair])[0] for pair in pairs]
    together = bundled.probabilities(pairs)
    assert together == pytest.approx(alone, abs=1e-4)


def test_only_pairs_the_reading_could_change_are_read(embedder):
    from claimcheck.checks import read_ahead
    from claimcheck.io.documents import make_document
    from claimcheck.parse.claims import extract_claims
    from claimcheck.retrieve.evidence import gather_evidence

    doc = make_document("doc.txt", "\n\n".join([
        "# Summary\n\nA total of 2,410 nurses in 14 hospitals were trained in the protocol.",
        "# Details of the impact\n\nMore than 2,400 nurses from 19 hospitals were trained in "
        "the protocol.",
        "In 1998 the old depot, since closed, had a car park with room for 300 cars.",
        "Pupils painted 12 toy cars for the school fair.",
    ]))
    claims = extract_claims(doc)
    context = Context(embedder=embedder)
    context.count_mentions(claims)
    asked = []
    real = context.readings
    context.readings = lambda pairs: asked.extend(pairs) or real(pairs)
    read_ahead(claims, gather_evidence(claims, embedder), context)
    read = " ".join(a + " " + b for a, b in asked)
    assert "[MASK] hospitals" in read  # a likely pair: its grade turns on the reading
    assert "[MASK] cars" not in read  # two unlike sentences: no finding, whatever it reads


@pytest.mark.parametrize("content", [b"not an npz file", b""])
def test_unreadable_weights_give_a_one_line_error(tmp_path, content):
    from claimcheck.errors import ModelError
    from claimcheck.retrieve.embeddings import resolve_model

    bad = tmp_path / "reader.npz"
    bad.write_bytes(content)
    with pytest.raises(ModelError, match="cannot read the reader's weights"):
        reader.Reader(resolve_model("all-MiniLM-L6-v2"), weights=bad)


def test_weights_of_another_shape_are_refused(tmp_path):
    import numpy as np

    from claimcheck.errors import ModelError
    from claimcheck.retrieve.embeddings import resolve_model

    other = tmp_path / "reader.npz"
    np.savez(other, **{"head.weight": np.zeros((1, 384)), "head.bias": np.zeros(1)})
    with pytest.raises(ModelError, match="does not fit the reader"):
        reader.Reader(resolve_model("all-MiniLM-L6-v2"), weights=other)


def test_loading_the_reader_alone_writes_nothing_on_stderr():
    """When every sentence vector is already on disk the sentence model is never loaded,
    and the reader is the first model the libraries load: they must stay silent then too
    (no "Loading weights" bar under --quiet)."""
    import subprocess
    import sys

    code = ("from claimcheck.checks import reader\n"
            "from claimcheck.retrieve.embeddings import bundled_model_path\n"
            "reader.load(bundled_model_path())\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
