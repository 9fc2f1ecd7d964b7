"""Writes queries.txt: the fixed set of 200 realistic search-box queries, drawn once from a demo database.

    python tests/benchmarks/make_queries.py DEMO.sqlite3

The set is committed, so every run at every size types the same queries.
"""

from __future__ import annotations

import random
import re
import sqlite3
import sys
from pathlib import Path

HERE = Path(__file__).parent


def prefixes(rnd: random.Random, words: list[str], count: int, lengths: range) -> list[str]:
    out = []
    while len(out) < count:
        word = rnd.choice(words)
        n = rnd.choice(list(lengths))
        if len(word) >= n:
            out.append(word[:n].lower())
    return out


def main(db: str) -> None:
    rnd = random.Random(2026)
    conn = sqlite3.connect(db)
    rows = conn.execute(
        "SELECT first_name, last_name, company, primary_phone, primary_email, city FROM contacts "
        "ORDER BY id LIMIT 20000"
    ).fetchall()

    def script(pattern):
        return [w for r in rows for w in (r[0], r[1]) if w and re.match(pattern, w)]

    latin = script(r"[A-Za-z]")
    urdu, hindi, tamil = script("[\u0600-\u06ff]"), script("[\u0900-\u097f]"), script("[\u0b80-\u0bff]")
    companies = [w for r in rows for w in r[2].split() if len(w) > 3 and w.isalpha()]
    emails = [r[4].split("@")[0] for r in rows if r[4]]
    cities = [r[5] for r in rows if r[5]]
    phones = [r[3] for r in rows if r[3]]
    queries = []
    queries += prefixes(rnd, latin, 50, range(1, 9))
    queries += prefixes(rnd, urdu, 20, range(1, 7))
    queries += prefixes(rnd, hindi, 20, range(1, 7))
    queries += prefixes(rnd, tamil, 15, range(1, 7))
    queries += prefixes(rnd, emails, 20, range(3, 9))
    queries += prefixes(rnd, cities, 20, range(2, 9))
    queries += prefixes(rnd, companies, 15, range(3, 9))
    for number in rnd.sample(phones, 30):  # digits as people type them: a group, or two groups
        digits = re.sub(r"\D", "", number)
        start = rnd.randint(2, max(2, len(digits) - 6))
        fragment = digits[start : start + rnd.randint(3, 6)]
        queries.append(fragment if rnd.random() < 0.6 else f"{fragment[:3]} {fragment[3:]}".strip())
    queries += rnd.sample(["vip", "wholesale", "retail", "festival", "eid", "diwali", "supplier", "export",
                           "newsletter", "referral", "local", "credit"], 10)  # fmt: skip
    queries = [q[:8].strip() for q in queries]  # 1 to 8 characters, as typed in a search box
    assert len(queries) == 200 and all(1 <= len(q) <= 8 for q in queries), queries
    (HERE / "queries.txt").write_text("\n".join(queries) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1])
