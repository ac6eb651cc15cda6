"""Every word of the employer's window, in Dutch and English (merged into texts.UI)."""

EMPLOYER: dict[str, dict[str, str]] = {
    "emp.title": {"nl": "arbocheck — werkgever", "en": "arbocheck — employer"},
    "emp.register_failed": {"nl": "Het register kan niet worden geopend: {reason}",
                            "en": "The register cannot be opened: {reason}"},
    "emp.register": {"nl": "Register: {where}", "en": "Register: {where}"},
    "emp.key": {"nl": "Sleutel van de werkgever: {fp}", "en": "Employer's key: {fp}"},
    "emp.key.none": {"nl": "De sleutel van de werkgever wordt gemaakt bij de eerste campagne.",
                     "en": "The employer's key is created with the first campaign."},
    "emp.all_campaigns": {"nl": "Alle campagnen", "en": "All campaigns"},
    "emp.campaign_filter": {"nl": "Ca&mpagne", "en": "Ca&mpaign"},
    "emp.refresh": {"nl": "Ver&nieuwen", "en": "&Refresh"},
    "emp.loading": {"nl": "Het overzicht wordt bijgewerkt…", "en": "Updating the overview…"},
    "emp.summary": {"nl": "{handed_in} van {expected} medewerkers hebben ingeleverd · {open} maatregelen nog te regelen",
                    "en": "{handed_in} of {expected} employees have handed in · {open} measures still to arrange"},
    "emp.summary.open": {"nl": "{handed_in} rapporten ingeleverd · {open} maatregelen nog te regelen",
                         "en": "{handed_in} reports handed in · {open} measures still to arrange"},
    "emp.no_health": {"nl": "Dit register bevat geen gezondheidsgegevens: die zijn alleen voor de bedrijfsarts of arbodienst.",
                      "en": "This register holds no health data: that is for the occupational physician or health service only."},
    # Tabs
    "emp.tab.campaign": {"nl": "&1 Campagne", "en": "&1 Campaign"},
    "emp.tab.import": {"nl": "&2 Rapporten inlezen", "en": "&2 Import reports"},
    "emp.tab.employees": {"nl": "&3 Medewerkers", "en": "&3 Employees"},
    "emp.tab.provisions": {"nl": "&4 Te regelen", "en": "&4 To arrange"},
    "emp.tab.topics": {"nl": "&5 RI&&E-overzicht", "en": "&5 RI&&E roll-up"},
    # Campaign tab
    "camp.heading": {"nl": "Een campagne opzetten", "en": "Set up a campaign"},
    "camp.lead": {
        "nl": "Een campagne is de uitnodiging aan je medewerkers om hun thuiswerkplek te controleren. Je krijgt "
              "één campagnebestand voor iedereen en een lijst met een persoonlijke aanmeldcode per medewerker. "
              "Met die code kun je straks zien dat een rapport echt van die medewerker komt.",
        "en": "A campaign invites your employees to check their home workplace. You get one campaign file for "
              "everyone and a list with a personal enrolment code per employee. With that code you can later "
              "tell that a report really comes from that employee."},
    "camp.organisation": {"nl": "&Organisatie", "en": "&Organisation"},
    "camp.id": {"nl": "Campagne-&id", "en": "Campaign &id"},
    "camp.id.help": {"nl": "Letters, cijfers, punt, streepje of liggend streepje, bijvoorbeeld thuiswerk-2026.",
                     "en": "Letters, digits, dot, dash or underscore, for example homework-2026."},
    "camp.deadline": {"nl": "Inl&everen vóór", "en": "&Hand in by"},
    "camp.questionnaire": {"nl": "&Vragenlijst", "en": "&Questionnaire"},
    "camp.expert": {"nl": "&Sleutel bedrijfsarts of arbodienst", "en": "Occupational health &key"},
    "camp.expert.placeholder": {"nl": "age1… (van je bedrijfsarts of arbodienst)",
                                "en": "age1… (from your occupational physician or health service)"},
    "camp.expert.ok": {"nl": "Vingerafdruk: {fp}. Vraag je bedrijfsarts of arbodienst of die klopt.",
                       "en": "Fingerprint: {fp}. Ask your occupational health service to confirm it."},
    "camp.expert.none": {
        "nl": "Zonder bedrijfsarts of arbodienst gaan de antwoorden over gezondheid en werkdruk niet mee: ze blijven in de "
              "persoonlijke kopie van de medewerker.",
        "en": "Without an occupational health service, the answers about health and workload are not sent: they stay in the "
              "employee's personal copy."},
    "camp.expert.bad": {"nl": "Dit is geen geldige sleutel. Een sleutel begint met age1.",
                        "en": "This is not a valid key. A key starts with age1."},
    "camp.employees": {"nl": "Medewerkers&lijst…", "en": "Employee &list…"},
    "camp.employees.help": {
        "nl": "Een CSV-bestand met de kolom employee_id (het personeelsnummer) en eventueel name, bijvoorbeeld "
              "uit je personeelssysteem.",
        "en": "A CSV file with the column employee_id (the employee number) and optionally name, for example "
              "from your HR system."},
    "camp.employees.none": {"nl": "Nog geen lijst gekozen.", "en": "No list chosen yet."},
    "camp.employees.read": {"nl": "{n} medewerkers in {file}", "en": "{n} employees in {file}"},
    "camp.employees.bad": {"nl": "Deze lijst kan niet worden gebruikt: {reason}",
                           "en": "This list cannot be used: {reason}"},
    "camp.create": {"nl": "Campagne m&aken…", "en": "&Create campaign…"},
    "camp.missing": {"nl": "Vul eerst nog in: {what}", "en": "Please fill in first: {what}"},
    "camp.folder": {"nl": "Waar moeten het campagnebestand en de aanmeldcodes komen?",
                    "en": "Where should the campaign file and the enrolment codes go?"},
    "camp.failed": {"nl": "De campagne is niet gemaakt: {reason}", "en": "The campaign was not made: {reason}"},
    "camp.done": {
        "nl": "<b>De campagne staat klaar.</b><br>Stuur <b>{campaign}</b> naar alle medewerkers.<br>Geef iedere "
              "medewerker zijn eigen code uit <b>{codes}</b> via een ander kanaal, bijvoorbeeld per brief of in "
              "een persoonlijk gesprek, niet in dezelfde e-mail als het campagnebestand.",
        "en": "<b>The campaign is ready.</b><br>Send <b>{campaign}</b> to all employees.<br>Give each employee "
              "their own code from <b>{codes}</b> through another channel, for example by letter or in person, "
              "not in the same e-mail as the campaign file."},
    "camp.open_folder": {"nl": "Map o&penen", "en": "Open &folder"},
    "camp.list": {"nl": "Campagnes in dit register", "en": "Campaigns in this register"},
    "camp.list.none": {"nl": "Nog geen campagnes. Zonder campagne kun je ook rapporten inlezen; ze tellen dan als "
                             "niet aangemeld.",
                       "en": "No campaigns yet. You can import reports without one too; they count as not "
                             "enrolled."},
    "camp.col.id": {"nl": "Campagne", "en": "Campaign"},
    "camp.col.organisation": {"nl": "Organisatie", "en": "Organisation"},
    "camp.col.deadline": {"nl": "Inleveren vóór", "en": "Hand in by"},
    "camp.col.employees": {"nl": "Medewerkers", "en": "Employees"},
    "camp.col.expert": {"nl": "Bedrijfsarts/arbodienst", "en": "Occupational health"},
    "camp.no_expert": {"nl": "geen", "en": "none"},
    # Import tab
    "imp.heading": {"nl": "Rapporten inlezen", "en": "Import reports"},
    "imp.lead": {
        "nl": "Elk bestand wordt eerst gecontroleerd: de handtekening, dat er na het ondertekenen niets is "
              "veranderd, de aanmeldcode en of het rapport al eerder is ingeleverd. Alleen goedgekeurde rapporten "
              "komen in het register.",
        "en": "Every file is checked first: the signature, that nothing changed after signing, the enrolment "
              "code and whether the report was handed in before. Only approved reports go into the register."},
    "imp.drop": {"nl": "Sleep rapporten of een map hierheen", "en": "Drag reports or a folder here"},
    "imp.files": {"nl": "&Bestanden kiezen…", "en": "Choose &files…"},
    "imp.folder": {"nl": "Ma&p kiezen…", "en": "Choose f&older…"},
    "imp.busy": {"nl": "Bezig met {n} bestanden…", "en": "Working on {n} files…"},
    "imp.done": {"nl": "Klaar: {ok} geaccepteerd, {bad} geweigerd.", "en": "Done: {ok} accepted, {bad} rejected."},
    "imp.nothing": {"nl": "Er zijn geen bestanden gevonden.", "en": "No files were found."},
    "imp.failed": {"nl": "Het inlezen is gestopt: {reason}", "en": "The import stopped: {reason}"},
    "imp.results": {"nl": "Resultaat per bestand", "en": "Result per file"},
    # Employees tab
    "emps.filter": {"nl": "&Toon", "en": "&Show"},
    "emps.all": {"nl": "Iedereen", "en": "Everyone"},
    "emps.not_yet": {"nl": "Nog niet ingeleverd", "en": "Not handed in yet"},
    "emps.handed_in": {"nl": "Ingeleverd", "en": "Handed in"},
    "emps.tofu": {"nl": "Ingeleverd zonder aanmeldcode", "en": "Handed in without enrolment code"},
    "emps.high": {"nl": "Met een hoge prioriteit", "en": "With a high priority"},
    "emps.search": {"nl": "Zoek op personeelsnummer of naam", "en": "Search by employee number or name"},
    "emps.col.id": {"nl": "Personeelsnummer", "en": "Employee number"},
    "emps.col.name": {"nl": "Naam", "en": "Name"},
    "emps.col.status": {"nl": "Status", "en": "Status"},
    "emps.col.enrolment": {"nl": "Aanmelding", "en": "Enrolment"},
    "emps.col.high": {"nl": "Hoog", "en": "High"},
    "emps.col.medium": {"nl": "Midden", "en": "Medium"},
    "emps.col.low": {"nl": "Laag", "en": "Low"},
    "emps.col.last": {"nl": "Laatste rapport", "en": "Last report"},
    "emps.status.handed_in": {"nl": "ingeleverd", "en": "handed in"},
    "emps.status.not_yet": {"nl": "nog niet", "en": "not yet"},
    "emps.enrolment.enrolled": {"nl": "met code", "en": "with code"},
    "emps.enrolment.tofu": {"nl": "zonder code (TOFU)", "en": "without code (TOFU)"},
    "emps.shown": {"nl": "{n} van {total} medewerkers getoond", "en": "{n} of {total} employees shown"},
    # Provisions tab
    "prov.lead": {
        "nl": "Wat de werkgever volgens de rapporten moet regelen, per medewerker, en wat hij moet leveren. Markeer "
              "een maatregel als geregeld zodra die er is; dat wordt vastgelegd, niet overschreven.",
        "en": "What the employer must arrange according to the reports, per employee, and what it must supply. Mark "
              "a measure as arranged once it is in place; that is recorded, never overwritten."},
    "prov.only_open": {"nl": "Alleen wat nog &open staat", "en": "Only what is still &open"},
    "prov.only_provisions": {"nl": "Alleen wat de werkgever le&vert", "en": "Only what the employer su&pplies"},
    "prov.search": {"nl": "Zoek op medewerker of maatregel", "en": "Search by employee or measure"},
    "prov.done": {"nl": "Markeren als &geregeld", "en": "Mark as &arranged"},
    "prov.col.employee": {"nl": "Medewerker", "en": "Employee"},
    "prov.col.measure": {"nl": "Maatregel", "en": "Measure"},
    "prov.col.priority": {"nl": "Prioriteit", "en": "Priority"},
    "prov.col.term": {"nl": "Termijn", "en": "Term"},
    "prov.col.provision": {"nl": "Te leveren", "en": "To supply"},
    "prov.col.done": {"nl": "Geregeld", "en": "Arranged"},
    "prov.yes": {"nl": "ja", "en": "yes"},
    "prov.no": {"nl": "nee", "en": "no"},
    "prov.shown": {"nl": "{n} maatregelen getoond", "en": "{n} measures shown"},
    "prov.marked": {"nl": "Vastgelegd: {measure} voor {employee} is geregeld.",
                    "en": "Recorded: {measure} for {employee} is arranged."},
    "prov.totals": {"nl": "Te bestellen", "en": "To order"},
    # Topics tab (RI&E roll-up)
    "top.heading": {"nl": "Bevindingen per onderwerp", "en": "Findings per topic"},
    "top.lead": {
        "nl": "Hoeveel medewerkers per onderwerp een aandachtspunt hebben, voor de RI&E en het plan van aanpak. "
              "Groepen van minder dan {n} personen worden niet getoond, zodat niemand herkenbaar is.",
        "en": "How many employees have a point of attention per topic, for the RI&E and the action plan. Groups "
              "of fewer than {n} people are not shown, so that nobody can be recognised."},
    "top.suppressed_all": {"nl": "Er zijn nog minder dan {n} rapporten: het overzicht wordt pas getoond vanaf {n}.",
                           "en": "There are fewer than {n} reports so far: the roll-up is shown from {n} onwards."},
    "top.bar": {"nl": "{n} van {total}", "en": "{n} of {total}"},
    "top.bar.detail": {"nl": "hoog {high} · midden {medium} · laag {low}", "en": "high {high} · medium {medium} · low {low}"},
    "top.hidden": {"nl": "minder dan {n}: niet getoond", "en": "fewer than {n}: not shown"},
    "top.export_xlsx": {"nl": "Actielijst opslaan (&Excel)…", "en": "Save action list (&Excel)…"},
    "top.export_csv": {"nl": "Actielijst opslaan (&CSV)…", "en": "Save action list (&CSV)…"},
    "top.summary_pdf": {"nl": "RI&&E-overzicht &ondertekenen (PDF)…", "en": "&Sign RI&&E roll-up (PDF)…"},
    "top.organisation": {"nl": "Organisatie voor het overzicht", "en": "Organisation for the roll-up"},
    "top.need_organisation": {"nl": "Vul de naam van de organisatie in (of maak eerst een campagne).",
                              "en": "Fill in the organisation's name (or create a campaign first)."},
    "top.saving": {"nl": "Bezig met opslaan…", "en": "Saving…"},
    "top.saved": {"nl": "Opgeslagen: {path}", "en": "Saved: {path}"},
    "top.failed": {"nl": "Niet opgeslagen: {reason}", "en": "Not saved: {reason}"},
    "top.actions_name": {"nl": "actielijst", "en": "action-list"},
    "top.summary_name": {"nl": "rie-overzicht", "en": "rie-roll-up"},
}
