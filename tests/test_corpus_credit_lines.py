"""Credit and URL lines are found as before their patterns were gated by a line's first character:
each line gets what searching every pattern in order gives."""

from __future__ import annotations

import random

from claimdesk.annotations.corpus import metadata
from claimdesk.annotations.corpus.metadata import find_credit, url_label

PIECES = ["By", "by", "BY", "Source", "source:", "Via", "via", "(", ")", "With inputs from", "WITH INPUTS FROM",
          "Additional reporting by", "Reporting by", "reporting by", "The", "the", "Associated Press", "AP", "AFP",
          "Agence France-Presse", "Reuters", "writers", "writer", "contributed", "to this report", "Copyright",
          "©", "2020", "—", "-", ",", "and", "&", "for", "/", "|", "Ann Lee", "John O'Neil", "the Guardian", "Wire",
          "News Wire", ".", "Original url:", "original URL", "ſource link", "Canonical link", "https://x.y/z", "<",
          ">", "İ", "  ", "word", "(With inputs from", "(reporting by", "(ADDITIONAL REPORTING BY", "(AP)", "(AFP)",
          "(Copyright", "(copyright", "(© 2020", "Reuters writers", "Reuters writer", "The Associated Press writers"]


def searched(line: str):
    """What find_credit answered before the gates: every pattern searched, in order."""
    text = line.strip()
    if len(text) > 300:
        return None
    for rx, drop, _starts, _holds in metadata._CREDITS:
        m = rx.search(text)
        if m:
            found = {k: v.strip() for k, v in m.groupdict().items() if v}
            if "source" in found:
                found["source"] = metadata.canonical_source(found["source"])
            return found, drop
    return None


def test_credit_and_url_lines_are_found_as_by_searching_every_pattern():
    rng = random.Random(7)
    lines = ["", " ", "By Ann Lee for AFP", "(AP) — The", "(Copyright 2020 Reuters) x)", "Original url: https://x.y"]
    lines += [" ".join(rng.choice(PIECES) for _ in range(rng.randint(1, 7))) for _ in range(20000)]
    credits = labels = 0
    for line in lines:
        assert find_credit(line) == searched(line), line
        m = metadata._URL_LABEL.match(line.strip())
        assert url_label(line) == ((True, m["url"] or "") if m else (False, "")), line
        credits += find_credit(line) is not None
        labels += url_label(line)[0]
    assert credits > 500 and labels > 50
