"""Defaults and environment variables, in one place."""

import os
from pathlib import Path

ENV_MODEL = "CLAIMCHECK_MODEL"
ENV_INDEX = "CLAIMCHECK_INDEX"
ENV_CACHE = "CLAIMCHECK_CACHE"
ENV_BACKEND = "CLAIMCHECK_BACKEND"
#: How the model may run (claimcheck.backends): "auto" picks torch-bf16 or torch.
BACKENDS = ("auto", "torch", "torch-bf16", "openvino")

#: The name users see for the bundled model; resolved to the installed package's folder.
DEFAULT_MODEL = "all-MiniLM-L6-v2"
DEFAULT_TOP_K = 8
DEFAULT_BATCH_SIZE = 64
#: Passages are cut to fit the model's 256-token window with room to spare.
PASSAGE_MAX_TOKENS = 200
PASSAGE_OVERLAP_SENTENCES = 1
#: Documents larger than this are refused (a whole book is about 1 MB of text).
MAX_DOCUMENT_MB = 10.0
#: JSON and JSON Lines collections (gzipped or not) larger than this, unpacked, are refused
#: (the 1,568 REF2014 case studies of the shared data unpack to about 27 MB).
MAX_COLLECTION_MB = 200.0


def model_slug(model):
    """A file name for a model name or path: readable, and distinct per name."""
    import hashlib
    import re

    readable = re.sub(r"[^A-Za-z0-9._-]+", "_", Path(model).name or model)[:60]
    return f"{readable}-{hashlib.sha256(model.encode()).hexdigest()[:10]}"


def model_name(explicit=None):
    """The model to use: an explicit choice, else $CLAIMCHECK_MODEL, else the bundled one."""
    return explicit or os.environ.get(ENV_MODEL) or DEFAULT_MODEL


def cache_dir(explicit=None):
    """Where audit keeps indexes it builds: $CLAIMCHECK_CACHE, else the user's cache folder."""
    if explicit:
        return Path(explicit)
    if os.environ.get(ENV_CACHE):
        return Path(os.environ[ENV_CACHE])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "claimcheck"
