"""The hand-curated list of organisations' common short forms, with where each is attested.

Dev-only: the app reads the list this writes (`data/org_aliases.tsv`), rebuilt with

    python -m reader.core.entities.alias_sources

Each row: the organisation's name as the entity is shown, the other names it goes by,
and whether a short form joins only where the library types that name an organisation
(`org_only`: "Delta" the airline, not a river's delta; "Labour", not labour the work).
Sources are the organisations' encyclopaedia entries (English Wikipedia article titles,
whose opening lines give the short forms); no article text of any corpus is used.
"""

from __future__ import annotations

from pathlib import Path

OUT = Path(__file__).resolve().parent / "data" / "org_aliases.tsv"

# (name shown, always-joining short forms, short forms joining only where typed ORG, source)
CURATED: list[tuple[str, tuple[str, ...], tuple[str, ...], str]] = [
    # UK parties
    # "Tory" and "Lib Dem" join wherever they stand alone: the tagger types them "other" as
    # adjectives ("Tory MPs"), and a reader tracing the party wants those mentions with it.
    ("Conservative Party", ("Conservatives", "Tories", "Tory", "Tory Party", "Conservative and Unionist Party"),
     ("Conservative",), "wikipedia: Conservative Party (UK)"),
    ("Labour Party", ("Labour Party (UK)",), ("Labour",), "wikipedia: Labour Party (UK)"),
    ("Liberal Democrats", ("Lib Dems", "Lib Dem", "LibDems", "Liberal Democrat Party"), ("Liberal Democrat",),
     "wikipedia: Liberal Democrats (UK)"),
    ("Scottish National Party", ("SNP",), (), "wikipedia: Scottish National Party"),
    ("UK Independence Party", ("UKIP", "United Kingdom Independence Party"), (), "wikipedia: UK Independence Party"),
    ("Plaid Cymru", (), ("Plaid",), "wikipedia: Plaid Cymru"),
    ("Democratic Unionist Party", ("DUP",), (), "wikipedia: Democratic Unionist Party"),
    ("Sinn Féin", (), (), "wikipedia: Sinn Féin"),
    # US parties
    ("Republican Party", ("GOP",), ("Republicans",), "wikipedia: Republican Party (United States)"),
    ("Democratic Party", (), ("Democrats",), "wikipedia: Democratic Party (United States)"),
    # international bodies
    ("NATO", ("North Atlantic Treaty Organization", "North Atlantic Treaty Organisation"), (),
     "wikipedia: NATO"),
    ("International Monetary Fund", ("IMF",), (), "wikipedia: International Monetary Fund"),
    ("World Trade Organization", ("World Trade Organisation", "WTO"), (), "wikipedia: World Trade Organization"),
    ("World Health Organization", ("World Health Organisation",), ("WHO",), "wikipedia: World Health Organization"),
    ("European Central Bank", ("ECB",), (), "wikipedia: European Central Bank"),
    ("OPEC", ("Organization of the Petroleum Exporting Countries",
              "Organisation of the Petroleum Exporting Countries"), (), "wikipedia: OPEC"),
    ("OECD", ("Organisation for Economic Co-operation and Development",
              "Organization for Economic Cooperation and Development"), (), "wikipedia: OECD"),
    ("European Parliament", (), (), "wikipedia: European Parliament"),
    ("International Olympic Committee", ("IOC",), (), "wikipedia: International Olympic Committee"),
    ("FIFA", ("Fédération Internationale de Football Association",), (), "wikipedia: FIFA"),
    ("UEFA", ("Union of European Football Associations",), (), "wikipedia: UEFA"),
    # central banks and regulators
    ("Federal Reserve", ("US Federal Reserve", "Federal Reserve System"), ("Fed",), "wikipedia: Federal Reserve"),
    ("Bank of England", ("BoE",), (), "wikipedia: Bank of England"),
    ("Securities and Exchange Commission", ("SEC",), (), "wikipedia: U.S. Securities and Exchange Commission"),
    ("Federal Communications Commission", ("FCC",), (), "wikipedia: Federal Communications Commission"),
    # UK institutions
    ("House of Commons", (), ("Commons",), "wikipedia: House of Commons of the United Kingdom"),
    ("House of Lords", (), ("Lords",), "wikipedia: House of Lords"),
    ("National Health Service", ("NHS",), (), "wikipedia: National Health Service"),
    ("Ministry of Defence", ("MoD",), (), "wikipedia: Ministry of Defence (United Kingdom)"),
    ("Crown Prosecution Service", ("CPS",), (), "wikipedia: Crown Prosecution Service"),
    ("Metropolitan Police", ("Metropolitan Police Service", "Met Police"), ("Met", "Scotland Yard"),
     "wikipedia: Metropolitan Police"),
    ("Rugby Football Union", ("RFU",), (), "wikipedia: Rugby Football Union"),
    ("Football Association", (), ("FA",), "wikipedia: The Football Association"),
    ("BBC", ("British Broadcasting Corporation",), (), "wikipedia: BBC"),
    # news agencies
    ("Associated Press", (), ("AP",), "wikipedia: Associated Press"),
    ("Agence France-Presse", ("AFP",), (), "wikipedia: Agence France-Presse"),
    # companies
    ("Delta Air Lines", ("Delta Airlines", "Delta Airline"), ("Delta",), "wikipedia: Delta Air Lines"),
    ("British Airways", (), ("BA",), "wikipedia: British Airways"),
    ("Marks & Spencer", ("Marks and Spencer", "M&S"), (), "wikipedia: Marks & Spencer"),
    ("Royal Bank of Scotland", (), ("RBS",), "wikipedia: Royal Bank of Scotland"),
    ("General Motors", (), ("GM",), "wikipedia: General Motors"),
    ("Volkswagen", (), ("VW",), "wikipedia: Volkswagen"),
    ("Hewlett-Packard", (), ("HP",), "wikipedia: Hewlett-Packard"),
    ("Microsoft", ("Microsoft Corp", "Microsoft Corporation"), (), "wikipedia: Microsoft"),
    ("Apple", ("Apple Computer", "Apple Inc"), (), "wikipedia: Apple Inc."),
    ("Sony", ("Sony Corp", "Sony Corporation"), (), "wikipedia: Sony"),
    # football clubs
    ("Manchester United", ("Man Utd", "Man United", "Manchester Utd"), (), "wikipedia: Manchester United F.C."),
    ("Manchester City", ("Man City",), (), "wikipedia: Manchester City F.C."),
    ("Tottenham Hotspur", (), ("Spurs", "Tottenham"), "wikipedia: Tottenham Hotspur F.C."),
    ("Wolverhampton Wanderers", (), ("Wolves",), "wikipedia: Wolverhampton Wanderers F.C."),
]


def rows() -> list[tuple[str, str, str]]:
    """(short form, name shown, "any" or "ORG"), the name itself included, sorted."""
    found: dict[str, tuple[str, str, str]] = {}
    for name, always, org_only, _source in CURATED:
        for short, condition in [(name, "any"), *((s, "any") for s in always), *((s, "ORG") for s in org_only)]:
            if short in found:
                raise ValueError(f"{short!r} is listed twice")
            found[short] = (short, name, condition)
    return sorted(found.values())


def build(out: Path = OUT) -> int:
    listed = rows()
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("".join("\t".join(row) + "\n" for row in listed), encoding="utf-8")
    return len(listed)


if __name__ == "__main__":
    print(f"{build()} short forms written to {OUT}")
