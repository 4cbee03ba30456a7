"""Analytics speed on a large book, as a ratio to a plain pass over the same rows.

Run: ``python benchmarks/bench_analytics.py [--repeat N] [--check]``

- builds in memory a book of 1,000 accounts × 24 months of usage, 20,000 tickets, 5,000 NPS
  responses, engagement for every account, 3 stakeholders and 2 opportunities per account, and
  a last-quarter reference (so the since-last-review figures and retention run too);
- times in CPU seconds, interleaved in the same run and taking each one's best of N:
  ``analyze()`` (every health score, signal, health view, renewal risk, revenue metric,
  pipeline, territory pattern and since-last figure) and a plain pass over the same rows (one
  loop per table summing a number per account into a dict — the least any analysis must do);
- prints both and their ratio, and (for the record, not checked) ``analyze()`` followed by
  reading every sentence it makes only when read (drivers' details, scores' reasons, the
  disagreements);
- builds the same book at half the size (every table halved) and prints the cost per account
  at both sizes, each as its ratio to its own plain pass: the cost must be linear in accounts
  (the two ratios within ``LINEAR_SLACK`` of each other).

Target: ``analyze`` ≤ 3 × the plain pass. ``--check`` exits 1 when it is missed or when the
cost grows faster than the book.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from qbr_studio.analytics.analysis import analyze
from qbr_studio.analytics.carry import carry_forward
from qbr_studio.analytics.periods import add_months
from qbr_studio.model import (
    Account,
    Book,
    Engagement,
    Health,
    Meta,
    NpsResponse,
    Opportunity,
    OpportunityKind,
    Review,
    Sentiment,
    Stakeholder,
    Ticket,
    UsageMonth,
)

ACCOUNTS, MONTHS, TICKETS, NPS = 1_000, 24, 20_000, 5_000
TARGET_RATIO = 3.0
LINEAR_SLACK = 1.25
"""The half-size book's ratio to its floor may differ from the full book's by this factor."""
AS_OF = dt.date(2026, 12, 31)
INDUSTRIES = ("Healthcare", "Retail", "Finance", "Public sector", "Manufacturing")
SEGMENTS = ("SMB", "Mid-market", "Enterprise")
SUBJECTS = ("How do I export a report?", "Login fails", "Onboarding new team", "Sync error")


def build_review(scale: float = 1.0) -> Review:
    """The benchmark's book; ``scale`` multiplies every table's size (0.5: half the book)."""
    rnd = random.Random(20261231)
    accounts_n, tickets_n, nps_n = (round(n * scale) for n in (ACCOUNTS, TICKETS, NPS))
    accounts, usage, opportunities, stakeholders, engagement = [], [], [], [], []
    first = add_months(dt.date(2026, 12, 1), -(MONTHS - 1))
    for i in range(accounts_n):
        aid = f"001Ec{i:08d}"
        licensed = 50 + i % 200
        accounts.append(
            Account(
                id=aid,
                name=f"Customer {i:04d} Ltd",
                industry=INDUSTRIES[i % len(INDUSTRIES)],
                segment=SEGMENTS[i % len(SEGMENTS)],
                products=["Insight Cloud"] + (["Flow"] if i % 3 == 0 else []),
                arr=float(20_000 + (i * 7919) % 400_000),
                licensed_seats=licensed,
                renewal_date=AS_OF + dt.timedelta(days=(i * 37) % 400),
                crm_health=(Health.GREEN, Health.YELLOW, Health.RED)[i % 3],
                customer_since=dt.date(2020 + i % 6, 1 + i % 12, 1),
            )
        )
        level = rnd.uniform(0.2, 1.0)
        for m in range(MONTHS):
            active = max(0, min(licensed, int(licensed * (level + rnd.uniform(-0.1, 0.1)))))
            usage.append(
                UsageMonth(
                    account_id=aid,
                    month=add_months(first, m),
                    active_users=active,
                    licensed_users=licensed,
                    key_feature_users=active // (1 + i % 4),
                )
            )
        opportunities += [
            Opportunity(
                id=f"006r{i:08d}",
                account_id=aid,
                kind=OpportunityKind.RENEWAL,
                amount=accounts[-1].arr,
                close_date=accounts[-1].renewal_date,
                stage="Negotiation",
                risk_stated=i % 2 == 0,
            ),
            Opportunity(
                id=f"006e{i:08d}",
                account_id=aid,
                kind=OpportunityKind.EXPANSION,
                amount=float(5_000 + i % 50_000),
                close_date=AS_OF + dt.timedelta(days=i % 300),
                stage=("Discovery", "Proposal/Quote", "Closed Won")[i % 3],
            ),
        ]
        stakeholders += [
            Stakeholder(account_id=aid, name=f"Person {i}-{k}", sentiment=list(Sentiment)[k])
            for k in range(3)
        ]
        sent = rnd.randint(0, 30)
        engagement.append(
            Engagement(
                account_id=aid,
                last_contact=AS_OF - dt.timedelta(days=rnd.randint(0, 120)),
                emails_sent=sent,
                emails_opened=rnd.randint(0, sent),
                replies=rnd.randint(0, sent // 2),
            )
        )
    tickets = [
        Ticket(
            account_id=accounts[rnd.randrange(accounts_n)].id,
            id=f"500{n:08d}",
            opened=AS_OF - dt.timedelta(days=rnd.randint(0, 720)),
            severity=rnd.randint(1, 4),
            subject=SUBJECTS[n % len(SUBJECTS)],
        )
        for n in range(tickets_n)
    ]
    nps = [
        NpsResponse(
            account_id=accounts[rnd.randrange(accounts_n)].id,
            date=AS_OF - dt.timedelta(days=rnd.randint(0, 360)),
            score=rnd.randint(0, 10),
            respondent=f"Respondent {n}",
        )
        for n in range(nps_n)
    ]
    book = Book(
        accounts=accounts,
        usage=usage,
        opportunities=opportunities,
        stakeholders=stakeholders,
        tickets=tickets,
        nps=nps,
        engagement=engagement,
    )
    last = Review(meta=Meta(csm="Dana Reyes", quarter="2026-Q3"), book=book)
    review = carry_forward(last, "q3.qbr")
    review.book = book
    return review


def plain_pass(review: Review) -> int:
    """One loop per table, one number per account per table: the floor."""
    book = review.book
    totals: dict[str, float] = defaultdict(float)
    for a in book.accounts:
        totals[a.id] += a.arr
    for u in book.usage:
        totals[u.account_id] += u.active_users / (u.licensed_users or 1)
    for t in book.tickets:
        totals[t.account_id] += t.severity
    for r in book.nps:
        totals[r.account_id] += r.score
    for e in book.engagement:
        totals[e.account_id] += e.replies
    for s in book.stakeholders:
        totals[s.account_id] += 1
    for o in book.opportunities:
        totals[o.account_id] += o.amount
    return len(totals)


def read_every_sentence(review: Review) -> int:
    """``analyze()``, then every sentence it makes only when one is read — each driver's
    detail, each score's reason, the disagreements — as a caller showing all of them would."""
    analysis = analyze(review)
    read = len(analysis.disagreements)
    for score in analysis.health.values():
        read += len(score.reason)
        for driver in score.drivers:
            read += len(driver.detail)
    return read


