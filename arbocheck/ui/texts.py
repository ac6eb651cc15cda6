"""Every word of the graphical interface, in Dutch and English.

A test checks that each key has both languages; widgets never hold literal text.
"""

from __future__ import annotations

from arbocheck.core.common import i18n
from arbocheck.ui.texts_employer import EMPLOYER

UI: dict[str, dict[str, str]] = {
    "app.title": {"nl": "arbocheck — thuiswerkplek-check", "en": "arbocheck — home-workplace check"},
    # Start window
    "start.heading": {"nl": "Welkom bij arbocheck", "en": "Welcome to arbocheck"},
    "start.lead": {"nl": "Controleer je thuiswerkplek, krijg meteen persoonlijk advies en lever een "
                         "ondertekende bijdrage aan de RI&E van je werkgever. Alles blijft op deze computer "
                         "tot jij iets exporteert.",
                   "en": "Check your home workplace, get personal advice straight away and hand your employer "
                         "a signed contribution to its RI&E. Everything stays on this computer until you "
                         "export something."},
    "start.language": {"nl": "&Taal", "en": "&Language"},
    "start.role": {"nl": "Wie ben je?", "en": "Who are you?"},
    "role.worker": {"nl": "&Werknemer", "en": "&Employee"},
    "role.worker.desc": {"nl": "Ik controleer mijn eigen thuiswerkplek.", "en": "I check my own home workplace."},
    "role.employer": {"nl": "Werk&gever", "en": "Em&ployer"},
    "role.employer.desc": {"nl": "Ik verzamel de rapporten van mijn medewerkers.",
                           "en": "I collect my employees' reports."},
    "role.expert": {"nl": "&Bedrijfsarts of arbodienst", "en": "Occupational &health"},
    "role.expert.desc": {"nl": "Ik beoordeel gemarkeerde punten en geef advies, onder medisch beroepsgeheim.",
                         "en": "I review flagged items and give advice, under medical confidentiality."},
    "start.resume": {"nl": "&Verdergaan waar je was", "en": "&Continue where you left off"},
    "start.resume.desc": {"nl": "Laatst bewaard: {when}", "en": "Last saved: {when}"},
    "start.fresh": {"nl": "&Opnieuw beginnen", "en": "Start &over"},
    "start.fresh.confirm.title": {"nl": "Opnieuw beginnen?", "en": "Start over?"},
    "start.fresh.confirm": {"nl": "Je antwoorden en foto's tot nu toe worden opzijgezet en je begint met een "
                                  "lege vragenlijst. Weet je het zeker?",
                            "en": "Your answers and photos so far are put aside and you start with an empty "
                                  "questionnaire. Are you sure?"},
    "start.draft_recovered": {"nl": "Je laatste versie was beschadigd; de versie daarvoor is hersteld.",
                              "en": "Your latest version was damaged; the version before it was restored."},
    # Wizard frame
    "wiz.back": {"nl": "&Vorige", "en": "&Back"},
    "wiz.next": {"nl": "Volge&nde", "en": "&Next"},
    "wiz.sections": {"nl": "Onderdelen", "en": "Sections"},
    "wiz.intro": {"nl": "Welkom", "en": "Welcome"},
    "wiz.review": {"nl": "Overzicht", "en": "Review"},
    "wiz.sign": {"nl": "Ondertekenen", "en": "Sign"},
    "wiz.saved": {"nl": "Bewaard om {time}", "en": "Saved at {time}"},
    "wiz.save_failed": {"nl": "Bewaren is mislukt: {reason}. Je antwoorden staan nog in het venster.",
                        "en": "Saving failed: {reason}. Your answers are still in the window."},
    "wiz.missing": {"nl": "Vul eerst nog in: {items}", "en": "Please answer first: {items}"},
    "wiz.progress": {"nl": "{done} van {total} onderdelen klaar", "en": "{done} of {total} sections done"},
    "wiz.language": {"nl": "English", "en": "Nederlands"},
    "wiz.language.tip": {"nl": "Switch to English", "en": "Naar het Nederlands"},
    # Intro page
    "intro.heading": {"nl": "Zo werkt de check", "en": "How the check works"},
    "intro.body": {
        "nl": "Je beantwoordt vragen over je thuiswerkplek, onderdeel voor onderdeel. Bij elk antwoord zie je "
              "meteen of er iets te verbeteren valt en wat je kunt doen. Je kunt stoppen wanneer je wilt: alles "
              "wordt bewaard en de volgende keer ga je verder waar je was.",
        "en": "You answer questions about your home workplace, section by section. With each answer you see "
              "straight away whether something could be better and what you can do. You can stop whenever you "
              "like: everything is saved and next time you continue where you left off."},
    "intro.shared.heading": {"nl": "Wie ziet wat?", "en": "Who sees what?"},
    "intro.shared.employer": {
        "nl": "<b>Je werkgever</b> krijgt het rapport dat jij exporteert: de feiten over je werkplek (bureau, "
              "stoel, scherm, licht, afspraken), de bevindingen en het plan van aanpak, en de foto's die je "
              "daarvoor aanbiedt.",
        "en": "<b>Your employer</b> receives the report you export: the facts about your workplace (desk, chair, "
              "screen, light, agreements), the findings and the action plan, and the photos you offer for it."},
    "intro.shared.expert": {
        "nl": "<b>Alleen de bedrijfsarts of de arbodienst</b>, die medisch beroepsgeheim hebben, kan je antwoorden "
              "lezen die als vertrouwelijk zijn gemarkeerd: over gezondheid, klachten, werkdruk en stress. Die gaan "
              "versleuteld mee; je werkgever kan ze niet openen.",
        "en": "<b>Only the occupational physician or the occupational health service</b>, bound by medical "
              "confidentiality, can read your answers marked confidential: about health, complaints, workload and "
              "stress. They travel encrypted; your employer cannot open them."},
    "intro.shared.personal": {
        "nl": "<b>Er is (nog) geen bedrijfsarts of arbodienst bekend.</b> Je antwoorden die als vertrouwelijk zijn "
              "gemarkeerd, gaan dan naar niemand: ze staan alleen in je persoonlijke kopie. Laad het campagnebestand "
              "van je werkgever als je dat hebt gekregen.",
        "en": "<b>No occupational physician or health service is known (yet).</b> Your answers marked confidential "
              "then go to no one: they are only in your personal copy. Load your employer's campaign file if you "
              "received one."},
    "intro.shared.local": {
        "nl": "<b>Op deze computer</b> blijven je concept, je persoonlijke kopie en alles wat je niet exporteert.",
        "en": "<b>On this computer</b> stay your draft, your personal copy and everything you do not export."},
    # Items
    "item.yes": {"nl": "Ja", "en": "Yes"},
    "item.no": {"nl": "Nee", "en": "No"},
    "item.unanswered": {"nl": "—", "en": "—"},
    "item.help": {"nl": "Uitleg", "en": "Explanation"},
    "item.help.tip": {"nl": "Uitleg en norm tonen of verbergen", "en": "Show or hide explanation and norm"},
    "item.required": {"nl": "verplicht", "en": "required"},
    "item.other_country": {"nl": "Ander land (ISO-code)…", "en": "Other country (ISO code)…"},
    "item.country_code": {"nl": "Landcode, bijvoorbeeld PL", "en": "Country code, for example PL"},
    "item.source": {"nl": "bron", "en": "source"},
    "item.move_to_confidential": {"nl": "&Verplaats naar mijn vertrouwelijke opmerking",
                                  "en": "&Move to my confidential remark"},
    # Advice badges
    "badge.high": {"nl": "Actie nodig", "en": "Action needed"},
    "badge.medium": {"nl": "Aandachtspunt", "en": "Point of attention"},
    "badge.low": {"nl": "Tip", "en": "Tip"},
    "badge.ok": {"nl": "In orde", "en": "All right"},
    "badge.guidance": {"nl": "richtlijn", "en": "guidance"},
    # Photos
    "photo.heading": {"nl": "Foto's (niet verplicht)", "en": "Photos (optional)"},
    "photo.add": {"nl": "Foto &toevoegen…", "en": "&Add photo…"},
    "photo.drop": {"nl": "of sleep foto's hierheen", "en": "or drag photos here"},
    "photo.privacy": {"nl": "Houd mensen en persoonlijke spullen buiten beeld. Alle metadata (zoals locatie) "
                            "wordt verwijderd.",
                      "en": "Keep people and personal belongings out of the frame. All metadata (such as "
                            "location) is removed."},
    "photo.caption": {"nl": "Bijschrift", "en": "Caption"},
    "photo.expert_only": {"nl": "Alleen voor de bedrijfsarts", "en": "Occupational physician only"},
    "photo.remove": {"nl": "Verwijderen", "en": "Remove"},
    "photo.busy": {"nl": "Foto wordt verwerkt…", "en": "Processing photo…"},
    "photo.failed": {"nl": "{name}: {reason}", "en": "{name}: {reason}"},
    "photo.dialog": {"nl": "Foto kiezen", "en": "Choose photo"},
    "photo.filter": {"nl": "Foto's ({patterns})", "en": "Photos ({patterns})"},
    "photo.alt": {"nl": "Foto: {caption}", "en": "Photo: {caption}"},
    # Diagram
    "diagram.title": {"nl": "Zijaanzicht: jouw werkplek en de vuistregel voor jouw lengte",
                      "en": "Side view: your workplace and the rule of thumb for your height"},
    "diagram.legend": {"nl": "doorgetrokken: wat jij invulde · gestippeld: aanbevolen (richtlijn)",
                       "en": "solid: what you entered · dashed: recommended (guidance)"},
    # Review page
    "review.heading": {"nl": "Overzicht van je thuiswerkplek", "en": "Overview of your home workplace"},
    "review.none": {"nl": "Op wat je hebt ingevuld is niets aan te merken. Mooi!",
                    "en": "Nothing to remark on what you have answered. Well done!"},
    "review.group.high": {"nl": "Actie nodig", "en": "Action needed"},
    "review.group.medium": {"nl": "Aandachtspunten", "en": "Points of attention"},
    "review.group.low": {"nl": "Tips", "en": "Tips"},
    "review.plan.employer": {"nl": "Wat je werkgever regelt", "en": "What your employer arranges"},
    "review.plan.worker": {"nl": "Wat je zelf kunt doen", "en": "What you can do yourself"},
    "review.plan.both": {"nl": "Wat jullie samen afspreken", "en": "What you agree together"},
    "review.plan.empty": {"nl": "Niets.", "en": "Nothing."},
    "review.provision": {"nl": "arbovoorziening", "en": "arbo provision"},
    "review.shared.heading": {"nl": "Wat wordt gedeeld", "en": "What will be shared"},
    "review.shared.employer": {"nl": "Met je werkgever: {answers} over je werkplek, {findings}, {measures} en "
                                     "{photos}.",
                               "en": "With your employer: {answers} about your workplace, {findings}, {measures} "
                                     "and {photos}."},
    "review.shared.expert": {"nl": "Alleen met de bedrijfsarts of de arbodienst (versleuteld): {answers} met het "
                                   "label vertrouwelijk, {findings} daarover en {photos}.",
                             "en": "Only with the occupational physician or health service (encrypted): {answers} "
                                   "marked confidential, {findings} about them and {photos}."},
    "review.shared.personal": {"nl": "Er is geen bedrijfsarts of arbodienst bekend. Daarom gaan {answers} met het "
                                     "label vertrouwelijk, {findings} daarover en {photos} naar niemand: ze staan "
                                     "alleen in je persoonlijke kopie.",
                               "en": "No occupational physician or health service is known: {answers} marked "
                                     "confidential, {findings} about them and {photos} go to no one. They are only "
                                     "in your personal copy."},
    "review.empty": {"nl": "Je hebt nog niets ingevuld. Begin bij 'Over jou en je werk'.",
                     "en": "You have not answered anything yet. Start with 'About you and your work'."},
    "review.incomplete": {"nl": "Je bent nog niet klaar. Op wat je tot nu toe invulde, is niets aan te merken.",
                          "en": "You have not finished yet. Nothing to remark on what you have answered so far."},
    "review.warnings": {"nl": "Controleer deze antwoorden", "en": "Check these answers"},
    "review.top": {"nl": "Het belangrijkste per onderdeel", "en": "What matters most, per section"},
    "review.shared.local": {"nl": "Op deze computer blijft: je concept en je persoonlijke kopie.",
                            "en": "On this computer stays: your draft and your personal copy."},
    "review.missing": {"nl": "Nog niet ingevuld (verplicht): {items}", "en": "Not answered yet (required): {items}"},
    # Sign page
    "sign.heading": {"nl": "Ondertekenen en exporteren", "en": "Sign and export"},
    "sign.declaration": {"nl": "Ik verklaar dat ik deze vragenlijst naar waarheid heb ingevuld.",
                         "en": "I declare that I have answered this questionnaire truthfully."},
    "sign.name": {"nl": "&Je naam", "en": "Your na&me"},
    "sign.pad": {"nl": "Handtekening (niet verplicht): teken met muis of pen", "en":
                 "Signature (optional): draw with mouse or pen"},
    "sign.clear": {"nl": "Handtekening &wissen", "en": "C&lear signature"},
    "sign.export": {"nl": "&Ondertekend rapport maken…", "en": "&Create signed report…"},
    "sign.ready": {"nl": "Alles is klaar om te ondertekenen. Je krijgt twee bestanden: het ondertekende rapport "
                         "voor je werkgever en een persoonlijke kopie voor jezelf.",
                   "en": "Everything is ready to sign. You get two files: the signed report for your employer "
                         "and a personal copy for yourself."},
    "sign.need_declaration": {"nl": "Vink de verklaring aan en vul je naam in om te ondertekenen.",
                              "en": "Tick the declaration and fill in your name to sign."},
    "sign.save_as": {"nl": "Ondertekend rapport opslaan", "en": "Save signed report"},
    "sign.file_name": {"nl": "RIE-bijdrage-thuiswerkplek-{date}.pdf", "en": "RIE-contribution-home-workplace-{date}.pdf"},
    "sign.personal_suffix": {"nl": "-persoonlijk-niet-delen", "en": "-personal-do-not-share"},
    "sign.busy": {"nl": "Rapport maken, ondertekenen en controleren…", "en": "Creating, signing and checking the report…"},
    "sign.step.photos": {"nl": "Foto's klaarmaken voor het rapport…", "en": "Preparing photos for the report…"},
    "sign.step.pdf": {"nl": "Rapport opmaken…", "en": "Laying out the report…"},
    "sign.step.sign": {"nl": "Ondertekenen…", "en": "Signing…"},
    "sign.step.verify": {"nl": "Handtekening controleren…", "en": "Checking the signature…"},
    "sign.step.personal": {"nl": "Persoonlijke kopie maken…", "en": "Making your personal copy…"},
    "sign.step.done": {"nl": "Klaar.", "en": "Done."},
    "sign.done.title": {"nl": "Rapport klaar", "en": "Report ready"},
    "sign.done": {"nl": "Je ondertekende rapport is gemaakt en gecontroleerd.\n\nVoor je werkgever:\n{signed}\n\n"
                        "Alleen voor jezelf (niet delen):\n{personal}",
                  "en": "Your signed report has been created and checked.\n\nFor your employer:\n{signed}\n\n"
                        "Only for yourself (do not share):\n{personal}"},
    "sign.open_folder": {"nl": "&Map openen", "en": "&Open folder"},
    "sign.failed": {"nl": "Het rapport is niet gemaakt: {reason}", "en": "The report was not made: {reason}"},
    "sign.last": {"nl": "Laatst geëxporteerd: {path} (versie {revision})", "en": "Last exported: {path} (version {revision})"},
    "campaign.heading": {"nl": "Campagne van je werkgever (als je die hebt gekregen)",
                         "en": "Your employer's campaign (if you received one)"},
    "campaign.none": {"nl": "Heb je van je werkgever een campagnebestand en een aanmeldcode gekregen? Laad het "
                            "bestand dan hier. Zonder campagne kun je de check ook doen; je werkgever ziet je "
                            "rapport dan als 'niet aangemeld'.",
                      "en": "Did your employer give you a campaign file and an enrolment code? Load the file here. "
                            "You can also do the check without a campaign; your employer then sees your report as "
                            "'not enrolled'."},
    "campaign.load": {"nl": "&Campagnebestand laden…", "en": "Load &campaign file…"},
    "campaign.filter": {"nl": "Campagnebestanden (*.json)", "en": "Campaign files (*.json)"},
    "campaign.loaded": {"nl": "<b>{organisation}</b> — campagne {campaign} (inleveren vóór {deadline}).<br>"
                              "Sleutel van je werkgever: {employer}<br>{expert}",
                        "en": "<b>{organisation}</b> — campaign {campaign} (hand in before {deadline}).<br>"
                              "Your employer's key: {employer}<br>{expert}"},
    "campaign.expert": {"nl": "Je vertrouwelijke antwoorden worden versleuteld voor de bedrijfsarts of arbodienst "
                              "(sleutel {fp}).",
                        "en": "Your confidential answers are encrypted for the occupational physician or health "
                              "service (key {fp})."},
    "campaign.no_expert": {"nl": "Deze campagne noemt geen bedrijfsarts of arbodienst: je vertrouwelijke antwoorden blijven alleen "
                                 "in je persoonlijke kopie.",
                           "en": "This campaign names no occupational physician or health service: your confidential answers stay only in your "
                                 "personal copy."},
    "campaign.employee_id": {"nl": "&Personeelsnummer", "en": "&Employee number"},
    "campaign.code": {"nl": "&Aanmeldcode", "en": "E&nrolment code"},
    "campaign.bad_employee_id": {"nl": "Dit personeelsnummer kan niet worden gebruikt: {reason}. Typ het over zoals "
                                       "je werkgever het gaf.",
                                 "en": "This employee number cannot be used: {reason}. Type it as your employer "
                                       "gave it."},
    "campaign.employee_id_as": {"nl": "Wordt ingeleverd als {id}.", "en": "Handed in as {id}."},
    "campaign.remove": {"nl": "Campagne &verwijderen", "en": "&Remove campaign"},
    "campaign.error": {"nl": "Dit campagnebestand kan niet worden gebruikt: {reason}",
                       "en": "This campaign file cannot be used: {reason}"},
    "sign.missing": {"nl": "Je kunt pas ondertekenen als alle verplichte vragen zijn ingevuld.",
                     "en": "You can sign once all required questions are answered."},
    "sign.blocked": {"nl": "Je kunt pas ondertekenen als je deze antwoorden hebt aangepast: {items}",
                     "en": "You can sign once you have corrected these answers: {items}"},
    # The expert's window
    "expert.title": {"nl": "arbocheck — arbodeskundige", "en": "arbocheck — arbo expert"},
    "expert.open_files": {"nl": "&Rapporten openen…", "en": "&Open reports…"},
    "expert.open_folder": {"nl": "&Map openen…", "en": "Open &folder…"},
    "expert.all_priorities": {"nl": "Alle prioriteiten", "en": "All priorities"},
    "expert.all_topics": {"nl": "Alle onderwerpen", "en": "All topics"},
    "expert.all_statuses": {"nl": "Alle statussen", "en": "All statuses"},
    "expert.open": {"nl": "Nog open", "en": "Still open"},
    "expert.search": {"nl": "Zoek op naam of personeelsnummer", "en": "Search by name or employee number"},
    "expert.identity": {"nl": "Jouw sleutel: {fp}", "en": "Your key: {fp}"},
    "expert.queue": {"nl": "Punten om te beoordelen", "en": "Points to review"},
    "expert.col.priority": {"nl": "Prioriteit", "en": "Priority"},
    "expert.col.worker": {"nl": "Medewerker", "en": "Employee"},
    "expert.col.topic": {"nl": "Onderwerp", "en": "Topic"},
    "expert.col.item": {"nl": "Punt", "en": "Point"},
    "expert.col.status": {"nl": "Status", "en": "Status"},
    "expert.health": {"nl": "gezondheid", "en": "health"},
    "expert.status": {"nl": "Status", "en": "Status"},
    "expert.advice": {"nl": "Advies", "en": "Advice"},
    "expert.record": {"nl": "&Vastleggen", "en": "&Record"},
    "expert.employer_measures": {"nl": "Maatregelen voor de werkgever", "en": "Measures for the employer"},
    "expert.employer_measures.tip": {
        "nl": "Wat de werkgever voor dit vertrouwelijke punt moet regelen. De werkgever krijgt alleen deze "
              "maatregelen, niet het punt of de reden.",
        "en": "What the employer must arrange for this confidential point. The employer receives only these "
              "measures, not the point or its reason."},
    "expert.recorded": {"nl": "Vastgelegd in het beoordelingslogboek.", "en": "Recorded in the review trail."},
    "expert.name": {"nl": "Je naam", "en": "Your name"},
    "expert.need_name": {"nl": "Vul je naam in om het advies te ondertekenen.", "en": "Fill in your name to sign the advice."},
    "expert.make_report": {"nl": "&Adviesrapport maken…", "en": "Make &advice report…"},
    "expert.making": {"nl": "Adviesrapporten maken en ondertekenen…", "en": "Creating and signing the advice reports…"},
    "expert.made": {"nl": "Klaar. Voor de medewerker: {worker}. Voor de werkgever (zonder gezondheidsgegevens): {employer}",
                    "en": "Done. For the employee: {worker}. For the employer (without health data): {employer}"},
    "expert.opening": {"nl": "{n} bestanden openen en controleren…", "en": "Opening and checking {n} files…"},
    "expert.opened": {"nl": "{ok} van {total} rapporten geaccepteerd.", "en": "{ok} of {total} reports accepted."},
    "expert.other_expert": {"nl": "Het vertrouwelijke deel is voor een andere arbodeskundige verzegeld: {files}",
                            "en": "The confidential part is sealed for another arbo expert: {files}"},
    "expert.rejected": {"nl": "Geweigerd — {line}", "en": "Rejected — {line}"},
    "expert.answers": {"nl": "Antwoorden en waarden", "en": "Answers and values"},
    "expert.remarks": {"nl": "Vertrouwelijke opmerking van de medewerker", "en": "The employee's confidential remark"},
    "expert.remarks_employer": {"nl": "Opmerking van de medewerker voor de werkgever",
                                "en": "The employee's remark for the employer"},
    "expert.history": {"nl": "Eerder vastgelegd", "en": "Recorded before"},
    "expert.zoom": {"nl": "Zoom", "en": "Zoom"},
    "expert.locked": {"nl": "Je sleutel als arbodeskundige kan niet worden geopend: {reason}",
                      "en": "Your arbo expert key cannot be opened: {reason}"},
    # Errors
    "error.title": {"nl": "Er ging iets mis", "en": "Something went wrong"},
    # Protecting the employer's and the expert's key (key_dialogs.py)
    "keys.title.employer": {"nl": "arbocheck — sleutel van de werkgever", "en": "arbocheck — the employer's key"},
    "keys.title.expert": {"nl": "arbocheck — sleutel van de arbodeskundige", "en": "arbocheck — the arbo expert's key"},
    "keys.what.employer": {"nl": "de sleutel waarmee je campagnes en het register ondertekent",
                           "en": "the key that signs your campaigns and the register"},
    "keys.what.expert": {"nl": "de sleutel die de gezondheidsgegevens in de rapporten opent",
                         "en": "the key that opens the health data in the reports"},
    "keys.new_intro": {"nl": "arbocheck maakt nu {what}. Kies hoe die beschermd wordt. Wie de sleutel heeft, kan "
                             "wat ermee beschermd is openen of ondertekenen; onbeschermd bewaren kan niet.",
                       "en": "arbocheck now makes {what}. Choose how it is protected. Whoever has the key can open "
                             "or sign what it protects; keeping it unprotected is not an option."},
    "keys.clear_intro": {"nl": "{what} staat nog onbeschermd op deze computer (gemaakt door een oudere arbocheck). "
                               "Bescherm hem nu.",
                         "en": "{what} is still stored unprotected on this computer (made by an older arbocheck). "
                               "Protect it now."},
    "keys.use_passphrase": {"nl": "Met een &wachtwoordzin die je bij het openen intypt",
                            "en": "With a &passphrase you type when opening"},
    "keys.use_keyring": {"nl": "In de &sleutelbos van het systeem (Windows-referentiebeheer, macOS-sleutelhanger, "
                               "Linux Secret Service)",
                         "en": "In the system &keyring (Windows Credential Locker, macOS Keychain, Linux Secret "
                               "Service)"},
    "keys.no_keyring": {"nl": "Deze computer heeft geen sleutelbos die arbocheck kan gebruiken: kies een wachtwoordzin.",
                        "en": "This computer has no keyring arbocheck can use: choose a passphrase."},
    "keys.passphrase": {"nl": "&Jouw wachtwoordzin", "en": "&Your passphrase"},
    "keys.passphrase_again": {"nl": "&Herhaal hem", "en": "&Repeat it"},
    "keys.protect": {"nl": "Beschermen", "en": "Protect"},
    "keys.later": {"nl": "Later", "en": "Later"},
    "keys.cancel": {"nl": "Annuleren", "en": "Cancel"},
    "keys.choose_one": {"nl": "Kies een van de twee manieren.", "en": "Choose one of the two ways."},
    "keys.enter": {"nl": "Typ de wachtwoordzin van {what}.", "en": "Type the passphrase of {what}."},
    "keys.failed": {"nl": "{what} kan niet worden geopend: {reason}", "en": "{what} cannot be opened: {reason}"},
}

UI.update(EMPLOYER)


def count(n: int, noun: str, lang: str) -> str:
    """'1 foto', '3 foto's' (core.i18n.count)."""
    return i18n.count(n, noun, lang)


def tr(key: str, lang: str, **kw: object) -> str:
    table = UI.get(key) or i18n.TEXTS[key]
    text = table.get(lang) or table["nl"]
    return text.format(**kw) if kw else text
