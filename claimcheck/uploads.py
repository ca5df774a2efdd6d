"""Files sent to `claimcheck serve`: a multipart/form-data body read in memory, and each
file's name made safe to show and to give its documents' ids. Nothing touches the disk."""

import re
from email.message import Message

from claimcheck.documents import RECORD_SUFFIXES, TEXT_SUFFIXES
from claimcheck.errors import InputError
from claimcheck.formats import CONVERTED_SUFFIXES

#: The file names the page offers to upload (what claimcheck reads), for <input accept>.
ACCEPT = ",".join(dict.fromkeys(TEXT_SUFFIXES + CONVERTED_SUFFIXES + RECORD_SUFFIXES + (".gz",)))
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_LONGEST_NAME = 120


def form_boundary(content_type):
    """The boundary of a multipart/form-data Content-Type header, or None for another type."""
    header = Message()
    header["content-type"] = content_type or ""
    if header.get_content_type() != "multipart/form-data":
        return None
    boundary = header.get_param("boundary")
    if not isinstance(boundary, str) or not 0 < len(boundary) <= 70:
        raise InputError("the form has no usable multipart boundary",
                         fix="send it as a browser does, with enctype='multipart/form-data'")
    return boundary.encode("latin-1", "replace")


def parse_form(boundary, body):
    """({field name: [values]}, [(file name, bytes)]) of a multipart/form-data body
    (RFC 7578). A file input left empty (no name, no bytes) is skipped."""
    delimiter = b"\r\n--" + boundary
    pieces = (b"\r\n" + body).split(delimiter)
    if len(pieces) < 2 or not pieces[-1].startswith(b"--"):
        raise InputError("the form ends before its closing boundary",
                         fix="send it again; it may have been cut short")
    fields, files = {}, []
    for piece in pieces[1:-1]:
        head, sep, content = piece.partition(b"\r\n\r\n")
        if not sep:
            raise InputError("a part of the form has no headers", fix="send it as a browser does")
        disposition = Message()
        for line in head.decode("utf-8", "replace").split("\r\n"):
            name, colon, value = line.partition(":")
            if colon and name.strip().lower() == "content-disposition":
                disposition["content-disposition"] = _CONTROL.sub("", value.strip())
        field = disposition.get_param("name", header="content-disposition")
        filename = disposition.get_param("filename", header="content-disposition")
        if not isinstance(field, str):
            continue
        if filename is None:
            fields.setdefault(field, []).append(content.decode("utf-8", "replace"))
        elif filename or content:
            files.append((str(filename), content))
    return fields, files


def _suffix(name):
    """The part of a file name that says its format: ".jsonl.gz", ".pdf", or ""."""
    lower = name.lower()
    return next((s for s in sorted(RECORD_SUFFIXES + TEXT_SUFFIXES + CONVERTED_SUFFIXES, key=len,
                                   reverse=True) if lower.endswith(s)), "")


def upload_name(filename, taken):
    """A name for an uploaded file to show and to begin its documents' ids: its base name
    (a browser may send a path), without control characters, at most _LONGEST_NAME long,
    and not one of `taken` (a second "case.docx" is "case (2).docx"). Added to `taken`."""
    base = _CONTROL.sub("", re.split(r"[\\/]", filename)[-1]).strip() or "upload"
    suffix = _suffix(base)
    stem = base[:len(base) - len(suffix)] if suffix else base
    stem = stem[:_LONGEST_NAME - len(suffix)]
    name, n = stem + base[len(base) - len(suffix):], 1
    while name in taken:
        n += 1
        name = f"{stem} ({n}){base[len(base) - len(suffix):]}"
    taken.add(name)
    return name