def best_of(fn, repeat: int) -> list[float]:  # type: ignore[no-untyped-def]
    """CPU seconds of each of ``repeat`` calls: on a shared machine the wall clock counts the
    other processes' turns too, and both sides of the ratio are single-threaded."""
    times = []
    for _ in range(repeat):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return times


def measure(review: Review, repeat: int) -> tuple[float, float, list[float]]:
    """(best plain pass, best analyze, paired ratios), interleaved so both see the same
    machine."""
    analysis_times, floor_times = [], []
    for _ in range(repeat):
        floor_times += best_of(lambda: plain_pass(review), 1)
        analysis_times += best_of(lambda: analyze(review), 1)
    ratios = [a / f for a, f in zip(analysis_times, floor_times, strict=True)]
    return min(floor_times), min(analysis_times), ratios


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    print("building the book …", flush=True)
    review = build_review()
    floor, full, ratios = measure(review, args.repeat)
    print(f"{ACCOUNTS:,} accounts × {MONTHS} months, {TICKETS:,} tickets, {NPS:,} NPS responses")
    print(f"plain pass      {floor * 1000:8.1f} ms CPU (best of {args.repeat})")
    print(f"analyze()       {full * 1000:8.1f} ms CPU (best of {args.repeat})")
    print(
        f"ratio           {full / floor:8.2f}×  (median of paired ratios "
        f"{statistics.median(ratios):.2f}×; target ≤ {TARGET_RATIO:.0f}×)"
    )
    read = min(best_of(lambda: read_every_sentence(review), args.repeat))
    print(
        f"… every sentence read {read * 1000:8.1f} ms CPU ({read / floor:.2f}×; the app reads "
        "a few accounts' sentences, not all)"
    )
    half = build_review(0.5)
    _, half_full, half_ratios = measure(half, args.repeat)
    per_account = full / len(review.book.accounts) * 1e6
    half_per_account = half_full / len(half.book.accounts) * 1e6
    spread = statistics.median(ratios) / statistics.median(half_ratios)
    print(
        f"per account     {per_account:8.0f} µs at {len(review.book.accounts):,} accounts, "
        f"{half_per_account:.0f} µs at {len(half.book.accounts):,}; ratio to the floor "
        f"{statistics.median(ratios):.2f}× and {statistics.median(half_ratios):.2f}× "
        f"(linear when within {LINEAR_SLACK}× of each other: {spread:.2f}×)"
    )
    missed = full / floor > TARGET_RATIO
    nonlinear = not 1 / LINEAR_SLACK <= spread <= LINEAR_SLACK
    return 1 if args.check and (missed or nonlinear) else 0


if __name__ == "__main__":
    raise SystemExit(main())
