"""One self-contained HTML page of findings: no network, opens from disk.

Per document, its text with each finding's spans highlighted in place (the claim in its
severity's colour, evidence in the same document outlined) and the findings beside it,
each with its evidence, source document and score. Filters by severity and check hide
findings and their highlights and update every count; the table of documents sorts by
any column. The bytes depend only on the input (and `generated`, if given).
"""

import html
from collections import Counter, defaultdict

from claimcheck.findings import SEVERITIES, SEVERITY_LEGEND, SEVERITY_RANK
from claimcheck.report.parts import by_citing_document, where

_e = html.escape

CSS = """
*{box-sizing:border-box}
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1d2329;background:#f5f6f8}
header{background:#fff;border-bottom:1px solid #dde1e6;padding:.7rem 1.5rem}
@media (min-height:56rem){header{position:sticky;top:0;z-index:2}}
h1{font-size:1.35rem;margin:0 0 .3rem}h2{font-size:1.1rem;margin:0 0 .5rem;word-break:break-all}
main{padding:1rem 1.5rem;max-width:110rem;margin:0 auto}
.meta{color:#58616b;font-size:.85rem;margin:.15rem 0}
.filters{display:flex;flex-wrap:wrap;gap:.4rem 1.2rem;align-items:center;margin-top:.5rem;font-size:.9rem}
.filters fieldset{border:0;padding:0;margin:0;display:flex;flex-wrap:wrap;gap:.2rem .8rem}
.filters legend{font-weight:600;float:left;margin-right:.5rem}
.filters label{white-space:nowrap;cursor:pointer}
#shown{font-weight:600}
table{border-collapse:collapse;width:100%;background:#fff;font-size:.9rem}
th,td{border:1px solid #dde1e6;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#eef0f3;white-space:nowrap;padding:0}th.plain{padding:.3rem .5rem}
th button{font:inherit;font-weight:600;background:none;border:0;width:100%;text-align:left;
  padding:.3rem .5rem;cursor:pointer}
th[aria-sort=ascending]::after{content:" \\25B2"}th[aria-sort=descending]::after{content:" \\25BC"}
td.n{text-align:right;font-variant-numeric:tabular-nums}
.doc,.refs{background:#fff;border:1px solid #dde1e6;border-radius:6px;padding:1rem;margin:1.2rem 0}
.cols{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:1rem}
@media (max-width:60rem){.cols{grid-template-columns:1fr}}
.text{white-space:pre-wrap;font-size:.92rem;line-height:1.6;max-height:44rem;overflow:auto;
  border:1px solid #eef0f3;padding:.6rem .8rem;border-radius:4px}
.findings{max-height:44rem;overflow:auto}
mark{background:none;color:inherit;border-radius:2px;cursor:pointer}
mark.high{background:#f7c4bd}mark.medium{background:#fbdcaa}mark.low{background:#dfe4ea}
mark.ev{outline:1.5px dashed #6b7785;outline-offset:1px}
mark.flash,.card.flash{box-shadow:0 0 0 3px #2f6fdd}
mark[data-f]{font-weight:700;text-decoration:underline 2px}
mark:focus,button:focus,a:focus{outline:3px solid #2f6fdd;outline-offset:1px}
.card{border-left:5px solid #9aa3ad;background:#fafbfc;padding:.5rem .75rem;margin:0 0 .7rem;border-radius:3px}
.card.high{border-color:#c0392b}.card.medium{border-color:#e08a1e}.card.low{border-color:#8a949e}
.sev{font-weight:700;text-transform:uppercase;font-size:.8rem}
.sev.high{color:#a93226}.sev.medium{color:#b9650c}.sev.low{color:#58616b}
.card p{margin:.3rem 0}.card blockquote{margin:.2rem 0 .4rem .6rem;font-size:.88rem;color:#333}
.where{color:#58616b;font-size:.8rem}code{font-size:.8rem}
.hidden{display:none}
"""

