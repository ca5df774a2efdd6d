"""`claimcheck serve`: a local web page over one corpus, with the standard library only.

GET /                  the page: paste a statement, upload files or pick a corpus document;
                       look a claim up
POST /audit            audit them (a form, urlencoded or multipart/form-data with files);
                       answered by a redirect to the result
GET /progress?job=     how far the audit sent with that job token has got (JSON)
GET /result/ID         the findings, highlighted in the texts (the HTML report)
GET /download/ID.EXT   the findings as .csv, .jsonl, .html or .md (claimcheck.report)
GET /lookup?q=         the passages nearest a claim, numbers marked, each with a verdict (first
                       those of the sources it cites; &doc= the corpus document it is from)

It listens on 127.0.0.1 by default and serves one request at a time through the model
(a lock), so a second browser tab waits rather than doubling the memory. Requests are
read by a fixed pool of worker threads; connections beyond them wait in the listen
queue. Only requests addressed to the server's own host names are answered (a web page
elsewhere cannot reach it through DNS rebinding), a form posted from another origin is
refused, and every request has a time limit for its reading and its socket. Uploaded
files are read in memory (never written to disk), within MAX_UPLOAD_MB together; the
last KEPT_RESULTS results are kept in memory for their pages and downloads. The pages
and the audits behind them are here (App); claimcheck/httpd.py reads and answers the
requests.
"""

import html
import re
import secrets
import threading
from collections import OrderedDict
from dataclasses import dataclass, replace
from http import HTTPStatus

from claimcheck import config
from claimcheck.checks import Context
from claimcheck.io.documents import documents_from_bytes, make_document
from claimcheck.parse.claims import extract_claims
from claimcheck.pipeline import Citations, DocumentClaims, check_documents, lookup
from claimcheck.report import mark_spans, render
from claimcheck.report.html import CSS, render_html
from claimcheck.retrieve.sources import listed_labels, statement_for, written
from claimcheck.webform import ACCEPT, PAGE_JS, Job, upload_name


_e = html.escape

#: The longest statement the page audits: a case study is about 30 KB of text.
MAX_STATEMENT_MB = 1.0
#: The most a form with files may carry, all of them together: a case study as PDF or
#: .docx is 0.1-3 MB, a REF2014 unit of assessment as .jsonl.gz about 1 MB. Each file is
#: then read within the document and collection limits (serve's --max-doc-mb and
#: --max-collection-mb), in memory.
MAX_UPLOAD_MB = 20.0
#: Files one form may carry.
MAX_FILES = 100
#: Audits kept for their pages and downloads, and audits whose progress is kept.
KEPT_RESULTS = 16
KEPT_JOBS = 64
#: The downloads of a result: report format: (file name ending, link text).
DOWNLOADS = {"csv": ("csv", "CSV"), "jsonl": ("jsonl", "JSONL"), "html": ("html", "HTML report"),
             "markdown": ("md", "Markdown")}
_HTML = "text/html; charset=utf-8"
_TYPES = {"csv": "text/csv; charset=utf-8", "jsonl": "application/jsonl; charset=utf-8",
          "html": "text/html; charset=utf-8", "markdown": "text/markdown; charset=utf-8"}
_GONE = (f"That audit is no longer kept (the server keeps the last {KEPT_RESULTS}, until it "
         "stops); audit the statement again.")
_JOB_TOKEN = re.compile(r"[A-Za-z0-9_-]{8,64}")

PAGE_CSS = CSS + """
textarea,input[type=search]{width:100%;font:inherit;padding:.4rem;border:1px solid #b9c0c8;border-radius:4px}
button{font:inherit;padding:.35rem 1rem;margin-top:.5rem;cursor:pointer}
select{font:inherit;max-width:100%}
.verdict{font-weight:700;text-transform:uppercase;font-size:.8rem}
.verdict.conflicts{color:#a93226}.verdict.agrees{color:#1e7b3c}.verdict.unrelated{color:#58616b}
.hit{background:#fff;border:1px solid #dde1e6;border-radius:6px;padding:.6rem .9rem;margin:.7rem 0}
.hit mark{background:#fbdcaa}.error{color:#a93226;font-weight:600}.error:empty{display:none}
nav{font-size:.9rem;margin-bottom:.3rem}
.drop{border:2px dashed #b9c0c8;border-radius:6px;padding:.6rem .8rem;margin:.6rem 0}
.drop.over{border-color:#2f6fdd;background:#eef4ff}.drop ul{margin:.3rem 0 0;padding-left:1.2rem}
input:focus,select:focus,textarea:focus{outline:3px solid #2f6fdd;outline-offset:1px}
#busy{margin-top:.6rem;font-size:.9rem}#busy progress{width:14rem;vertical-align:middle;margin-right:.5rem}
"""


