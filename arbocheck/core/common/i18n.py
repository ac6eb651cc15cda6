"""Interface words shared by the CLI, the GUI and reports, in Dutch and English.

Questionnaire content has its own texts (questionnaires/*.yaml); these are the
few words around it.
"""

from __future__ import annotations

import os

from arbocheck.core.common.settings import environment

LANGS = ("nl", "en")

TEXTS: dict[str, dict[str, str]] = {
    "count.answer": {"nl": "{n} antwoord|{n} antwoorden", "en": "{n} answer|{n} answers"},
    "count.finding": {"nl": "{n} bevinding|{n} bevindingen", "en": "{n} finding|{n} findings"},
    "count.measure": {"nl": "{n} maatregel|{n} maatregelen", "en": "{n} measure|{n} measures"},
    "count.photo": {"nl": "{n} foto|{n} foto's", "en": "{n} photo|{n} photos"},
    # A scale answer between the two ends the questionnaire names (core/textfmt.py)
    "scale.between": {"nl": "{v} op een schaal van {min} ({low}) tot {max} ({high})",
                      "en": "{v} on a scale from {min} ({low}) to {max} ({high})"},
    "priority.high": {"nl": "hoog", "en": "high"},
    "priority.medium": {"nl": "midden", "en": "medium"},
    "priority.low": {"nl": "laag", "en": "low"},
    "owner.employer": {"nl": "werkgever", "en": "employer"},
    "owner.worker": {"nl": "werknemer", "en": "employee"},
    "owner.both": {"nl": "werkgever en werknemer", "en": "employer and employee"},
    # What a norm is, in plain words (qmodel.Norm.status)
    "norm.status.law": {"nl": "wettelijke eis", "en": "legal requirement"},
    "norm.status.standard": {"nl": "norm (NEN/EN): geen wet, tenzij een wet ernaar verwijst",
                             "en": "standard (NEN/EN): not law unless a law refers to it"},
    "norm.status.guidance": {"nl": "richtlijn van een officiële instantie, geen wettelijke eis",
                             "en": "official guidance, not a legal requirement"},
    "norm.status.sector": {"nl": "afspraak voor één sector (arbocatalogus): geldt alleen daar",
                           "en": "sector agreement (arbocatalogus): binds only that sector"},
    "norm.status.rule_of_thumb": {"nl": "vuistregel, geen wettelijke eis", "en": "rule of thumb, not a legal requirement"},
    "norm.status.research": {"nl": "wetenschappelijk onderzoek, geen wettelijke eis",
                             "en": "research, not a legal requirement"},
    "norm.outside_scope": {"nl": "de regels voor beeldschermwerk gelden hier niet; het is een tip op basis van de zorgplicht",
                           "en": "the DSE rules do not apply here; this is a tip based on the general duty of care"},
    "provision": {"nl": "werkgever verstrekt", "en": "employer supplies"},
    "provision.arbo": {"nl": "arbovoorziening (onbelast te verstrekken)", "en": "arbo provision (may be supplied tax-free)"},
    "findings": {"nl": "Bevindingen", "en": "Findings"},
    "no_findings": {"nl": "Geen bevindingen: op wat je hebt ingevuld is niets aan te merken.",
                    "en": "No findings: nothing to remark on what you have answered."},
    "state.empty": {"nl": "Er is nog niets ingevuld, dus er valt nog niets te beoordelen.",
                    "en": "Nothing has been answered yet, so there is nothing to judge."},
    "state.incomplete": {"nl": "De check is nog niet af: {n} verplichte vragen staan nog open. Wat er staat, is een "
                               "oordeel over wat je tot nu toe invulde.",
                         "en": "The check is not finished: {n} required questions are still open. What follows "
                               "judges only what you have answered so far."},
    "state.incomplete.none": {"nl": "Op wat je tot nu toe invulde, is niets aan te merken, maar de check is nog niet af.",
                              "en": "Nothing to remark on what you have answered so far, but the check is not finished."},
    "warnings": {"nl": "Controleer deze antwoorden", "en": "Check these answers"},
    "warning.impossible": {"nl": "kan niet kloppen", "en": "cannot be right"},
    "warning.unlikely": {"nl": "klopt dit?", "en": "is this right?"},
    "warning.blocks": {"nl": "Je kunt pas ondertekenen als je dit hebt aangepast.",
                       "en": "You can sign once you have corrected this."},
    # Who sees what (core/sharing.py computes which of these applies from the items' flags)
    "share.section.employer": {"nl": "Je werkgever ziet je antwoorden op deze pagina in je rapport.",
                               "en": "Your employer sees your answers on this page in your report."},
    "share.section.mixed_expert": {
        "nl": "Vragen gemarkeerd als vertrouwelijk gaan alleen naar de bedrijfsarts of de arbodienst, die medisch "
              "beroepsgeheim hebben. Je andere antwoorden op deze pagina ziet je werkgever.",
        "en": "Questions marked confidential go only to the occupational physician or the occupational health "
              "service, who are bound by medical confidentiality. Your employer sees your other answers on this page."},
    "share.section.mixed_personal": {
        "nl": "Vragen gemarkeerd als vertrouwelijk blijven in je persoonlijke kopie: er is geen bedrijfsarts of "
              "arbodienst bij je rapport bekend. Je andere antwoorden op deze pagina ziet je werkgever.",
        "en": "Questions marked confidential stay in your personal copy: no occupational physician or health service "
              "is known for your report. Your employer sees your other answers on this page."},
    "share.section.all_expert": {
        "nl": "Je antwoorden op deze pagina gaan alleen naar de bedrijfsarts of de arbodienst, die medisch "
              "beroepsgeheim hebben. Je werkgever ziet ze niet.",
        "en": "Your answers on this page go only to the occupational physician or the occupational health service, "
              "who are bound by medical confidentiality. Your employer does not see them."},
    "share.section.all_personal": {
        "nl": "Je antwoorden op deze pagina blijven in je persoonlijke kopie. Er is geen bedrijfsarts of arbodienst "
              "bij je rapport bekend, dus ze gaan naar niemand; je werkgever ziet ze niet.",
        "en": "Your answers on this page stay in your personal copy. No occupational physician or health service is "
              "known for your report, so they go to no one; your employer does not see them."},
    "share.item.expert": {"nl": "Vertrouwelijk: alleen voor de bedrijfsarts of arbodienst",
                          "en": "Confidential: only for the occupational physician or health service"},
    "share.item.personal": {"nl": "Vertrouwelijk: blijft in je persoonlijke kopie",
                            "en": "Confidential: stays in your personal copy"},
    "share.item.employer_text": {"nl": "Je werkgever leest wat je hier schrijft.",
                                 "en": "Your employer reads what you write here."},
    "action_plan": {"nl": "Plan van aanpak", "en": "Action plan"},
    "missing": {"nl": "Nog niet beantwoord (verplicht)", "en": "Not yet answered (required)"},
    "summary": {"nl": "{n} bevinding(en): {high} hoog, {medium} midden, {low} laag",
                "en": "{n} finding(s): {high} high, {medium} medium, {low} low"},
    "health_sealed": {"nl": "vertrouwelijk: alleen voor de bedrijfsarts of arbodienst",
                      "en": "confidential: only for the occupational physician or health service"},
    "term": {"nl": "termijn", "en": "term"},
    "owner": {"nl": "eigenaar", "en": "owner"},
    "norm": {"nl": "Norm", "en": "Norm"},
    "required": {"nl": "verplicht", "en": "required"},
    "health_item": {"nl": "gezondheidsgegeven", "en": "health data"},
    "shown_if": {"nl": "alleen als", "en": "only if"},
    # The expert's advice report (core/advice.py)
    "advice.title.worker": {"nl": "Advies van de arbodeskundige", "en": "Advice from the arbo expert"},
    "advice.title.employer": {"nl": "Advies van de arbodeskundige: werkplekmaatregelen",
                              "en": "Advice from the arbo expert: workplace measures"},
    "advice.lead.worker": {
        "nl": "De arbodeskundige heeft je thuiswerkplek-check bekeken, inclusief het deel dat alleen voor de "
              "arbodeskundige bestemd was. Dit is je persoonlijke advies; je werkgever krijgt een versie zonder "
              "gezondheidsgegevens.",
        "en": "The arbo expert has reviewed your home-workplace check, including the part meant for the arbo "
              "expert only. This is your personal advice; your employer receives a version without health data."},
    "advice.lead.employer": {
        "nl": "De arbodeskundige heeft de thuiswerkplek-check van deze medewerker beoordeeld. Hieronder staan "
              "alleen de werkplekmaatregelen en wie ze regelt; gezondheidsgegevens blijven bij de medewerker en "
              "de arbodeskundige.",
        "en": "The arbo expert has reviewed this employee's home-workplace check. Below are only the workplace "
              "measures and who arranges them; health data stays with the employee and the arbo expert."},
    "advice.expert": {"nl": "Arbodeskundige", "en": "Arbo expert"},
    "advice.adaptation": {"nl": "Aanpassingen op advies van de bedrijfsarts (de reden blijft vertrouwelijk)",
                          "en": "Adaptations on the occupational physician's advice (the reason stays confidential)"},
    "advice.items": {"nl": "Beoordeelde punten", "en": "Reviewed points"},
    "advice.none": {"nl": "Er zijn geen punten beoordeeld.", "en": "No points were reviewed."},
    "advice.employer_note": {
        "nl": "Deze versie bevat geen gezondheidsgegevens (AVG art. 9). Vragen over de gezondheid van de "
              "medewerker horen bij de bedrijfsarts.",
        "en": "This version holds no health data (GDPR art. 9). Questions about the employee's health belong "
              "with the occupational physician."},
    "review.provision_short": {"nl": "arbovoorziening", "en": "arbo provision"},
    # The employer's RI&E roll-up (core/exports.py)
    "summary.title": {"nl": "RI&E thuiswerkplekken: overzicht", "en": "RI&E home workplaces: roll-up"},
    "summary.lead": {
        "nl": "Samenvatting van de thuiswerkplek-checks van de medewerkers, voor de RI&E en het plan van aanpak. "
              "Er staan geen gegevens van individuele medewerkers in; aantallen van minder dan {n} personen "
              "worden niet getoond.",
        "en": "Summary of the employees' home-workplace checks, for the RI&E and the action plan. It holds no "
              "data on individual employees; counts of fewer than {n} people are not shown."},
    "summary.coverage": {"nl": "Ingeleverd", "en": "Handed in"},
    "summary.topics": {"nl": "Bevindingen per onderwerp (aantal medewerkers)",
                       "en": "Findings per topic (number of employees)"},
    "summary.people": {"nl": "Medewerkers", "en": "Employees"},
    "summary.measures": {"nl": "Maatregelen", "en": "Measures"},
    "summary.suppressed": {"nl": "minder dan 5", "en": "fewer than 5"},
    # Side-view diagram (core/diagram.py)
    # Report (core/report_pdf.py)
    "report.title": {"nl": "RI&E-bijdrage thuiswerkplek", "en": "RI&E contribution: home workplace"},
    "report.title.personal": {"nl": "Thuiswerkplek-check: persoonlijke kopie",
                              "en": "Home-workplace check: personal copy"},
    "report.personal_mark": {"nl": "PERSOONLIJK — NIET DELEN", "en": "PERSONAL — DO NOT SHARE"},
    "report.personal_lead": {
        "nl": "Dit is je eigen, volledige kopie, met je antwoorden over gezondheid en werkdruk. Deze kopie is "
              "niet ondertekend en niet bedoeld voor je werkgever.",
        "en": "This is your own, complete copy, including your answers about health and workload. It is not "
              "signed and not meant for your employer."},
    "report.lead": {
        "nl": "Deze bijdrage aan de risico-inventarisatie en -evaluatie (RI&E, Arbowet art. 5) beschrijft de "
              "thuiswerkplek van de medewerker zoals die deze zelf heeft beoordeeld, met de bevindingen en de "
              "voorgestelde maatregelen voor het plan van aanpak. Het document is elektronisch ondertekend; "
              "elke wijziging na ondertekening is zichtbaar.",
        "en": "This contribution to the risk inventory and evaluation (RI&E, Dutch Working Conditions Act "
              "art. 5) describes the employee's home workplace as they assessed it themselves, with the findings "
              "and the proposed measures for the action plan. The document is signed electronically; any change "
              "after signing shows."},
    "report.health_note": {
        "nl": "Gezondheidsgegevens (klachten, werkdruk, stress) staan niet in dit document. Alleen de bedrijfsarts of "
              "de arbodienst, die medisch beroepsgeheim hebben, kan ze lezen (AVG art. 9).",
        "en": "Health data (complaints, workload, stress) is not in this document. Only the occupational physician "
              "or health service, bound by medical confidentiality, can read it (GDPR art. 9)."},
    "report.health_note.none": {
        "nl": "Gezondheidsgegevens (klachten, werkdruk, stress) staan niet in dit document. Er was geen bedrijfsarts of "
              "arbodienst bekend: ze staan alleen in de persoonlijke kopie van de medewerker (AVG art. 9).",
        "en": "Health data (complaints, workload, stress) is not in this document. No occupational physician or "
              "health service was known: it is only in the employee's personal copy (GDPR art. 9)."},
    "report.source": {"nl": "bron", "en": "source"},
    "report.glossary": {"nl": "Wat betekent dit woord?", "en": "What do these words mean?"},
    "report.organisation": {"nl": "Organisatie", "en": "Organisation"},
    "report.worker": {"nl": "Medewerker", "en": "Employee"},
    "report.employee_id": {"nl": "Personeelsnummer", "en": "Employee number"},
    "report.date": {"nl": "Datum", "en": "Date"},
    "report.questionnaire": {"nl": "Vragenlijst", "en": "Questionnaire"},
    "report.report_id": {"nl": "Rapportnummer", "en": "Report number"},
    "report.campaign": {"nl": "Campagne", "en": "Campaign"},
    "report.not_enrolled": {"nl": "geen (niet aangemeld via een campagne)", "en": "none (not enrolled in a campaign)"},
    "report.overall": {"nl": "Totaalbeeld", "en": "Overall picture"},
    "report.summary": {"nl": "Samenvatting per onderwerp", "en": "Summary per topic"},
    "report.topic": {"nl": "Onderwerp", "en": "Topic"},
    "report.answered": {"nl": "Beantwoord", "en": "Answered"},
    "report.status": {"nl": "Oordeel", "en": "Assessment"},
    "report.status.ok": {"nl": "in orde", "en": "all right"},
    "report.status.attention": {"nl": "aandachtspunt", "en": "point of attention"},
    "report.status.action": {"nl": "actie nodig", "en": "action needed"},
    "report.status.open": {"nl": "niet ingevuld", "en": "not answered"},
    "report.measure": {"nl": "Maatregel", "en": "Measure"},
    "report.priority": {"nl": "Prioriteit", "en": "Priority"},
    "report.provision_col": {"nl": "Arbovoorziening", "en": "Arbo provision"},
    "summary.supply_col": {"nl": "Werkgever levert", "en": "Employer supplies"},
    "report.no_measures": {"nl": "Er zijn geen maatregelen nodig.", "en": "No measures are needed."},
    "report.question": {"nl": "Vraag", "en": "Question"},
    "report.answer": {"nl": "Antwoord", "en": "Answer"},
    "report.measured": {"nl": "Gemeten en aanbevolen", "en": "Measured and recommended"},
    "report.value": {"nl": "Waarde", "en": "Value"},
    "report.advice": {"nl": "Advies", "en": "Advice"},
    "report.photos": {"nl": "Foto's", "en": "Photos"},
    "report.figure": {"nl": "Foto {n}", "en": "Photo {n}"},
    "report.declaration": {"nl": "Verklaring en ondertekening", "en": "Declaration and signature"},
    "report.declaration_text": {"nl": "Ik verklaar dat ik deze vragenlijst naar waarheid heb ingevuld.",
                                "en": "I declare that I have answered this questionnaire truthfully."},
    "report.name": {"nl": "Naam", "en": "Name"},
    "report.fingerprint": {"nl": "Vingerafdruk ondertekeningssleutel", "en": "Signing key fingerprint"},
    "report.drawn_signature": {"nl": "Handtekening", "en": "Signature"},
    "report.stamp_here": {"nl": "Elektronische handtekening", "en": "Electronic signature"},
    "report.closing": {"nl": "Wat is verzegeld en wat is weggelaten", "en": "What was sealed and what was left out"},
    # The employer's closing page: that a sealed part exists and who can open it, never how much
    # is in it (issue 11: no health signal for the employer, by any channel).
    "report.sealed": {
        "nl": "Dit rapport heeft een verzegeld deel voor de arbodeskundige (de bijlage confidential.age). Daarin "
              "staat wat de medewerker over gezondheid en werkdruk heeft ingevuld, wat daaruit volgt en de foto's "
              "die alleen voor de arbodeskundige zijn. Alleen de arbodeskundige met sleutel {fp} kan het openen: de "
              "bedrijfsarts, of de arbodienst onder het medisch beroepsgeheim. De werkgever kan het niet openen. "
              "Het verzegelde deel is er altijd, ook als er niets over gezondheid is ingevuld. Aan de grootte is "
              "niet te zien wat er is ingevuld.",
        "en": "This report has a sealed part for the arbo expert (the attachment confidential.age). It holds what "
              "the employee answered about health and workload, what follows from it, and the photos meant only "
              "for the arbo expert. Only the arbo expert with key {fp} can open it: the occupational physician, or "
              "the occupational health service under medical confidentiality. The employer cannot open it. The "
              "sealed part is always there, even when nothing about health was answered. Its size does not show "
              "what was answered."},
    "report.not_sealed": {
        "nl": "Er was geen sleutel van een arbodeskundige bekend. Daarom staat in dit bestand niets van wat de "
              "medewerker over gezondheid en werkdruk heeft ingevuld. Ook wat daaruit volgt en foto's die alleen "
              "voor de arbodeskundige zijn, staan er niet in. Dat staat alleen in de persoonlijke kopie van de "
              "medewerker.",
        "en": "No arbo expert's key was known. So this file holds nothing of what the employee answered about "
              "health and workload. What follows from it and photos meant only for the arbo expert are not in it "
              "either. They are only in the employee's personal copy."},
    "report.left_out": {
        "nl": "Niet in dit document: antwoorden die gezondheidsgegevens zijn, en alles wat daaruit volgt. Wie "
              "klachten heeft, kan zonder toestemming van de werkgever naar het (open) spreekuur van de "
              "bedrijfsarts.",
        "en": "Not in this document: answers that are health data, and anything derived from them. Anyone "
              "with complaints can consult the occupational physician's (open) consultation hour without the "
              "employer's permission."},
    "report.machine": {
        "nl": "Bijlagen: assessment.json (de gegevens van dit rapport, leesbaar voor software){sealed}. De "
              "handtekening dekt het hele bestand, bijlagen inbegrepen.",
        "en": "Attachments: assessment.json (this report's data, for software){sealed}. The signature covers "
              "the whole file, attachments included."},
    "report.machine.sealed": {"nl": " en confidential.age (het verzegelde deel)",
                              "en": " and confidential.age (the sealed part)"},
    "report.page": {"nl": "pagina {n} van {total}", "en": "page {n} of {total}"},
    "report.guidance": {"nl": "vuistregel", "en": "rule of thumb"},
    "report.health_section": {"nl": "Gezondheid en werkdruk (alleen in je persoonlijke kopie)",
                              "en": "Health and workload (only in your personal copy)"},
    "report.unanswered": {"nl": "niet ingevuld", "en": "not answered"},
    "diagram.desk": {"nl": "bureau {cm} cm", "en": "desk {cm} cm"},
    "diagram.rec_desk": {"nl": "aanbevolen bureau {cm} cm", "en": "recommended desk {cm} cm"},
    "diagram.rec_seat": {"nl": "aanbevolen zitting {cm} cm", "en": "recommended seat {cm} cm"},
    "diagram.footrest": {"nl": "voetensteun {cm} cm", "en": "footrest {cm} cm"},
    "diagram.screen": {"nl": "scherm", "en": "screen"},
    "diagram.laptop": {"nl": "laptop", "en": "laptop"},
    "diagram.distance": {"nl": "kijkafstand {cm} cm", "en": "viewing distance {cm} cm"},
    "diagram.feet_dangle": {"nl": "Je voeten komen niet plat op de grond: gebruik een voetensteun.",
                            "en": "Your feet do not rest flat on the floor: use a footrest."},
    "diagram.feet_dangle_short": {"nl": "voeten hangen", "en": "feet dangle"},
    "diagram.screen_low": {"nl": "De bovenrand van het scherm staat ruim onder ooghoogte.",
                           "en": "The top of the screen is well below eye height."},
    "diagram.desk_high": {"nl": "Je bureau ({desk} cm) is hoger dan de vuistregel voor jouw lengte ({rec} cm).",
                          "en": "Your desk ({desk} cm) is higher than the rule of thumb for your height ({rec} cm)."},
    "diagram.desk_low": {"nl": "Je bureau ({desk} cm) is lager dan de vuistregel voor jouw lengte ({rec} cm).",
                         "en": "Your desk ({desk} cm) is lower than the rule of thumb for your height ({rec} cm)."},
    "diagram.desk_ok": {"nl": "Je bureau ({desk} cm) past bij de vuistregel voor jouw lengte ({rec} cm).",
                        "en": "Your desk ({desk} cm) fits the rule of thumb for your height ({rec} cm)."},
    # Dates in reports: "1 december 2026" / "1 December 2026", whatever the OS locale (textfmt.date).
    "date.long": {"nl": "{day} {month} {year}", "en": "{day} {month} {year}"},
    "date.month.1": {"nl": "januari", "en": "January"},
    "date.month.2": {"nl": "februari", "en": "February"},
    "date.month.3": {"nl": "maart", "en": "March"},
    "date.month.4": {"nl": "april", "en": "April"},
    "date.month.5": {"nl": "mei", "en": "May"},
    "date.month.6": {"nl": "juni", "en": "June"},
    "date.month.7": {"nl": "juli", "en": "July"},
    "date.month.8": {"nl": "augustus", "en": "August"},
    "date.month.9": {"nl": "september", "en": "September"},
    "date.month.10": {"nl": "oktober", "en": "October"},
    "date.month.11": {"nl": "november", "en": "November"},
    "date.month.12": {"nl": "december", "en": "December"},
    # cli: the command line's own messages (arbocheck/cli/); in English unless --lang is given
    "cli.interrupted": {"nl": "gestopt (Ctrl+C)", "en": "stopped (Ctrl+C)"},
    "cli.internal": {"nl": "arbocheck is gestopt door een interne fout ({kind}: {why}); meld deze fout alsjeblieft",
                     "en": "arbocheck stopped on an internal error ({kind}: {why}); please report it"},
    "cli.missing_module": {"nl": "een onderdeel dat hiervoor nodig is, is niet geïnstalleerd: {name}",
                           "en": "a part needed for this is not installed: {name}"},
    "cli.file_problem": {"nl": "{file}: {why}", "en": "{file}: {why}"},
    "cli.cannot_read": {"nl": "{file} kan niet worden gelezen: {why}", "en": "cannot read {file}: {why}"},
    "cli.wrote": {"nl": "geschreven: {path}", "en": "wrote {path}"},
    "cli.warning": {"nl": "waarschuwing: {text}", "en": "warning: {text}"},
    "cli.db_address": {"nl": "het adres van het register (--db) is niet bruikbaar: {why}",
                       "en": "the register's address (--db) cannot be used: {why}"},
    "cli.db_unreachable": {"nl": "het register is niet bereikbaar: {why}", "en": "the register cannot be reached: {why}"},
    "cli.db_failed": {"nl": "het register kon dit niet doen: {why}", "en": "the register could not do this: {why}"},
    "cli.no_gui": {"nl": "de grafische interface kan niet starten: {why}",
                   "en": "the graphical interface cannot start: {why}"},
    "cli.screenshots.done": {"nl": "{n} afbeeldingen geschreven in {folder}", "en": "wrote {n} images to {folder}"},
    "cli.role.employer": {"nl": "werkgever", "en": "employer"},
    "cli.role.expert": {"nl": "arbodeskundige", "en": "expert"},
    "cli.validate.ok": {"nl": "{file}: in orde ({id} {version}: {sections} onderdelen, {items} vragen, {rules} regels)",
                        "en": "{file}: ok ({id} {version}: {sections} sections, {items} items, {rules} rules)"},
    "cli.show.count": {"nl": "{items} vragen, {rules} regels", "en": "{items} items, {rules} rules"},
    "cli.answers.cannot_evaluate": {"nl": "{file}: deze antwoorden kunnen niet worden beoordeeld:",
                                    "en": "{file}: cannot evaluate these answers:"},
    "cli.answers.cannot_build": {"nl": "{file}: van deze antwoorden kan geen rapport worden gemaakt:",
                                 "en": "{file}: cannot build a report from these answers:"},
    "cli.answers.other_questionnaire": {
        "nl": "de antwoorden horen bij vragenlijst '{id}' {version}, niet bij '{want_id}' {want_version}",
        "en": "the answers are for questionnaire '{id}' {version}, not '{want_id}' {want_version}"},
    "cli.photo.form": {"nl": "--photo {spec}: verwacht ITEM=PAD met het id van een vraag of onderdeel",
                       "en": "--photo {spec}: expected ITEM=PATH with an item or section id"},
    "cli.photo.caption_long": {"nl": "--photo {spec}: een bijschrift heeft hoogstens {n} tekens",
                               "en": "--photo {spec}: a caption has at most {n} characters"},
    "cli.photo.unusable": {"nl": "--photo {spec}: {why}", "en": "--photo {spec}: {why}"},
    "cli.employee_id": {"nl": "--employee-id {id}: {why}", "en": "--employee-id {id}: {why}"},
    "cli.report.not_made": {"nl": "het rapport is niet gemaakt: {why}", "en": "the report was not made: {why}"},
    "cli.report.signed": {"nl": "ondertekend rapport: {path}", "en": "signed report: {path}"},
    "cli.report.personal": {"nl": "persoonlijke kopie (niet delen): {path}",
                            "en": "personal copy (do not share): {path}"},
    "cli.report.fingerprint": {"nl": "vingerafdruk van de ondertekensleutel: {fp}",
                               "en": "signing key fingerprint: {fp}"},
    "cli.report.sealed.yes": {"nl": "verzegeld deel voor de arbodeskundige: ja",
                              "en": "sealed part for the arbo expert: yes"},
    "cli.report.sealed.no_key": {"nl": "verzegeld deel voor de arbodeskundige: nee (geen sleutel van een arbodeskundige)",
                                 "en": "sealed part for the arbo expert: no (no expert key)"},
    "cli.verify.valid": {"nl": "{file}: geldig", "en": "{file}: valid"},
    "cli.verify.rejected": {"nl": "{file}: geweigerd: {why}", "en": "{file}: rejected: {why}"},
    "cli.verify.rollup": {"nl": "  RI&E-overzicht van {organisation}, ondertekend met sleutel {fp}; {n} rapporten, {date}",
                          "en": "  RI&E roll-up of {organisation}, signed by key {fp}; {n} reports, {date}"},
    "cli.verify.advice_by": {"nl": "  advies van: {name} (sleutel {fp})", "en": "  advice by: {name} (key {fp})"},
    "cli.verify.advice": {"nl": "  versie '{version}' van het advies bij rapport {id} versie {revision}, {n} punten, {date}",
                          "en": "  {version} version of the advice on report {id} revision {revision}, {n} points, "
                                "{date}"},
    "cli.verify.signed_by": {"nl": "  ondertekend door: {name} (sleutel {fp})", "en": "  signed by: {name} (key {fp})"},
    "cli.verify.report": {"nl": "  rapport: {id} versie {revision}, {date}", "en": "  report: {id} revision {revision}, {date}"},
    "cli.verify.campaign": {"nl": "  campagne: {campaign}; personeelsnummer: {employee}",
                            "en": "  campaign: {campaign}; employee: {employee}"},
    "cli.verify.not_enrolled": {"nl": "geen (niet aangemeld)", "en": "none (not enrolled)"},
    "cli.verify.proof": {"nl": "; met aanmeldbewijs", "en": "; enrolment proof present"},
    "cli.verify.sealed.yes": {"nl": "  verzegeld deel voor de arbodeskundige: ja",
                              "en": "  sealed part for the arbo expert: yes"},
    "cli.verify.sealed.no": {"nl": "  verzegeld deel voor de arbodeskundige: nee",
                             "en": "  sealed part for the arbo expert: no"},
    "cli.verify.findings": {"nl": "  bevindingen: {high} hoog, {medium} midden, {low} laag",
                            "en": "  findings: {high} high, {medium} medium, {low} low"},
    "cli.demo.signed": {"nl": "ondertekend rapport: {path}", "en": "signed report: {path}"},
    "cli.demo.personal": {"nl": "persoonlijke kopie: {path}", "en": "personal copy: {path}"},
    "cli.demo.campaign": {"nl": "campagne: {path}", "en": "campaign: {path}"},
    "cli.demo.expert": {"nl": "sleutel van de demo-arbodeskundige: {path}", "en": "demo expert identity: {path}"},
    "cli.ask.new_passphrase": {"nl": "kies een wachtwoordzin voor de sleutel van de {role}: ",
                               "en": "choose a passphrase for the {role}'s key: "},
    "cli.ask.again": {"nl": "dezelfde wachtwoordzin nog eens: ", "en": "the same passphrase again: "},
    "cli.ask.passphrase": {"nl": "wachtwoordzin van de sleutel van de {role} ({env} voor scripts): ",
                           "en": "passphrase of the {role}'s key ({env} for scripts): "},
    "cli.ask.method": {"nl": "de sleutel van de {role} is nieuw: bewaren in de sleutelbos van het systeem (k) of "
                             "beschermen met een wachtwoordzin (p)? ",
                       "en": "the {role}'s key is new: keep it in the system keyring (k) or protect it with a "
                             "passphrase (p)? "},
    "cli.ask.current_passphrase": {"nl": "huidige wachtwoordzin van de sleutel van de {role}: ",
                                   "en": "current passphrase of the {role}'s key: "},
    "cli.key_in_clear": {"nl": "waarschuwing: de sleutel van de {role} staat onbeschermd op schijf; bescherm hem: "
                               "arbocheck keys protect {command_role} --with passphrase|keyring",
                         "en": "warning: the {role}'s key is stored in clear; protect it: arbocheck keys protect "
                               "{command_role} --with passphrase|keyring"},
    "cli.keys.none": {"nl": "{role}: nog geen sleutel", "en": "{role}: no key yet"},
    "cli.keys.clear": {"nl": "{role}: ONBESCHERMD op schijf (bescherm hem: arbocheck keys protect {command_role} "
                             "--with passphrase|keyring)",
                       "en": "{role}: stored IN CLEAR (protect it: arbocheck keys protect {command_role} --with "
                             "passphrase|keyring)"},
    "cli.keys.passphrase": {"nl": "{role}: beschermd met een wachtwoordzin", "en": "{role}: protected by a passphrase"},
    "cli.keys.keyring": {"nl": "{role}: bewaard in de sleutelbos van het systeem", "en": "{role}: kept in the system keyring"},
    "cli.keys.keyring_available": {"nl": "sleutelbos van het systeem: beschikbaar", "en": "system keyring: available"},
    "cli.keys.keyring_unavailable": {"nl": "sleutelbos van het systeem: niet beschikbaar",
                                     "en": "system keyring: not available"},
    "cli.keys.not_protected": {"nl": "de sleutel is niet beschermd: {why}", "en": "the key was not protected: {why}"},
    "cli.keys.now_keyring": {"nl": "de sleutel van de {role} wordt nu bewaard in de sleutelbos van het systeem",
                             "en": "the {role}'s key is now kept in the system keyring"},
    "cli.keys.now_passphrase": {"nl": "de sleutel van de {role} is nu beschermd met een wachtwoordzin",
                                "en": "the {role}'s key is now protected by a passphrase"},
    "cli.campaign.not_made": {"nl": "de campagne is niet gemaakt: {why}", "en": "the campaign was not made: {why}"},
    "cli.campaign.file": {"nl": "campagnebestand (voor alle medewerkers): {path}",
                          "en": "campaign file (for every employee): {path}"},
    "cli.campaign.codes": {"nl": "eenmalige aanmeldcodes voor {n} medewerkers (apart uitdelen): {path}",
                           "en": "one-time enrolment codes for {n} employees (hand out separately): {path}"},
    "cli.campaign.registered": {
        "nl": "vastgelegd in het register (dat geen code bewaart, alleen wat een bewijs controleert), dus 'register "
              "import' controleert de aanmeldcodes",
        "en": "registered in the register (which keeps no code, only what checks a proof), so 'register import' checks "
              "the enrolment codes"},
    "cli.campaign.employer_key": {"nl": "vingerafdruk van de sleutel van de werkgever: {fp}",
                                  "en": "employer key fingerprint: {fp}"},
    "cli.campaign.expert_key": {"nl": "vingerafdruk van de sleutel van de arbodeskundige: {fp}",
                                "en": "arbo expert key fingerprint: {fp}"},
    "cli.campaign.not_closed": {"nl": "de campagne is niet gesloten: {why}", "en": "the campaign was not closed: {why}"},
    "cli.campaign.closed": {
        "nl": "campagne {id} is gesloten: het register heeft gewist waarmee de {n} aanmeldcodes werden gecontroleerd; "
              "rapporten van deze campagne worden niet meer aangenomen",
        "en": "campaign {id} closed: the register deleted what checked its {n} enrolment codes; reports of it are no "
              "longer accepted"},
    "cli.register.nothing_imported": {"nl": "er is niets ingelezen: {why}", "en": "nothing was imported: {why}"},
    "cli.register.imported": {"nl": "{ok} geaccepteerd, {rejected} geweigerd", "en": "{ok} accepted, {rejected} rejected"},
    "cli.register.skipped": {"nl": ", {n} overgeslagen", "en": ", {n} skipped"},
    "cli.register.exported": {"nl": "actielijst ({n} open maatregelen): {path}",
                              "en": "action list ({n} open measures): {path}"},
    "cli.register.no_organisation": {
        "nl": "geef de naam van de organisatie met --organisation (geen vastgelegde campagne noemt haar)",
        "en": "name the organisation with --organisation (no registered campaign names it)"},
    "cli.register.no_rollup": {"nl": "het RI&E-overzicht is niet gemaakt: {why}", "en": "the roll-up was not made: {why}"},
    "cli.register.rollup": {"nl": "ondertekend RI&E-overzicht ({n} rapporten): {path}",
                            "en": "signed RI&E roll-up ({n} reports): {path}"},
    "cli.register.nothing_rebuilt": {"nl": "er is niets opnieuw berekend: {why}", "en": "nothing was rebuilt: {why}"},
    "cli.register.recomputed": {"nl": "de tellingen van het overzicht zijn opnieuw berekend uit de opgeslagen rapporten",
                                "en": "overview counts recomputed from the stored reports"},
    "cli.register.not_signed.changed": {
        "nl": "NIET ondertekend: het register klopt niet met zijn nieuwste ondertekende controlepunt, en een nieuw "
              "controlepunt zou dit verbergen:",
        "en": "NOT signed: the register does not match its newest signed checkpoint, so a new one would hide this:"},
    "cli.register.not_signed.added": {
        "nl": "NIET ondertekend: er zijn rijen bijgekomen die geen ondertekend controlepunt dekt; controleer ze, en "
              "onderteken ze alleen als ze van jou zijn, met --accept-unsigned:",
        "en": "NOT signed: rows were added that no signed checkpoint covers; check them, and only if they are yours "
              "sign them with --accept-unsigned:"},
    "cli.register.checkpoint_signed": {"nl": "er is een nieuw controlepunt ondertekend met de sleutel van de werkgever",
                                       "en": "a new checkpoint was signed with the employer's key"},
    "cli.register.no_employer_key": {
        "nl": "(geen sleutel van de werkgever op deze computer: de controlepunten zijn gecontroleerd met de sleutel die "
              "het eerste ondertekende)",
        "en": "(no employer key on this computer: checkpoints were checked against the key that signed the first one)"},
    "cli.register.intact": {"nl": "register: in orde", "en": "register: intact"},
    "cli.register.problems": {"nl": "register: problemen gevonden ({n})", "en": "register: {n} problem(s)"},
    "cli.expert.key_unusable": {"nl": "de sleutel van de arbodeskundige kan niet worden gebruikt: {why}",
                                "en": "the expert's key cannot be used: {why}"},
    "cli.expert.recipient": {"nl": "ontvangersleutel (geef deze aan werkgevers voor hun campagnes): {recipient}",
                             "en": "recipient (give this to employers for their campaigns): {recipient}"},
    "cli.expert.fingerprint": {"nl": "vingerafdruk: {fp}", "en": "fingerprint: {fp}"},
    "cli.expert.no_reports": {"nl": "geen rapporten: noem bestanden of mappen, of een register met --db",
                              "en": "no reports: name files or folders, or a register with --db"},
    "cli.expert.accepted": {"nl": "{file}: geaccepteerd, {worker}, {sealed}", "en": "{file}: accepted, {worker}, {sealed}"},
    "cli.expert.sealed.opened": {"nl": "verzegeld deel geopend", "en": "sealed part opened"},
    "cli.expert.sealed.other_expert": {"nl": "verzegeld voor een andere arbodeskundige", "en": "sealed for another expert"},
    "cli.expert.sealed.none": {"nl": "geen verzegeld deel", "en": "no sealed part"},
    "cli.expert.sealed.damaged": {"nl": "verzegeld deel beschadigd", "en": "sealed part damaged"},
    "cli.expert.health": {"nl": " (gezondheid)", "en": " (health)"},
    "cli.expert.recorded": {"nl": "vastgelegd: {id} {rule} {status} op {at}", "en": "recorded: {id} {rule} {status} at {at}"},
    "cli.expert.advice_worker": {"nl": "advies voor de werknemer: {path} ({n} punten)",
                                 "en": "advice for the worker: {path} ({n} points)"},
    "cli.expert.advice_employer": {"nl": "advies voor de werkgever, zonder gezondheidsgegevens: {path} ({n} punten)",
                                   "en": "advice for the employer, without health data: {path} ({n} points)"},
}


def count(n: int, noun: str, lang: str) -> str:
    """'1 foto', '3 foto's': singular or plural from a 'one|many' text (count.NOUN)."""
    one, many = t("count." + noun, lang).split("|")
    return (one if n == 1 else many).format(n=n)


def t(key: str, lang: str, **kw: object) -> str:
    text = TEXTS[key].get(lang) or TEXTS[key]["nl"]
    return text.format(**kw) if kw else text


def default_lang() -> str:
    """ARBOCHECK_LANG, else the system language when it is English, else Dutch."""
    env = environment().lang
    if env in LANGS:
        return env
    sys_lang = (os.environ.get("LC_ALL") or os.environ.get("LC_MESSAGES") or os.environ.get("LANG") or "")
    return "en" if sys_lang.lower().startswith("en") else "nl"
