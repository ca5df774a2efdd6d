"""The public API: every name in claimcheck.__all__ imports from the package itself, and
importing the package loads nothing heavy until a name is used."""

import subprocess
import sys

import pytest

import claimcheck


@pytest.mark.parametrize("name", claimcheck.__all__)
def test_each_public_name_imports_from_the_package(name):
    value = getattr(claimcheck, name)
    assert value is not None
    if name != "__version__":
        assert getattr(value, "__name__", name) == name


def test_a_public_name_is_the_object_its_module_defines():
    from claimcheck.parse.quantities import parse_quantities
    from claimcheck.pipeline import audit

    assert claimcheck.parse_quantities is parse_quantities
    assert claimcheck.audit is audit


def test_an_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'no_such_thing'"):
        claimcheck.no_such_thing  # noqa: B018


def test_importing_the_package_loads_no_model_index_or_parser():
    code = ("import sys, claimcheck; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('torch', 'faiss', 'sentence_transformers', 'numpy') or m.startswith('claimcheck.')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "['claimcheck.errors', 'claimcheck.version']"


def test_the_public_api_reads_a_quantity():
    q = claimcheck.parse_quantities("over 14,900 practitioners from 36 countries")[0]
    assert (q.text, q.qualifier, q.head) == ("over 14,900", "over", "practitioner")
