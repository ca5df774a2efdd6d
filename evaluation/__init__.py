"""The evaluation of claimcheck: planted conflicts, judged findings, benchmarks of speed.

Run each from the project's root as a module (`python -m evaluation.eval_planted ...`);
docs/evaluation.md gives the figures and the commands. The paths every script shares are
here: the REF2014 case studies in ../shared (never copied into the project), the binding
train/validation/sealed splits, and the labels.
"""

from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
#: The REF2014 case studies, one gzipped JSON Lines file per unit of assessment.
DATA = ROOT.parent / "shared" / "data" / "ref2014"
#: Which units are for training, for validation (tuning figures) and sealed (never read).
SPLITS = HERE / "splits.json"
LABELS = HERE / "labels"
