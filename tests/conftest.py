import hashlib

import numpy as np
import pytest
from click.testing import CliRunner

from claimcheck.retrieve.embeddings import Embedder


@pytest.fixture(scope="session")
def embedder():
    """The real bundled model, loaded once for the session."""
    return Embedder()


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path, monkeypatch):
    """Each test gets its own index cache and no model or index from the environment."""
    monkeypatch.setenv("CLAIMCHECK_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("CLAIMCHECK_MODEL", raising=False)
    monkeypatch.delenv("CLAIMCHECK_INDEX", raising=False)
    monkeypatch.delenv("CLAIMCHECK_BACKEND", raising=False)


class FakeEmbedder:
    """Deterministic vectors from a hash of the text: for index mechanics only."""

    def __init__(self, dim=16, name="fake-model"):
        self.dim, self.name = dim, name

    @property
    def dimension(self):
        return self.dim

    def embed(self, texts, progress=None):
        rows = []
        for t in texts:
            seed = int.from_bytes(hashlib.sha256(t.encode()).digest()[:4], "little")
            v = np.random.default_rng(seed).standard_normal(self.dim).astype(np.float32)
            rows.append(v / np.linalg.norm(v))
        return np.stack(rows) if rows else np.zeros((0, self.dim), np.float32)


@pytest.fixture
def fake_embedder():
    return FakeEmbedder()


def _minimal_docx(paragraphs):
    """A .docx of (style, text) paragraphs; style None for body text."""
    import io
    import zipfile

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    paras = "".join("<w:p>" + (f"<w:pPr><w:pStyle w:val='{style}'/></w:pPr>" if style else "")
                    + f"<w:r><w:t xml:space='preserve'>{text}</w:t></w:r></w:p>" for style, text in paragraphs)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("word/document.xml", f"<w:document xmlns:w='{w}'><w:body>{paras}</w:body></w:document>")
    return buffer.getvalue()


@pytest.fixture(scope="session")
def make_docx():
    """Makes the bytes of a minimal .docx from (style, text) paragraphs."""
    return _minimal_docx


#: A two-section statement whose figures clash (2,410 nurses in 14 hospitals, then more
#: than 2,400 from 19), for the command-line tests.
STATEMENT = """1. Summary of the impact
The scheme has trained 2,410 nurses in 14 hospitals since 2016.

4. Details of the impact
So far, more than 2,400 nurses from 19 different hospitals have been trained in the scheme [S1].
"""


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def statement(tmp_path):
    """STATEMENT in a file of its own."""
    path = tmp_path / "statement.txt"
    path.write_text(STATEMENT)
    return path
