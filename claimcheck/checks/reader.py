"""Whether two figures are one quantity, read from their two clauses with the figures masked.

A cross-encoder: the bundled all-MiniLM-L6-v2 reads the words around one figure and the
words around the other together ("the clinic employs [MASK] nurses on two wards" against
"[MASK] nurses work at the clinic"), and a small head on its mean-pooled
output gives the probability that the two masked figures are one quantity. The values are
masked so that the reading cannot lean on them: agreeing values must not read as "the
same", nor disagreeing ones as "different".

What was trained is small and ships in the package (claimcheck/data/reader.npz, fitted by
evaluation/train_reader.py): low-rank adapters (LoRA) on the model's linear layers and the
head. The base weights are the installed model's, loaded offline, never downloaded.
matching.py takes the reading as one of its features.
"""

import zipfile
from collections import namedtuple
from functools import lru_cache
from pathlib import Path

from claimcheck.errors import ModelError
from claimcheck.parse.statements import local_context

READER = Path(__file__).resolve().parent.parent / "data" / "reader.npz"
#: What stands for the figure in the words read (a token the model's vocabulary has).
MASK = "[MASK]"
#: Words read either side of a figure, within its sentence.
WORDS = 16
#: Tokens read for a pair at most (both windows and the separators).
MAX_TOKENS = 128
#: Each pair is padded to its token count rounded up to a multiple of this (as sentences
#: are for their vectors, see retrieve/embeddings.py).
PAD_STEP = 16
#: The linear layers of each BERT layer that carry an adapter.
ADAPTED = ("attention.self.query", "attention.self.key", "attention.self.value",
           "attention.output.dense", "intermediate.dense", "output.dense")
RANK = 8
ALPHA = 16
_Span = namedtuple("_Span", "start end")


def window(text, start, end, words=WORDS):
    """The words of `text` around text[start:end], that span masked: what the reader reads.
    `start` and `end` index `text` (a sentence)."""
    blanked = text[:start] + MASK + text[end:]
    return local_context(blanked, _Span(start, start + len(MASK)), 0, words)


def _lora_linear(torch, base, rank, alpha):
    """`base` (an nn.Linear, frozen) plus a trainable low-rank update B·A, scaled."""

    class LoraLinear(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.base = base
            self.a = torch.nn.Parameter(torch.zeros(rank, base.in_features))
            self.b = torch.nn.Parameter(torch.zeros(base.out_features, rank))
            torch.nn.init.kaiming_uniform_(self.a, a=5 ** 0.5)
            self.scale = alpha / rank

        def forward(self, x):
            return self.base(x) + (x @ self.a.t() @ self.b.t()) * self.scale

    return LoraLinear()


def _adapted(model):
    """(module, attribute name) of each linear layer that carries an adapter."""
    for layer in model.encoder.layer:
        for name in ADAPTED:
            owner_name, _, attr = name.rpartition(".")
            yield layer.get_submodule(owner_name), attr


def build(model_path, rank=RANK, alpha=ALPHA):
    """(tokenizer, model, head): the base model with adapters on ADAPTED (base weights
    frozen) and a fresh head; torch modules, for training or for loading into."""
    import torch
    from transformers import AutoModel, AutoTokenizer

    from claimcheck.config import quiet_model_libraries

    quiet_model_libraries()
    tokenizer = AutoTokenizer.from_pretrained(model_path)
    model = AutoModel.from_pretrained(model_path)
    for p in model.parameters():
        p.requires_grad_(False)
    for owner, attr in _adapted(model):
        setattr(owner, attr, _lora_linear(torch, getattr(owner, attr), rank, alpha))
    head = torch.nn.Linear(model.config.hidden_size, 1)
    return tokenizer, model, head


def merge(torch, model):
    """Fold each adapter into its layer's weights (W + scale·B·A), for reading only: the
    model then runs as fast as the plain one."""
    with torch.no_grad():
        for owner, attr in _adapted(model):
            lora = getattr(owner, attr)
            lora.base.weight += lora.scale * (lora.b @ lora.a)
            setattr(owner, attr, lora.base)


def trained(model, head):
    """The trained tensors by name, as numpy arrays: what is saved."""
    out = {f"head.{n}": p.detach().float().numpy() for n, p in head.named_parameters()}
    for n, p in model.named_parameters():
        if p.requires_grad:
            out[f"model.{n}"] = p.detach().float().numpy()
    return out


def logits(torch, tokenizer, model, head, pairs):
    """The head's logit for each (text, text) pair, one batch padded to its longest."""
    enc = tokenizer([a for a, _ in pairs], [b for _, b in pairs], padding=True,
                    truncation="longest_first", max_length=MAX_TOKENS, return_tensors="pt")
    return _head_logits(model, head, enc)


def _head_logits(model, head, enc):
    hidden = model(**enc).last_hidden_state
    mask = enc["attention_mask"].unsqueeze(-1).to(hidden.dtype)
    pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1)
    return head(pooled).squeeze(-1)