JS = r"""
(function(){
  var boxes=[].slice.call(document.querySelectorAll('.filters input'));
  var cards=[].slice.call(document.querySelectorAll('.card'));
  var marks=[].slice.call(document.querySelectorAll('mark'));
  var rank={high:0,medium:1,low:2};
  function update(){
    var on={};
    boxes.forEach(function(b){on[b.name+':'+b.value]=b.checked;});
    var sev={}, shown=0, perDoc={};
    cards.forEach(function(c){
      var ok=on['severity:'+c.dataset.sev]&&on['check:'+c.dataset.check];
      c.classList.toggle('hidden',!ok);
      if(ok){sev[c.id]=c.dataset.sev;shown++;
        var d=perDoc[c.dataset.doc]||(perDoc[c.dataset.doc]={high:0,medium:0,low:0});d[c.dataset.sev]++;}
    });
    marks.forEach(function(m){
      var best=null;
      (m.dataset.c||'').split(' ').forEach(function(id){
        if(sev[id]&&(best===null||rank[sev[id]]<rank[best]))best=sev[id];});
      var ev=!best&&(m.dataset.e||'').split(' ').some(function(id){return sev[id];});
      m.className=(best||'')+(ev?' ev':'');
    });
    document.getElementById('shown').textContent=shown;
    [].slice.call(document.querySelectorAll('.filters .n')).forEach(function(n){
      var f=n.dataset.for.split(':'), k=0;
      cards.forEach(function(c){
        if(f[0]==='severity'){if(c.dataset.sev===f[1]&&on['check:'+c.dataset.check])k++;}
        else if(c.dataset.check===f[1]&&on['severity:'+c.dataset.sev])k++;});
      n.textContent=k;});
    [].slice.call(document.querySelectorAll('#docs tbody tr')).forEach(function(r){
      var d=perDoc[r.dataset.doc]||{high:0,medium:0,low:0}, cells=r.querySelectorAll('td.n');
      cells[0].textContent=d.high;cells[1].textContent=d.medium;cells[2].textContent=d.low;
      cells[3].textContent=d.high+d.medium+d.low;
    });
    [].slice.call(document.querySelectorAll('.doc')).forEach(function(s){
      var d=perDoc[s.dataset.doc]||{high:0,medium:0,low:0};
      s.querySelector('.count').textContent=d.high+d.medium+d.low;
    });
  }
  boxes.forEach(function(b){b.addEventListener('change',update);});
  function flash(el){el.scrollIntoView({block:'center'});el.classList.add('flash');
    setTimeout(function(){el.classList.remove('flash');},1200);}
  marks.forEach(function(m){m.addEventListener('keydown',function(ev){
    if(ev.key==='Enter'||ev.key===' '){ev.preventDefault();m.click();}});});
  marks.forEach(function(m){m.addEventListener('click',function(){
    var ids=((m.dataset.c||'')+' '+(m.dataset.e||'')).split(' ');
    for(var i=0;i<ids.length;i++){var c=ids[i]&&document.getElementById(ids[i]);
      if(c&&!c.classList.contains('hidden')){flash(c);return;}}});});
  cards.forEach(function(c){c.querySelector('.goto').addEventListener('click',function(ev){
    ev.preventDefault();var m=document.querySelector('mark[data-c~="'+c.id+'"]');if(m)flash(m);});});
  [].slice.call(document.querySelectorAll('#docs th')).forEach(function(th,col){
    th.addEventListener('click',function(){
      var tbody=th.closest('table').tBodies[0], rows=[].slice.call(tbody.rows);
      var num=th.dataset.type==='n', now=th.getAttribute('aria-sort');
      var asc=now?now!=='ascending':!num;  // numbers: most findings first
      th.parentNode.querySelectorAll('th').forEach(function(o){o.removeAttribute('aria-sort');});
      th.setAttribute('aria-sort',asc?'ascending':'descending');
      rows.sort(function(a,b){
        var x=a.cells[col].textContent, y=b.cells[col].textContent;
        var r=num?(parseFloat(x)-parseFloat(y)):x.localeCompare(y);
        return asc?r:-r;});
      rows.forEach(function(r){tbody.appendChild(r);});
    });});
  update();
})();
"""