@dataclass
class Result:
    """One audit's findings, kept for its page and its downloads."""

    findings: list
    documents: list
    title: str
    summary: list
    name: str  # for the downloaded files' names


def display_name(doc):
    """A document as the page names it: its title with its file name, or its file name
    (never the folders the corpus was read from)."""
    base = doc.id.replace("\\", "/").rsplit("/", 1)[-1]
    title = " ".join(str(doc.meta.get("Title") or "").split())
    return f"{title} ({base})" if title else base


class App:
    """What the pages need: the corpus, its index, the model and the checks' context.
    It keeps the last KEPT_RESULTS audits (their pages and downloads) and the progress
    of the last KEPT_JOBS, in memory."""

    def __init__(self, documents, index, embedder, context=None, k=config.DEFAULT_TOP_K,
                 max_doc_mb=None, max_collection_mb=None):
        self.documents = {d.id: d for d in documents}
        self.index, self.embedder, self.context, self.k = index, embedder, context, k
        self.limits = {"max_mb": max_doc_mb, "max_collection_mb": max_collection_mb}
        self.claims_of = DocumentClaims(documents)
        self.lock = threading.Lock()
        self.kept_lock = threading.Lock()
        self.results, self.jobs = OrderedDict(), OrderedDict()
        self.citations = None  # what looked-up claims cite (pipeline.Citations), made on first use
        self._lists = None

    def home(self, text="", query="", message=""):
        options = "".join(f"<option value='{_e(d.id)}'>{_e(display_name(d))}</option>"
                          for d in self.documents.values())
        return _page("claimcheck", f"""
<section class='doc'><h2>Audit a statement</h2>
<p class='error' id='error' role='alert' tabindex='-1'>{_e(message)}</p>
<form method='post' action='/audit' enctype='multipart/form-data' id='form'
data-limit='{int(MAX_UPLOAD_MB * 1_000_000)}' data-too-large='{_e(_files_too_large())}'>
<input type='hidden' name='job' id='job' value=''>
<label for='text'>Paste a statement:</label>
<textarea id='text' name='text' rows='8'>{_e(text)}</textarea>
<div id='drop' class='drop'><label for='files'>or upload files</label>
<span class='meta'>(.txt, .md, .docx, .pdf, .html, or REF2014 records as .jsonl or .jsonl.gz;
several at once, up to {MAX_UPLOAD_MB:g} MB together):</span>
<input type='file' id='files' name='files' multiple accept='{ACCEPT}'>
<span class='meta'>or drop them on this page.</span><ul id='chosen' class='meta'></ul></div>
<p><label for='doc'>or pick a corpus document:</label>
<select id='doc' name='doc'><option value=''>(none: the text and files above)</option>{options}</select></p>
<button type='submit' id='audit'>Audit</button>
<div id='busy' role='status' aria-live='polite' hidden><progress id='bar'></progress>
<span id='stage'></span></div></form></section>
{self._lookup_form(query)}<script>{PAGE_JS}</script>""", self._about())

    def _about(self):
        return (f"Corpus: {_n(len(self.documents), 'document')}, {_n(len(self.index), 'passage')}; "
                f"model {self.embedder.name}.")

    def _lookup_form(self, query, doc=""):
        listing = self._listing()
        choice = ""
        if listing:
            options = "".join(f"<option value='{_e(d)}'{' selected' if d == doc else ''}>{_e(d)}</option>"
                              for d in listing)
            choice = (f"<p><label for='cites'>Its references ([R1], [3]) are those of:</label> "
                      f"<select id='cites' name='doc'><option value=''>(the one document that lists "
                      f"them)</option>{options}</select></p>")
        return (f"<section class='doc'><h2>Look a claim up</h2><form method='get' action='/lookup'>"
                f"<label for='q'>A claim:</label>"
                f"<input type='search' id='q' name='q' value='{_e(query)}'>{choice}"
                f"<button type='submit' id='lookup'>Look up</button></form></section>")

    def job(self, token):
        """The progress of the audit sent with this job token, as JSON-ready data."""
        with self.kept_lock:
            found = self.jobs.get(token)
        return found.to_dict() if found else {"state": "unknown"}

    def _keep(self, table, key, value, most):
        with self.kept_lock:
            table[key] = value
            while len(table) > most:
                table.popitem(last=False)

    def audit(self, text, doc_id, files=(), token=""):
        """Audit the pasted text, the uploaded files ([(file name, bytes)]) and the corpus
        document picked, together. (status, page) for a mistake, or (303, page, type,
        headers) sending the browser to the result's page."""
        job = Job()
        if token:
            self._keep(self.jobs, token, job, KEPT_JOBS)
        try:
            return self._audit(text, doc_id, files, job)
        finally:
            job.state = "done"

    def _audit(self, text, doc_id, files, job):
        if doc_id and doc_id not in self.documents:
            return HTTPStatus.NOT_FOUND, self.home(text, message="No such corpus document; pick another.")
        documents = [make_document("pasted statement", text)] if text.strip() else []
        taken = set(self.documents) | {"pasted statement"}
        for i, (filename, data) in enumerate(files):
            job("files", i, len(files))
            name = upload_name(filename, taken)
            for doc in documents_from_bytes(name, data, **self.limits):
                documents.append(doc if doc.id not in self.documents else
                                 replace(doc, id=upload_name(doc.id + " (uploaded)", taken)))
        if doc_id:
            documents.append(self.documents[doc_id])
        if not documents:
            return HTTPStatus.BAD_REQUEST, self.home(
                message="Paste a statement, upload files or pick a corpus document.")
        if not any(d.text.strip() for d in documents):
            return HTTPStatus.BAD_REQUEST, self.home(
                message=f"{_names(documents)}: empty, nothing to check; give a document with text.")
        job("extracting")
        claims = {d.id: (self.claims_of(d.id) if d.id in self.documents else None) or extract_claims(d)
                  for d in documents}
        job("waiting")
        with self.lock:
            findings = check_documents(documents, claims, self.embedder, self.index, k=self.k,
                                       context=Context(self.context.priors if self.context else None),
                                       state={"claims_of": self.claims_of}, progress=job)
        job("writing")
        count = sum(map(len, claims.values()))
        which = "itself" if len(documents) == 1 else "each other"
        summary = [f"{_n(count, 'claim')} in {_names(documents)}, checked against {which} and "
                   f"the corpus. " + self._about()]
        for doc in documents:
            if not doc.text.strip():
                summary.append(f"{display_name(doc)} is empty: nothing in it to check.")
            elif not claims[doc.id]:
                summary.append(f"Nothing in {display_name(doc)} was checkable: it gives no "
                               "figures, dates or citations.")
        result_id = secrets.token_urlsafe(12)
        self._keep(self.results, result_id,
                   Result(findings, documents, f"claimcheck: {_names(documents)}", summary,
                          display_name(documents[0]) if len(documents) == 1 else "audit"),
                   KEPT_RESULTS)
        where = f"/result/{result_id}"
        return (HTTPStatus.SEE_OTHER, _page("Audited", f"<p><a href='{where}'>The findings</a></p>", ""),
                _HTML, {"Location": where})

    def _result(self, result_id):
        with self.kept_lock:
            return self.results.get(result_id)

    def result(self, result_id):
        """(status, page) of a kept audit: its findings highlighted, with downloads."""
        found = self._result(result_id)
        if found is None:
            return HTTPStatus.NOT_FOUND, self.home(message=_GONE)
        links = " · ".join(f"<a href='/download/{result_id}.{ext}' download>{label}</a>"
                           for ext, label in DOWNLOADS.values())
        nav = (f"<nav><a href='/'>&larr; audit another</a> · Download the findings: "
               f"<span id='downloads'>{links}</span></nav>")
        return HTTPStatus.OK, render_html(found.findings, found.title, found.summary,
                                          found.documents, nav=nav)

    def download(self, result_id, ext):
        """(status, body, content type, file name) of a kept audit's findings as a file
        in one of DOWNLOADS, written by claimcheck.report."""
        fmt = next((f for f, (e, _) in DOWNLOADS.items() if e == ext), None)
        found = self._result(result_id)
        if found is None or fmt is None:
            return HTTPStatus.NOT_FOUND, self.home(message=_GONE), _HTML, None
        body = render(found.findings, fmt, title=found.title, summary=found.summary,
                      documents=found.documents)
        stem = re.sub(r"[^A-Za-z0-9._-]+", "-", found.name).strip("-.")[:60] or "audit"
        return HTTPStatus.OK, body, _TYPES[fmt], f"claimcheck-{stem}.{ext}"

    def _listing(self):
        """The corpus documents with a list of references or sources, found once."""
        if self._lists is None:
            self._lists = listed_labels(self.documents.values())
        return self._lists

    def _statement(self, query, doc_id):
        """(the corpus document whose lists give the query's markers their meaning, or
        None; a note saying which, or why none)."""
        if doc_id:
            if doc_id not in self.documents:
                return None, f"No corpus document {doc_id}."
            return self.documents[doc_id], ""
        return statement_for(query, list(self.documents.values()), self._listing())

    def lookup(self, query, doc=""):
        if not query.strip():
            return HTTPStatus.OK, self.home()
        statement, note = self._statement(query, doc)
        with self.lock:
            if self.citations is None:
                self.citations = Citations(self.index, list(self.documents.values()))
            cited = self.citations(query, statement)
            hits = lookup(query, self.index, self.embedder, k=5, cited=cited)
        notes = [note] if note else []
        notes += [_citation_note(r) for r in cited]
        rows = "".join(_lookup_hit(h) for h in hits)
        about = "".join(f"<p class='meta cited-note'>{_e(n)}</p>" for n in notes)
        return HTTPStatus.OK, _page("claimcheck lookup", self._lookup_form(query, doc)
                                    + f"<section id='hits'>{about}{rows}</section>", self._about(),
                                    nav="<nav><a href='/'>&larr; home</a></nav>")


