"""What each role's briefing card says about its own position: private figures, interests,
and what it knows and does not (from the scenario; Dutch and English)."""

from __future__ import annotations

from debrief.i18n import eur, num


def _yes_no(flag: bool, lang: str) -> str:
    return ("yes" if flag else "no") if lang == "en" else ("ja" if flag else "nee")


def private(sc, role: str, lang: str) -> tuple[list[tuple[str, str]], list[str], list[str]]:
    """(facts, interests, what the role knows and does not) for one role."""
    m, ex, pol, salt = sc.municipality, sc.executor, sc.politics, sc.executor.salt
    nl = lang == "nl"
    if role == "regisseur":
        facts = [
            (
                "Budget per seizoen" if nl else "Budget per season",
                eur(m.budget_eur_per_season, lang),
            ),
            (
                "Beloofde besparing door uitbesteden" if nl else "Savings promised by outsourcing",
                f"{num(m.expected_savings_pct, lang, 0)} %",
            ),
            (
                "Regie-uren per week" if nl else "Regie hours per week",
                num(m.regie_capacity_h_per_week, lang, 0),
            ),
            (
                "Kosten van een regie-uur" if nl else "Cost of a regie hour",
                eur(m.regie_cost_eur_per_h, lang),
            ),
            (
                "Kosten in uren" if nl else "Costs in hours",
                "inspectie 8, direct contact 1, overleg 3, factuur 2, instructie 1"
                if nl
                else "inspection 8, direct contact 1, meeting 3, invoice 2, instruction 1",
            ),
        ]
        interests = (
            [
                "Veilige en bereikbare straten, ook op de fiets- en voetpaden.",
                "Binnen het budget blijven; de raad verwacht de beloofde besparing.",
                "Rust in de politiek: een wethouder die niet zelf gaat bellen.",
                "Een werkbare relatie met een partner die u niet kunt vervangen.",
            ]
            if nl
            else [
                "Safe and reachable streets, cycle paths and footpaths included.",
                "Staying within budget; the council expects the promised savings.",
                "Political calm: a wethouder who does not start phoning.",
                "A workable relationship with a partner you cannot replace.",
            ]
        )
        info = (
            [
                "U ziet wat de uitvoerder rapporteert en wat er op straat gebeurt "
                "(klachten, letsel, media), niet de werkelijke inzet van de uitvoerder.",
                "Inspecteren laat de werkelijkheid zien, maar kost 8 regie-uren.",
                "Uw raming van een redelijke factuur is een schatting.",
            ]
            if nl
            else [
                "You see what the executor reports and what happens on the street "
                "(complaints, injuries, media), not the executor's true effort.",
                "Inspecting shows the truth but costs 8 regie hours.",
                "Your estimate of a fair invoice is a guess.",
            ]
        )
        if m.micromanagement >= 0.2:
            info.append(
                "U werkte vroeger zelf bij de dienst: u weet hoe het moet, en dat trekt."
                if nl
                else "You used to work at the department yourself: "
                "you know how it is done, and that pulls."
            )
    elif role == "executor":
        facts = [
            ("Strooiwagens" if nl else "Gritting trucks", str(ex.trucks)),
            ("Chauffeurs op het rooster" if nl else "Drivers on the roster", str(ex.drivers)),
            (
                "Zoutvoorraad / capaciteit" if nl else "Salt stock / capacity",
                f"{num(salt.initial_stock_t, lang, 0)} / {num(salt.capacity_t, lang, 0)} t",
            ),
            (
                "Levering leverancier" if nl else "Supplier delivery",
                f"{num(salt.supplier_capacity_t_per_week, lang, 0)} t / "
                f"{'week' if nl else 'week'}, {num(salt.resupply_lead_days, lang, 0)} "
                f"{'dagen levertijd' if nl else 'days lead time'}",
            ),
            (
                "Zoutprijs / bij tekort" if nl else "Salt price / in a shortage",
                f"{eur(salt.price_eur_per_t, lang)} / {eur(salt.shortage_price_eur_per_t, lang)} "
                "per t",
            ),
            (
                "Dosering preventief / curatief" if nl else "Dose preventive / curative",
                f"{num(ex.dose_preventive_g_m2, lang, 0)} / "
                f"{num(ex.dose_curative_g_m2, lang, 0)} g/m²",
            ),
        ]
        interests = (
            [
                f"Marge: u mikt op {num(ex.aspiration_margin_pct, lang, 0)} %; een tekort weegt "
                "zwaarder dan een overschot. Werk buiten het plan wilt u betaald krijgen.",
                "Erkenning voor vakmanschap; ruimte om het werk zelf in te richten.",
                "U kunt geven: iets even tussendoor, een bod, een lagere opslag; de "
                "gemeente ziet het.",
            ]
            if nl
            else [
                f"Margin: you aim for {num(ex.aspiration_margin_pct, lang, 0)} %; a shortfall "
                "weighs more than a surplus. Work outside the plan should be paid.",
                "Recognition of your craft; room to organise the work yourself.",
                "You can give: a job tussendoor, an offer, a lower markup; the gemeente sees it.",
            ]
        )
        info = (
            [
                "U kent uw werkelijke prestaties, kosten en voorraad; de gemeente ziet "
                "uw rapportages.",
                "Zonder toestemming mag u niet schuiven of noodzout inkopen (tenzij een "
                "beslisregel het toestaat).",
                "U weet niet hoe de gemeente uw facturen raamt of hoeveel zij u vertrouwt.",
            ]
            if nl
            else [
                "You know your true performance, costs and stock; the gemeente only sees "
                "your reports.",
                "Without approval you may not plough or buy emergency salt (unless a "
                "decision rule allows it).",
                "You do not know how the gemeente estimates your invoices or how far it "
                "trusts you.",
            ]
        )
        # Financial pressure is no longer a fact of the card: it follows from the margin
        # booked (issue 13), which the posture decision shows each month.
        if ex.maturity < 0.5:
            info.append(
                "Uw mensen waren vroeger een gemeentelijke dienst; de organisatie groeit nog."
                if nl
                else "Your people used to do this work as a municipal department; the "
                "organisation is still developing."
            )
    else:
        facts = [
            (
                "Budget gladheid" if nl else "Winter maintenance budget",
                eur(m.budget_eur_per_season, lang),
            ),
            (
                "Escalatiecommissie" if nl else "Escalation committee",
                _yes_no(sc.contract.escalation_committee, lang),
            ),
            (
                "Raadsvraag bij" if nl else "Council question at",
                f"{pol.council_complaint_threshold} "
                f"{'klachten per week' if nl else 'complaints a week'}",
            ),
        ]
        interests = (
            [
                "Geen ongelukken en boze bewoners in de krant.",
                "Een raad die tevreden is over kosten en dienstverlening.",
                "Herkiezing: zichtbaar handelen als het misgaat.",
            ]
            if nl
            else [
                "No accidents or angry residents in the paper.",
                "A council satisfied with cost and service.",
                "Re-election: acting visibly when things go wrong.",
            ]
        )
        info = (
            [
                "U hoort het via de krant, de raad en wat de regisseur u vertelt.",
                "Letsel, klachten, media en raadsvragen trekken uw aandacht; boven een "
                "drempel moet u kiezen hoe u ingrijpt.",
            ]
            if nl
            else [
                "You hear it through the paper, the council and what the regisseur tells you.",
                "Injuries, complaints, media and council questions draw your attention; "
                "above a threshold you must choose how to intervene.",
            ]
        )
    return facts, interests, info
