"""Other document formats to plain text: HTML, PDF (with pypdf) and Word .docx.

Each converter returns the text claimcheck reads: paragraphs on lines of their own and
headings as Markdown headings ("## Details of the impact"), so sentences and sections are
found as in a text file. Offsets in findings are offsets into this text.
"""

import io
import re
import zipfile
import zlib
from html.parser import HTMLParser
from xml.etree import ElementTree

from claimcheck.config import MAX_DOCUMENT_MB
from claimcheck.errors import InputError

CONVERTED_SUFFIXES = (".html", ".htm", ".xhtml", ".pdf", ".docx")

_BLOCK = {"p", "div", "li", "ul", "ol", "tr", "table", "section", "article", "br", "hr",
          "blockquote", "pre", "dd", "dt", "figcaption", "caption", "header", "footer", "main"}
_SKIP = {"script", "style", "head", "template", "noscript", "svg"}


class _HTMLText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out, self.skipping = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP:
            self.skipping += 1
        elif re.fullmatch(r"h[1-6]", tag):
            self.out.append("\n\n" + "#" * int(tag[1]) + " ")
        elif tag in _BLOCK:
            self.out.append("\n")
        elif tag in ("td", "th"):
            self.out.append(" ")

    def handle_endtag(self, tag):
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif re.fullmatch(r"h[1-6]", tag) or tag in _BLOCK:
            self.out.append("\n")

    def handle_data(self, data):
        if not self.skipping:
            self.out.append(re.sub(r"\s+", " ", data))


def _tidy(text):
    """One paragraph a line, no blank lines, no spaces at either end of a line."""
    return "\n".join(line.strip() for line in text.splitlines() if line.strip()) + "\n"


def html_to_text(markup):
    parser = _HTMLText()
    parser.feed(markup)
    parser.close()
    return _tidy("".join(parser.out))


def pdf_to_text(data, path):
    """The text of each page, pages separated by a blank line."""
    try:
        from pypdf import PdfReader
        from pypdf.errors import PyPdfError
    except ImportError:  # pragma: no cover - pypdf is a dependency
        raise InputError("reading PDF needs pypdf", path=path, fix="pip install pypdf") from None
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise InputError("the PDF is encrypted", path=path,
                             fix="save an unencrypted copy, or export it as text")
        pages = [page.extract_text() or "" for page in reader.pages]
    except InputError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError) as err:
        raise InputError(f"not a readable PDF ({type(err).__name__}: {err})", path=path,
                         fix="check the file opens in a PDF reader, or export it as text") from None
    text = "\n\n".join(p.strip() for p in pages)
    if not text.strip():
        raise InputError("the PDF has no text layer (scanned pages?)", path=path,
                         fix="run OCR on it first, or give the text")
    return _tidy(_dehyphenate(text))


def _dehyphenate(text):
    """Rejoin words a PDF's line breaks split: "practi-\\ntioners" -> "practitioners"."""
    return re.sub(r"(?<=[a-z])-\n(?=[a-z])", "", text)


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_to_text(data, path, max_mb=MAX_DOCUMENT_MB):
    """Paragraphs of word/document.xml in order; heading styles become '#' headings.
    A document.xml that unpacks to more than `max_mb` is refused as it is unpacked
    (a zip bomb is not unpacked whole)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive, archive.open("word/document.xml") as xml:
            limit = int(max_mb * 1_000_000)
            content = xml.read(limit + 1)
            if len(content) > limit:
                raise InputError(f"its text unpacks to over {max_mb:g} MB, the limit for one document",
                                 path=path, fix="if that is right, raise the limit with --max-doc-mb")
            root = ElementTree.fromstring(content)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, ElementTree.ParseError, zlib.error,
            EOFError, NotImplementedError, RuntimeError, ValueError) as err:
        raise InputError(f"not a readable .docx file ({err})", path=path,
                         fix="save it again from Word as .docx, or export it as text") from None
    lines = []
    for para in root.iter(f"{_W}p"):
        parts = []
        for node in para.iter():
            if node.tag == f"{_W}t" and node.text:
                parts.append(node.text)
            elif node.tag == f"{_W}tab":
                parts.append("\t")
            elif node.tag in (f"{_W}br", f"{_W}cr"):
                parts.append("\n")
        style = para.find(f"{_W}pPr/{_W}pStyle")
        level = re.fullmatch(r"(?i)heading ?(\d)", style.get(f"{_W}val", "")) if style is not None else None
        text = "".join(parts)
        lines.append("#" * int(level.group(1)) + " " + text if level and text.strip() else text)
    return _tidy("\n".join(lines))


def convert(data, path, decode, max_mb=MAX_DOCUMENT_MB):
    """The text of a file in one of CONVERTED_SUFFIXES; `decode` reads bytes as text.
    A .docx whose text unpacks to more than `max_mb` is an InputError."""
    name = str(path).lower()
    if name.endswith(".pdf"):
        return pdf_to_text(data, path)
    if name.endswith(".docx"):
        return docx_to_text(data, path, max_mb)
    return html_to_text(decode(data, path))