def render_html(findings, title, summary=(), documents=(), generated=None, nav="", references=()):
    """The page. `documents` (claimcheck Documents) give the texts to highlight in; a
    finding whose document is not among them is shown with its claim sentence only.
    `nav` is HTML put above the title (links, when served). `references` (Resolution
    records) are listed after the documents, each entry with the corpus file it is."""
    findings = list(findings)
    docs = {d.id: d for d in documents}
    order = sorted(set(docs) | {f.claim.doc for f in findings})  # whatever order given
    by_doc = defaultdict(list)
    for f in findings:
        by_doc[f.claim.doc].append(f)
    marks = _marks(findings, docs)
    figures = _figures(findings, docs)
    head = _header(findings, title, summary, generated, nav)
    table = _doc_table(order, docs, by_doc)
    sections = "".join(
        _doc_section(i, doc_id, docs.get(doc_id), by_doc[doc_id], marks.get(doc_id, {}),
                     figures.get(doc_id, set()))
        for i, doc_id in enumerate(order) if by_doc[doc_id]
    )
    return (
        "<!doctype html>\n<html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width,initial-scale=1'>"
        f"<title>{_e(title)}</title><style>{CSS}</style></head><body>"
        f"{head}<main>{table}{sections}{_references(references, docs)}</main>"
        f"<script>{JS}</script></body></html>\n"
    )


def _header(findings, title, summary, generated, nav):
    severities = Counter(f.severity for f in findings)
    checks = Counter(f.check for f in findings)
    sev_boxes = "".join(
        f"<label><input type='checkbox' name='severity' value='{s}' checked> "
        f"<span class='sev {s}'>{s}</span> (<span class='n' data-for='severity:{s}'>"
        f"{severities.get(s, 0)}</span>)</label>"
        for s in SEVERITIES
    )
    check_boxes = "".join(
        f"<label><input type='checkbox' name='check' value='{_e(c)}' checked> {_e(c)} "
        f"(<span class='n' data-for='check:{_e(c)}'>{n}</span>)</label>"
        for c, n in sorted(checks.items())
    )
    legend = [SEVERITY_LEGEND] if findings else []
    lines = "".join(f"<p class='meta'>{_e(line)}</p>" for line in [*summary, *legend])
    when = f"<p class='meta'>Generated {_e(generated)}</p>" if generated else ""
    return (
        f"<header>{nav}<h1>{_e(title)}</h1>{lines}{when}"
        f"<div class='filters'><span>Showing <span id='shown'>{len(findings)}</span> of "
        f"{len(findings)} findings</span>"
        f"<fieldset><legend>Severity</legend>{sev_boxes}</fieldset>"
        f"<fieldset><legend>Check</legend>{check_boxes}</fieldset></div></header>"
    )


