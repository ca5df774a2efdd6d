"""The audit form of `claimcheck serve`: its script, the multipart/form-data body it sends
(read in memory: nothing touches the disk), the names of uploaded files made safe to show
and to give their documents' ids, and the progress of the audit it starts."""

import re
import time
from email.message import Message

from claimcheck.errors import InputError
from claimcheck.io.files import RECORD_SUFFIXES, TEXT_SUFFIXES
from claimcheck.io.formats import CONVERTED_SUFFIXES

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


class Job:
    """What one audit is doing, for the page to show while it waits: called as the
    pipeline's progress is, (stage, done, total, detail)."""

    WORDS = {"starting": "starting", "files": "reading files", "claim-texts": "encoding the claims",
             "claims": "checking the claims", "waiting": "waiting for another audit to finish",
             "extracting": "finding the figures", "writing": "writing the report"}

    def __init__(self):
        self.stage, self.done, self.total, self.detail = "starting", 0, 0, ""
        self.state, self.started = "running", time.monotonic()

    def __call__(self, stage, done=0, total=0, detail=""):
        self.stage, self.done, self.total, self.detail = stage, done, total, detail

    def to_dict(self):
        return {"state": self.state, "stage": self.WORDS.get(self.stage, self.stage),
                "done": self.done, "total": self.total, "detail": self.detail,
                "seconds": round(time.monotonic() - self.started, 1)}


#: The audit form's script: files dropped (anywhere on the page) join those chosen; the form is sent in the
#: background with a bar for the upload, then the audit's progress is asked for twice a
#: second until its page is ready. Without it the form posts as any form does.
PAGE_JS = r"""
(function(){
  var form=document.getElementById('form'), input=document.getElementById('files');
  var drop=document.getElementById('drop'), chosen=document.getElementById('chosen');
  var busy=document.getElementById('busy'), bar=document.getElementById('bar');
  var stage=document.getElementById('stage'), button=document.getElementById('audit');
  var error=document.getElementById('error');
  function size(n){return n<1e6?Math.max(1,Math.round(n/1e3))+' KB':(n/1e6).toFixed(1)+' MB';}
  function show(){
    chosen.textContent='';
    [].forEach.call(input.files,function(f){var li=document.createElement('li');
      li.textContent=f.name+' ('+size(f.size)+')';chosen.appendChild(li);});
  }
  input.addEventListener('change',show);
  function add(files){  // joins those chosen already
    var all=new DataTransfer();
    [].forEach.call(input.files,function(f){all.items.add(f);});
    [].forEach.call(files,function(f){all.items.add(f);});
    input.files=all.files;show();
  }
  // a file dropped anywhere on the page is taken, not opened in place of the page
  document.addEventListener('dragover',function(ev){ev.preventDefault();drop.classList.add('over');});
  document.addEventListener('dragleave',function(ev){if(!ev.relatedTarget)drop.classList.remove('over');});
  document.addEventListener('drop',function(ev){
    ev.preventDefault();drop.classList.remove('over');
    if(ev.dataTransfer&&ev.dataTransfer.files.length)add(ev.dataTransfer.files);
  });
  function say(text,done,total){
    stage.textContent=text;
    if(total>0){bar.max=total;bar.value=done;}else{bar.removeAttribute('value');}
  }
  function token(){var a=new Uint8Array(12);crypto.getRandomValues(a);
    return [].map.call(a,function(b){return ('0'+b.toString(16)).slice(-2);}).join('');}
  form.addEventListener('submit',function(ev){
    ev.preventDefault();
    if(!busy.hidden)return;
    var bytes=[].reduce.call(input.files,function(n,f){return n+f.size;},0);
    if(bytes>Number(form.dataset.limit)){  // refused unread: say so before sending it
      error.textContent=form.dataset.tooLarge;error.focus();return;}
    var job=token(), timer=null, xhr=new XMLHttpRequest();
    document.getElementById('job').value=job;
    var data=new FormData(form);
    error.textContent='';busy.hidden=false;button.disabled=true;form.setAttribute('aria-busy','true');
    say('sending',0,0);
    function stop(){clearInterval(timer);busy.hidden=true;button.disabled=false;
      form.removeAttribute('aria-busy');}
    function fail(text){stop();error.textContent=text;error.focus();}
    xhr.upload.onprogress=function(e){
      if(e.lengthComputable)say('sending: '+size(e.loaded)+' of '+size(e.total),e.loaded,e.total);};
    xhr.upload.onload=function(){
      say('working',0,0);
      timer=setInterval(function(){
        fetch('/progress?job='+job).then(function(r){return r.json();}).then(function(p){
          if(p.state!=='running')return;
          var count=p.total>0?': '+p.done+' of '+p.total:'';
          say(p.stage+count+(p.detail?' ('+p.detail+')':'')+', '+Math.round(p.seconds)+' s',
              p.done,p.total);
        }).catch(function(){});
      },500);
    };
    xhr.onload=function(){
      if(xhr.status<400&&xhr.responseURL.indexOf('/result/')>=0){
        say('opening the findings',1,1);location.assign(xhr.responseURL);return;}
      var page=new DOMParser().parseFromString(xhr.responseText,'text/html');
      var said=page.querySelector('.error');
      fail(said&&said.textContent?said.textContent:'The audit failed ('+xhr.status+').');
    };
    xhr.onerror=function(){fail('The server did not answer; is claimcheck serve still running?');};
    xhr.open('POST',form.action);
    xhr.send(data);
  });
})();
"""
