"""Accuracy of Russian full-name declension libraries on the names of test_declension.py.

Not a test (pytest collects only test_*.py). Run from the repository root:

    .venv/bin/python tests/bench/eval_declension.py [--errors LIBRARY]

Each candidate gets the surname, name and patronymic in the nominative and the person's
true gender, and must give back the whole «Фамилия Имя Отчество» in the genitive, dative,
accusative and instrumental; a name counts only when all its words are right. A library
that is not installed is skipped. The last row is the project's own mentorship.declension
(the chosen library plus its few explicit exceptions), which detects the gender itself.
"""

from __future__ import annotations

import argparse
import importlib.util
import logging
import os
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

# decline(surname, name, patronymic, female, case) -> «Фамилия Имя Отчество» in that case
Decliner = Callable[[str, str, str, bool, str], str]


def _split(full: str) -> tuple[str, str, str]:
    surname, name, *rest = full.split()
    return surname, name, " ".join(rest)


def _is_female(patronymic: str) -> bool:
    return patronymic.endswith(("на", "кызы", "кизи"))


def _petrovich() -> Decliner:
    from petrovich.enums import Case, Gender
    from petrovich.main import Petrovich

    engine = Petrovich()
    cases = {
        "genitive": Case.GENITIVE,
        "dative": Case.DATIVE,
        "accusative": Case.ACCUSATIVE,
        "instrumental": Case.INSTRUMENTAL,
    }

    def decline(surname: str, name: str, patronymic: str, female: bool, case: str) -> str:
        gender = Gender.FEMALE if female else Gender.MALE
        return " ".join(
            (
                engine.lastname(surname, cases[case], gender),
                engine.firstname(name, cases[case], gender),
                engine.middlename(patronymic, cases[case], gender),
            )
        )

    return decline


def _pytrovich() -> Decliner:
    from pytrovich.enums import Case, Gender, NamePart
    from pytrovich.maker import PetrovichDeclinationMaker

    maker = PetrovichDeclinationMaker()

    def decline(surname: str, name: str, patronymic: str, female: bool, case: str) -> str:
        gender = Gender.FEMALE if female else Gender.MALE
        target = Case[case.upper()]
        return " ".join(
            (
                maker.make(NamePart.LASTNAME, gender, target, surname),
                maker.make(NamePart.FIRSTNAME, gender, target, name),
                maker.make(NamePart.MIDDLENAME, gender, target, patronymic),
            )
        )

    return decline


def _pymorphy3() -> Decliner:
    import pymorphy3

    logging.getLogger("pymorphy3").setLevel(logging.WARNING)  # no «Loading dictionaries…»
    morph = pymorphy3.MorphAnalyzer()
    grammemes = {"genitive": "gent", "dative": "datv", "accusative": "accs", "instrumental": "ablt"}

    def word(value: str, kind: str, female: bool, case: str) -> str:
        gender = "femn" if female else "masc"
        parses = morph.parse(value)
        best = next(
            (p for p in parses if kind in p.tag and p.tag.case == "nomn" and gender in p.tag),
            None,
        ) or next((p for p in parses if kind in p.tag and p.tag.case == "nomn"), None)
        if best is None:
            best = parses[0]
        form = best.inflect({grammemes[case], "sing"})
        if form is None:
            return value
        return form.word.capitalize() if value[:1].isupper() else form.word

    def part(value: str, kind: str, female: bool, case: str) -> str:
        return "-".join(word(piece, kind, female, case) for piece in value.split("-"))

    def decline(surname: str, name: str, patronymic: str, female: bool, case: str) -> str:
        words = [part(surname, "Surn", female, case), part(name, "Name", female, case)]
        words += [part(piece, "Patr", female, case) for piece in patronymic.split()]
        return " ".join(words)

    return decline


def _ours() -> Decliner:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mentorship.settings")
    os.environ.setdefault("DJANGO_ENV", "test")
    from mentorship.declension import decline_full_name

    def decline(surname: str, name: str, patronymic: str, female: bool, case: str) -> str:
        return decline_full_name(surname, name, patronymic, case)

    return decline


CANDIDATES: dict[str, tuple[str, Callable[[], Decliner]]] = {
    "petrovich": ("petrovich", _petrovich),
    "pytrovich": ("pytrovich", _pytrovich),
    "pymorphy3": ("pymorphy3", _pymorphy3),
    "mentorship.declension": ("mentorship", _ours),
}


def _names() -> list[tuple[str, str, dict[str, str]]]:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mentorship.settings")
    os.environ.setdefault("DJANGO_ENV", "test")
    import django

    django.setup()
    from tests.mentorship.test_declension import NAMES

    return NAMES


def _version(module: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    for dist in (module, module.capitalize()):
        try:
            return version(dist)
        except PackageNotFoundError:
            continue
    return "—"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", metavar="LIBRARY", help="list the wrong forms of one library")
    args = parser.parse_args()
    names = _names()
    cases = ("genitive", "dative", "accusative", "instrumental")
    heading = f"{'library':<22} {'version':<22}" + "".join(f"{c[:5]:>7}" for c in cases)
    print(f"{len(names)} full names × {len(cases)} cases; % of full names right\n")
    print(heading + f"{'all':>7}{'ms':>8}")
    by_category: dict[str, dict[str, list[int]]] = {}
    for label, (module, factory) in CANDIDATES.items():
        if importlib.util.find_spec(module) is None:
            print(f"{label:<22} not installed, skipped")
            continue
        decline = factory()
        right = dict.fromkeys(cases, 0)
        categories: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        started = time.perf_counter()
        for category, nominative, expected in names:
            surname, name, patronymic = _split(nominative)
            female = _is_female(patronymic)
            for case in cases:
                got = decline(surname, name, patronymic, female, case)
                ok = got == expected[case]
                right[case] += ok
                categories[category][0] += ok
                categories[category][1] += 1
                if not ok and args.errors == label:
                    print(f"  {case:<12} {got:<50} ≠ {expected[case]}")
        elapsed = (time.perf_counter() - started) * 1000
        by_category[label] = categories
        total = sum(right.values()) / (len(names) * len(cases))
        row = "".join(f"{100 * right[c] / len(names):>7.1f}" for c in cases)
        version = _version(module) if module != "mentorship" else "(chosen + exceptions)"
        print(f"{label:<22} {version:<22}{row}{100 * total:>7.1f}{elapsed:>8.0f}")
    print("\nby category (% of forms right)\n")
    labels = list(by_category)
    print(f"{'category':<14}{'n':>4}" + "".join(f"{label[:12]:>14}" for label in labels))
    for category in dict.fromkeys(c for c, _, _ in names):
        counts = [by_category[label][category] for label in labels]
        cells = "".join(f"{100 * ok / n:>14.1f}" for ok, n in counts)
        print(f"{category:<14}{counts[0][1] // len(cases):>4}{cells}")


if __name__ == "__main__":
    main()