def _doc_table(order, docs, by_doc):
    """One row a document; a title column only when some document has a title."""
    titles = {d: str(docs[d].meta.get("Title") or "") if d in docs else "" for d in order}
    with_titles = any(titles.values())
    rows = []
    for i, doc_id in enumerate(order):
        counts = Counter(f.severity for f in by_doc[doc_id])
        link = f"<a href='#doc-{i}'>{_e(doc_id)}</a>" if by_doc[doc_id] else _e(doc_id)
        title = f"<td>{_e(titles[doc_id])}</td>" if with_titles else ""
        cells = "".join(f"<td class='n'>{counts.get(s, 0)}</td>" for s in SEVERITIES)
        rows.append(f"<tr data-doc='{_e(doc_id)}'><td>{link}</td>{title}"
                    f"{cells}<td class='n'>{len(by_doc[doc_id])}</td></tr>")
    def head(name, numeric=False):
        kind = " data-type='n'" if numeric else ""
        return f"<th{kind}><button type='button'>{name}</button></th>"

    heads = "".join(head(s, True) for s in SEVERITIES)
    title_head = head("title") if with_titles else ""
    return (
        f"<h2>Documents</h2><table id='docs'><thead><tr>{head('document')}{title_head}"
        f"{heads}{head('total', True)}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _marks(findings, docs):
    """For each document, {(start, end): (claim finding ids, evidence finding ids)}."""
    out = defaultdict(lambda: defaultdict(lambda: (set(), set())))
    for f in findings:
        if f.claim.doc in docs:
            out[f.claim.doc][f.claim.start, f.claim.end][0].add(f.id)
        for ev in f.evidence:
            if ev.doc in docs:
                out[ev.doc][ev.start, ev.end][1].add(f.id)
    return out


def _figures(findings, docs):
    """For each document, the (start, end) of the two figures a finding compares, where
    its values name them ("pair": "claim start-evidence start", with the values as
    written) and the document's text has them there."""
    out = defaultdict(set)
    for f in findings:
        starts = str(f.values.get("pair", "")).split("-")
        if len(starts) != 2 or not all(s.isdigit() for s in starts):
            continue
        for span, start, value in ((f.claim, starts[0], f.values.get("claim_value")),
                                   (f.evidence[0] if f.evidence else None, starts[1],
                                    f.values.get("evidence_value"))):
            doc = docs.get(span.doc) if span is not None else None
            start = int(start)
            if doc is not None and value and doc.text[start:start + len(value)] == value:
                out[span.doc].add((start, start + len(value)))
    return out


def highlight(text, spans, figures=()):
    """`text` as HTML with <mark> elements over the spans, overlaps split into pieces;
    each piece lists the findings it is the claim of (data-c) and evidence of (data-e),
    and a piece inside one of the `figures` is marked data-f."""
    points = {p for s in spans for p in s} | {p for f in figures for p in f}
    cuts = sorted({0, len(text)} | {max(0, min(p, len(text))) for p in points})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        claim_ids, ev_ids = set(), set()
        for (s, e), (c, v) in spans.items():
            if s <= a and b <= e:
                claim_ids |= c
                ev_ids |= v
        piece = _e(text[a:b].lstrip() if a == 0 else text[a:b])  # no blank lines at the top
        if claim_ids or ev_ids:
            figure = " data-f='1'" if any(s <= a and b <= e for s, e in figures) else ""
            out.append(f"<mark tabindex='0' data-c='{' '.join(sorted(claim_ids))}' "
                       f"data-e='{' '.join(sorted(ev_ids))}'{figure}>{piece}</mark>")
        else:
            out.append(piece)
    return "".join(out)


def _doc_section(i, doc_id, doc, findings, spans, figures=()):
    findings = sorted(findings, key=lambda f: (SEVERITY_RANK[f.severity], f.claim.start))
    title = doc.meta.get("Title") if doc else ""
    subtitle = f"<p class='meta'>{_e(str(title))}</p>" if title else ""
    cards = "".join(_card(f) for f in findings)
    text = (f"<div class='text'>{highlight(doc.text, spans, figures)}</div>" if doc else
            "<div class='text meta'>The document's text was not given; each finding shows "
            "its claim sentence.</div>")
    return (
        f"<section class='doc' id='doc-{i}' data-doc='{_e(doc_id)}'><h2>{_e(doc_id)} "
        f"<span class='meta'>(<span class='count'>{len(findings)}</span> findings)</span></h2>"
        f"{subtitle}<div class='cols'>{text}<div class='findings'>{cards}</div></div></section>"
    )


def _references(references, docs):
    """A section per citing document: how many of its entries were found in the corpus,
    and a table of each entry, the corpus file it is and how it was found."""
    out = []
    for doc_id, found in by_citing_document(references):
        named = sum(1 for r in found if r["source"])
        title = docs[doc_id].meta.get("Title") if doc_id in docs else ""
        subtitle = f"<p class='meta'>{_e(str(title))}</p>" if title else ""
        rows = "".join(
            f"<tr><td>{_e(r['label'])}</td><td>{_e(r['source'] or 'not found')}</td>"
            f"<td>{_e(r['by'] or '')}</td><td>{_e(r['entry'])}</td></tr>" for r in found)
        out.append(
            f"<section class='refs' data-cites='{_e(doc_id)}'><h2>References found in the "
            f"corpus: {_e(doc_id)}</h2>{subtitle}"
            f"<p class='meta'>{named} of {len(found)} entries found.</p><table><thead><tr><th class='plain'>reference</th>"
            f"<th class='plain'>corpus document</th><th class='plain'>how</th><th class='plain'>entry</th></tr></thead><tbody>{rows}</tbody></table>"
            f"</section>")
    return "".join(out)


def _card(f):
    evidence = "".join(
        f"<div class='where'>Evidence: {_e(where(s))}</div><blockquote>{_e(s.text)}</blockquote>"
        for s in f.evidence
    )
    return (
        f"<div class='card {f.severity}' id='{f.id}' data-sev='{f.severity}' "
        f"data-check='{_e(f.check)}' data-doc='{_e(f.claim.doc)}'>"
        f"<div><span class='sev {f.severity}'>{f.severity}</span> · {_e(f.check)} · "
        f"<code>{f.id}</code></div><p>{_e(f.message)}</p>"
        f"<div class='where'><a href='#' class='goto'>Claim</a>: {_e(where(f.claim))}</div>"
        f"<blockquote>{_e(f.claim.text)}</blockquote>{evidence}</div>"
    )