def _citation_note(r):
    """What became of one reference a looked-up claim cites."""
    if r.source:
        return f"{written(r)} is {r.source} (found by {r.by}): its passages come first."
    if r.entry:
        return f"{written(r)}: not found in the corpus."
    if r.doc != "<query>":
        return f"{written(r)}: {r.doc} lists no reference {written(r)}."
    return f"{written(r)}: pick the document the claim is from, to say what it cites."


def _lookup_hit(h):
    """One passage of a lookup, labelled when it is from a source the claim cites."""
    cited = ""
    if h.cited is not None:
        cited = (f"<span class='cited' style='font-weight:700;color:#1f4e79'>cited {_e(written(h.cited))}"
                 f"</span> ")
    return (f"<div class='hit {h.verdict}{' from-cited' if cited else ''}'>{cited}"
            f"<span class='verdict {h.verdict}'>{h.verdict}</span> "
            f"<span class='meta'>{h.score:.3f} · {_e(h.passage.doc)} "
            f"[{h.passage.start}-{h.passage.end}] · {_e(h.reason)}</span>"
            f"<p>{mark_spans(h.passage.text, h.quantities, _mark, _e)}</p></div>")


def _mark(text):
    return f"<mark>{_e(text)}</mark>"


def _n(count, noun):
    return f"{count} {noun if count == 1 else noun + 's'}"


def _names(documents):
    """The documents of one audit, named for its title: one name, or how many."""
    return display_name(documents[0]) if len(documents) == 1 else f"{len(documents)} documents"


def _page(title, body, about, nav=""):
    return (f"<!doctype html>\n<html lang='en'><head><meta charset='utf-8'><title>{_e(title)}</title>"
            f"<style>{PAGE_CSS}</style></head><body><header>{nav}<h1>{_e(title)}</h1>"
            f"<p class='meta'>{_e(about)}</p></header><main>{body}</main></body></html>\n")


_STATEMENT_TOO_LARGE = f"The statement is over {MAX_STATEMENT_MB:g} MB."


def _files_too_large():
    return (f"The files are over {MAX_UPLOAD_MB:g} MB together; upload fewer at a time "
            "(or audit them with claimcheck audit).")
