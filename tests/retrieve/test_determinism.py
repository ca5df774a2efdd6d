"""The same text gets the same vector, and the same input the same bytes, whatever else
was encoded with it (issue 36, item 15)."""

import random

import numpy as np
import pytest

from claimcheck.retrieve.embeddings import Embedder

#: Sentences of many lengths, so that batches pad to different lengths when mixed.
WORDS = ("the trial enrolled patients across sites and reported outcomes after months of "
         "follow-up with carers schools clinics and services in several regions").split()


def _sentences(n, seed=7):
    pick = random.Random(seed)
    return [f"{i} " + " ".join(pick.choice(WORDS) for _ in range(pick.randint(3, 50))) + "."
            for i in range(n)]


@pytest.mark.parametrize("backend", ["torch", "torch-bf16"])
def test_a_text_s_vector_does_not_depend_on_its_batch(backend):
    texts = _sentences(100)
    alone = Embedder(backend=backend).embed(texts)
    mixed = Embedder(backend=backend)
    others = texts[:]
    random.Random(3).shuffle(others)
    mixed.embed(others[:50] + _sentences(30, seed=11))  # other batches, other neighbours
    assert np.array_equal(alone, mixed.embed(texts))


def test_two_cold_runs_with_the_documents_in_another_order_give_the_same_bytes(tmp_path):
    from click.testing import CliRunner

    from claimcheck.cli import main

    texts = _sentences(60, seed=5)
    for i, name in enumerate("abc"):
        paragraphs = [f"The service reached {100 + 7 * i} families in {3 + i} towns."]
        paragraphs += texts[i * 20:(i + 1) * 20] + [f"Later, {90 + 9 * i} families in {3 + i} towns."]
        (tmp_path / f"{name}.txt").write_text("\n\n".join(paragraphs), encoding="utf-8")
    outputs = []
    for run, order in enumerate(["abc", "cba"]):
        out = tmp_path / f"run{run}.jsonl"
        args = ["audit", *(str(tmp_path / f"{n}.txt") for n in order), "--cache", str(tmp_path / f"cache{run}"),
                "-f", "jsonl", "-o", str(out), "-q"]
        result = CliRunner().invoke(main, args)
        assert result.exit_code in (0, 1), result.output
        outputs.append(sorted(out.read_text(encoding="utf-8").splitlines()))
    assert outputs[0] and outputs[0] == outputs[1]
    pages = []
    for order in ("abc", "cba"):  # the HTML report too, its table of documents included
        args = ["audit", *(str(tmp_path / f"{n}.txt") for n in order), "--cache", str(tmp_path / "cache0"),
                "-f", "html", "--no-timestamp", "-q"]
        pages.append(CliRunner().invoke(main, args).output)
    assert pages[0] == pages[1] and "b.txt" in pages[0]
