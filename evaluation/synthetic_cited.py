"""Write N short synthetic papers and a case-study-like statement citing six of them, for
measuring what checking claims against cited sources costs (docs/cited-sources.md).

    python -m evaluation.synthetic_cited /tmp/cited50 50
"""

import random
import sys
from pathlib import Path

TOPICS = ["falls prevention", "hand hygiene", "early discharge", "sepsis screening", "asthma review",
          "diabetes education", "stroke rehabilitation", "pressure ulcer care", "smoking cessation",
          "antibiotic stewardship"]
THINGS = ["hospitals", "clinics", "schools", "practices", "wards", "sites", "care homes", "pharmacies"]
SURNAMES = ["Abbott", "Baird", "Chen", "Dossou", "Eriksen", "Farah", "Gupta", "Hale", "Ito", "Jovanovic",
            "Kowalski", "Lindgren", "Mensah", "Novak", "Osei", "Pereira", "Quinn", "Rossi", "Sato", "Tan"]


def paper(i, rng):
    topic, thing = rng.choice(TOPICS), rng.choice(THINGS)
    first, second = rng.sample(SURNAMES, 2)
    year = rng.randint(2005, 2018)
    n, sites, pct, cost = rng.randint(200, 9000), rng.randint(3, 40), rng.randint(5, 60), rng.randint(2, 90) / 10
    title = f"A {rng.choice(['randomised', 'stepped-wedge', 'cluster', 'pragmatic'])} trial of {topic} number {i}"
    body = [
        title, f"{first}, A. and {second}, B.", f"Journal of Applied Health Studies ({year}) {i}(2): 10-20. doi:10.5555/jahs.{year}.{i:04d}", "",
        "Abstract",
        f"We evaluated a programme of {topic} in {sites} {thing}. The trial enrolled {n:,} patients "
        f"between {year - 3} and {year - 1}. The programme produced a {pct}% reduction in adverse events.",
        "", "Methods",
        f"Each of the {sites} {thing} was assigned at random to start the programme at one of four steps. "
        f"Staff at every site were trained for half a day, and {rng.randint(20, 90)}% of staff completed the training. "
        "Outcomes were taken from routine records by assessors who did not know the allocation.",
        "", "Results",
        f"Adverse events fell from {rng.randint(50, 90) / 10} to {rng.randint(10, 49) / 10} per 100 admissions. "
        f"The programme cost £{cost} million to deliver and saved £{cost * rng.randint(2, 4):.1f} million over three years. "
        f"Follow-up data were available for {rng.randint(70, 98)}% of patients. No harms were attributed to the programme.",
        "", "Discussion",
        f"A structured programme of {topic} can be delivered at scale in {thing} without new staff. "
        "The effect was larger where managers took part in the training, and smaller where staff turnover was high. "
        "Further work should test whether the effect lasts beyond three years and whether it holds in other settings. "
        "The trial was not powered to detect changes in mortality, which remain to be studied.",
    ]
    return title, first, year, n, sites, "\n".join(body) + "\n"


def main(folder, count=50, seed=40):
    rng = random.Random(seed)
    folder = Path(folder)
    (folder / "papers").mkdir(parents=True, exist_ok=True)
    made = []
    for i in range(1, count + 1):
        title, first, year, n, sites, text = paper(i, rng)
        (folder / "papers" / f"paper-{i:03d}.txt").write_text(text)
        made.append((i, title, first, year, n, sites))
    cited = made[:6]
    research = " ".join(f"A trial of {t.split(' of ', 1)[1]} enrolled {n + 100:,} patients in {s} settings [R{k}]."
                        for k, (_, t, _, _, n, s) in enumerate(cited, 1))
    refs = "\n".join(f"[R{k}] {first}, A. ({year}) {title}. Journal of Applied Health Studies."
                     + (f" doi:10.5555/jahs.{year}.{i:04d}" if k % 2 else "")
                     for k, (i, title, first, year, _, _) in enumerate(cited, 1))
    (folder / "statement.txt").write_text(
        "Impact case study: synthetic\n\n1. Summary of the impact\n\nSix trials changed practice [R1-R6].\n\n"
        f"2. Underpinning research\n\n{research}\n\n3. References to the research\n\n{refs}\n\n"
        "4. Details of the impact\n\nThe programmes are now used in 120 hospitals [R1].\n\n"
        "5. Sources to corroborate the impact\n\n[S1] Letter from a trust, 2019.\n")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 50)