class Reader:
    """The trained reader, loaded once: `probabilities(pairs)` for (window, window) pairs."""

    def __init__(self, model_path, weights=READER, bf16=False):
        import numpy as np
        import torch

        self.torch = torch
        self.tokenizer, self.model, self.head = build(model_path)
        try:
            with np.load(weights) as saved:
                state = {k: torch.from_numpy(saved[k].astype("float32")) for k in saved.files}
            self.head.load_state_dict({k[5:]: v for k, v in state.items()
                                       if k.startswith("head.")})
            missing = self.model.load_state_dict(
                {k[6:]: v for k, v in state.items() if k.startswith("model.")}, strict=False)
        except (OSError, EOFError, ValueError, RuntimeError, zipfile.BadZipFile) as err:
            raise ModelError(f"{weights}: cannot read the reader's weights ({type(err).__name__}); "
                             "reinstall claimcheck, or refit them with evaluation/train_reader.py"
                             ) from None
        if missing.unexpected_keys or any(k.endswith((".a", ".b")) for k in missing.missing_keys):
            raise ModelError(f"{weights} does not fit the reader: reinstall claimcheck, or "
                             "refit it with evaluation/train_reader.py")
        merge(torch, self.model)
        self.model.eval()
        self.head.eval()
        if bf16:
            self.model.to(torch.bfloat16)
            self.head.to(torch.bfloat16)

    def probabilities(self, pairs, batch_size=64):
        """The probability that each pair's two masked figures are one quantity. Each pair
        is padded to its token count rounded up to PAD_STEP and read with pairs of that
        length, so that its probability does not depend on what else is read with it."""
        torch = self.torch
        encoded = self.tokenizer([a for a, _ in pairs], [b for _, b in pairs],
                                 truncation="longest_first", max_length=MAX_TOKENS) if pairs else {}
        rows = [{key: values[i] for key, values in encoded.items()} for i in range(len(pairs))]
        groups = {}
        for i, row in enumerate(rows):
            padded = min(MAX_TOKENS, -(-len(row["input_ids"]) // PAD_STEP) * PAD_STEP)
            groups.setdefault(padded, []).append(i)
        out = [0.0] * len(pairs)
        with torch.inference_mode():
            for length, group in groups.items():
                for at in range(0, len(group), batch_size):
                    chunk = group[at:at + batch_size]
                    enc = self.tokenizer.pad([rows[i] for i in chunk], padding="max_length",
                                             max_length=length, return_tensors="pt")
                    z = _head_logits(self.model, self.head, enc)
                    for i, p in zip(chunk, torch.sigmoid(z.float()).tolist()):
                        out[i] = p
        return out


@lru_cache(maxsize=4)
def load(model_path, bf16=False):
    return Reader(model_path, bf16=bf16)
