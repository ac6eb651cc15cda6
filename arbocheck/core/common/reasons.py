"""Why a file or an action was refused, in plain Dutch and English.

A refusal carries a key and its values, not a finished sentence, so the same
reason reads in the user's language in the GUI, and in English (or --lang) on
the command line. `str(refusal)` is the English text.
"""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    # Reading and verifying a signed PDF (core/verify.py)
    "file_too_large": {"nl": "het bestand is groter dan {mb} MB", "en": "the file is larger than {mb} MB"},
    "not_pdf": {"nl": "dit is geen PDF-bestand", "en": "this is not a PDF file"},
    "pdf_unreadable": {"nl": "de PDF kan niet worden gelezen ({kind})", "en": "the PDF cannot be read ({kind})"},
    "no_signature": {"nl": "het rapport is niet ondertekend", "en": "the report has no signature"},
    "many_signatures": {"nl": "het rapport heeft {n} handtekeningen in plaats van één",
                        "en": "the report has {n} signatures, not one"},
    "signature_unreadable": {"nl": "de handtekening kan niet worden gecontroleerd ({kind})",
                             "en": "the signature cannot be checked ({kind})"},
    "content_changed": {"nl": "de ondertekende inhoud is na het ondertekenen gewijzigd",
                        "en": "the signed content was changed after signing"},
    "signature_invalid": {"nl": "de handtekening is niet geldig", "en": "the signature is not valid"},
    "signed_by_other_key": {
        "nl": "het rapport is ondertekend met een andere sleutel dan de sleutel die van deze medewerker bekend is",
        "en": "the report is signed with a different key than the one on record for this employee"},
    "certificate_unusable": {
        "nl": "het certificaat van de ondertekenaar is niet bruikbaar (verlopen of niet geldig om mee te ondertekenen)",
        "en": "the signing certificate is not usable (expired or not valid for signing)"},
    "extended_after_signing": {"nl": "het bestand is na het ondertekenen gewijzigd of aangevuld",
                               "en": "the file was changed or extended after signing"},
    "changed_after_signing": {"nl": "het bestand is na het ondertekenen gewijzigd",
                              "en": "the file was changed after signing"},
    "no_assessment": {"nl": "het rapport bevat geen assessment.json", "en": "the report has no assessment.json"},
    "two_kinds": {"nl": "het rapport bevat twee soorten gegevens", "en": "the report holds two kinds of data"},
    "bad_json": {"nl": "{name} is geen geldige JSON", "en": "{name} is not valid JSON"},
    "not_arbocheck": {"nl": "{name} is geen arbocheck-{kind}", "en": "{name} is not an arbocheck {kind}"},
    "named_key_differs": {"nl": "de sleutel die in het rapport staat, is niet de sleutel waarmee het is ondertekend",
                          "en": "the key named in the report is not the key that signed it"},
    "attachments_structure": {"nl": "de bijlagen zijn op een onverwachte manier opgebouwd",
                              "en": "unexpected structure of the embedded files"},
    "attachments_unreadable": {"nl": "de bijlagen kunnen niet worden gelezen",
                               "en": "the embedded files cannot be read"},
    "attachment_unexpected": {"nl": "onverwachte bijlage {name}", "en": "unexpected attachment {name}"},
    "attachment_twice": {"nl": "bijlage {name} komt twee keer voor", "en": "attachment {name} appears twice"},
    "attachment_damaged": {"nl": "bijlage {name} is beschadigd", "en": "attachment {name} is damaged"},
    "attachment_too_large": {"nl": "bijlage {name} is groter dan toegestaan",
                             "en": "attachment {name} is larger than allowed"},
    "attachment_encoding": {"nl": "bijlage {name} gebruikt een onverwachte codering",
                            "en": "attachment {name} uses an unexpected encoding"},
    # assessment.json against its model (core/assessment_model.py)
    "assessment.too_large": {"nl": "{name} is groter dan {kb} KB", "en": "{name} is larger than {kb} KB"},
    "assessment.too_deep": {"nl": "{name} is dieper genest dan {n} niveaus",
                            "en": "{name} is nested deeper than {n} levels"},
    "assessment.field": {"nl": "{name}: het veld {field} {problem}", "en": "{name}: the field {field} {problem}"},
    "assessment.problem.missing": {"nl": "ontbreekt", "en": "is missing"},
    "assessment.problem.extra": {"nl": "hoort er niet in", "en": "does not belong there"},
    "assessment.problem.type": {"nl": "heeft het verkeerde type", "en": "has the wrong type"},
    "assessment.problem.too_long": {"nl": "is te lang", "en": "is too long"},
    "assessment.problem.too_short": {"nl": "is te kort of leeg", "en": "is too short or empty"},
    "assessment.problem.too_many": {"nl": "heeft te veel elementen", "en": "has too many elements"},
    "assessment.problem.range": {"nl": "valt buiten het toegestane bereik", "en": "is out of range"},
    "assessment.problem.value": {"nl": "heeft een waarde die niet is toegestaan",
                                 "en": "has a value that is not allowed"},
    # The report's claims against the questionnaire (core/claims.py)
    "questionnaire_differs": {
        "nl": "het rapport is gemaakt met een andere tekst van vragenlijst {id} {version} dan die van dit programma",
        "en": "the report was made with another text of questionnaire {id} {version} than this program's"},
    "health_in_employer_part": {"nl": "het deel voor de werkgever bevat antwoorden die gezondheidsgegevens zijn",
                                "en": "the employer's part holds answers that are health data"},
    "answer_invalid": {"nl": "het antwoord op {item} past niet bij de vragenlijst",
                       "en": "the answer to {item} does not fit the questionnaire"},
    "claims_differ": {"nl": "wat het rapport zegt over {part} volgt niet uit de antwoorden ({detail})",
                      "en": "what the report says about {part} does not follow from its answers ({detail})"},
    "claims.part.answers": {"nl": "de antwoorden", "en": "the answers"},
    "claims.part.profile": {"nl": "het profiel", "en": "the profile"},
    "claims.part.derived": {"nl": "de berekende waarden", "en": "the computed values"},
    "claims.part.counts": {"nl": "het aantal bevindingen", "en": "the number of findings"},
    "claims.part.findings": {"nl": "de bevindingen", "en": "the findings"},
    "claims.part.action_plan": {"nl": "het plan van aanpak", "en": "the action plan"},
    "claims.extra": {"nl": "{what} staat erin maar volgt niet uit de antwoorden",
                     "en": "{what} is there but does not follow from the answers"},
    "claims.missing": {"nl": "{what} volgt uit de antwoorden maar ontbreekt",
                       "en": "{what} follows from the answers but is missing"},
    "claims.changed": {"nl": "{what} is anders dan de antwoorden en de vragenlijst opleveren",
                       "en": "{what} is not what the answers and the questionnaire give"},
    "claims.order": {"nl": "de volgorde is anders", "en": "the order differs"},
    # The PDF's structure and its signature container (core/pdf_structure.py)
    "pdf_structure": {"nl": "de PDF is niet opgebouwd zoals arbocheck hem schrijft: {what}",
                      "en": "the PDF is not built the way arbocheck writes it: {what}"},
    "pdf.revisions": {"nl": "{n} versies in plaats van 2", "en": "{n} revisions instead of 2"},
    "pdf.encrypted": {"nl": "hij is versleuteld", "en": "it is encrypted"},
    "pdf.too_many_objects": {"nl": "meer dan {n} objecten", "en": "more than {n} objects"},
    "pdf.too_many_elements": {"nl": "meer dan {n} waarden in zijn objecten", "en": "more than {n} values in its objects"},
    "pdf.too_deep": {"nl": "objecten dieper genest dan {n} niveaus", "en": "objects nested deeper than {n} levels"},
    "pdf.object_unreadable": {"nl": "object {ref} kan niet worden gelezen", "en": "object {ref} cannot be read"},
    "pdf.javascript": {"nl": "hij bevat JavaScript", "en": "it contains JavaScript"},
    "pdf.action": {"nl": "hij bevat een actie ({name})", "en": "it contains an action ({name})"},
    "pdf.key": {"nl": "hij bevat {name}", "en": "it contains {name}"},
    "pdf.annotation": {"nl": "hij bevat een annotatie van het type {name}", "en": "it has an annotation of type {name}"},
    "pdf.associated_files": {"nl": "hij heeft bijbehorende bestanden (/AF)", "en": "it has associated files (/AF)"},
    "pdf.embedded_file": {"nl": "hij bevat een ingesloten bestand dat arbocheck niet schrijft",
                          "en": "it holds an embedded file that arbocheck does not write"},
    "pdf.names": {"nl": "hij heeft een naamlijst {name}", "en": "it has a name tree {name}"},
    "pdf.form_fields": {"nl": "hij heeft formuliervelden naast de handtekening",
                        "en": "it has form fields besides the signature"},
    "pdf.too_many_pages": {"nl": "meer dan {n} pagina's", "en": "more than {n} pages"},
    "pdf.image_too_large": {"nl": "een afbeelding groter dan {px} beeldpunten",
                            "en": "an image larger than {px} pixels"},
    "pdf.image_damaged": {"nl": "een afbeelding die niet klopt met haar eigen afmetingen",
                          "en": "an image that does not match its own dimensions"},
    "pdf.inline_image": {"nl": "een afbeelding in de paginatekst", "en": "an image inside a page's content"},
    "pdf.stream_too_large": {"nl": "een gegevensstroom groter dan {mb} MB na uitpakken",
                             "en": "a stream larger than {mb} MB when unpacked"},
    "pdf.streams_too_large": {"nl": "samen meer dan {mb} MB aan gegevensstromen na uitpakken",
                              "en": "more than {mb} MB of streams in all when unpacked"},
    "pdf.stream_damaged": {"nl": "een gegevensstroom die niet kan worden uitgepakt",
                           "en": "a stream that cannot be unpacked"},
    "pdf.filter": {"nl": "een gegevensstroom met een codering die arbocheck niet gebruikt ({name})",
                   "en": "a stream in a coding arbocheck does not use ({name})"},
    "signature_form": {"nl": "de handtekening is niet opgebouwd zoals arbocheck haar schrijft: {what}",
                       "en": "the signature is not built the way arbocheck writes it: {what}"},
    "cms.size": {"nl": "de handtekening is te groot", "en": "the signature is too large"},
    "cms.padding": {"nl": "er staan gegevens in de opvulruimte na de handtekening",
                    "en": "there is data in the padding after the signature"},
    "cms.encoding": {"nl": "de handtekening is niet eenduidig gecodeerd (DER)",
                     "en": "the signature is not in its one exact encoding (DER)"},
    "cms.certificates": {"nl": "er zit een ander aantal certificaten in dan het ene van de ondertekenaar",
                         "en": "it holds other certificates than the signer's one"},
    "cms.crls": {"nl": "er zitten intrekkingslijsten in", "en": "it holds revocation lists"},
    "cms.algorithms": {"nl": "er worden andere algoritmen gebruikt dan ECDSA P-256 met SHA-256",
                       "en": "it uses other algorithms than ECDSA P-256 with SHA-256"},
    "cms.signers": {"nl": "er is niet precies één ondertekenaar", "en": "there is not exactly one signer"},
    "cms.attributes": {"nl": "de ondertekende eigenschappen zijn anders", "en": "the signed attributes differ"},
    "cms.unsigned": {"nl": "er zijn niet-ondertekende eigenschappen toegevoegd", "en": "unsigned attributes were added"},
    "cms.high_s": {"nl": "de handtekeningwaarde is gespiegeld (hoge s)",
                   "en": "the signature value is in its mirrored form (high s)"},
    # Importing into the employer's register (core/importer.py)
    "internal_error": {"nl": "interne fout bij het verwerken ({kind}); de andere bestanden gaan door",
                       "en": "internal error while processing it ({kind}); the other files go on"},
    "skipped.fifo": {"nl": "het is een named pipe (FIFO), geen bestand", "en": "it is a named pipe (FIFO), not a file"},
    "skipped.socket": {"nl": "het is een socket, geen bestand", "en": "it is a socket, not a file"},
    "skipped.device": {"nl": "het is een apparaat, geen bestand", "en": "it is a device, not a file"},
    "skipped.other": {"nl": "het is geen gewoon bestand", "en": "it is not a regular file"},
    "skipped.missing": {"nl": "het bestaat niet", "en": "it does not exist"},
    "skipped.unreadable_folder": {"nl": "de map kan niet worden gelezen: {why}",
                                  "en": "the folder cannot be read: {why}"},
    "skipped.folder_link": {"nl": "een verwijzing naar een map; die wordt niet gevolgd",
                            "en": "a link to a folder, which is not followed"},
    "outcome.skipped": {"nl": "{file}: overgeslagen: {reason}", "en": "{file}: skipped: {reason}"},
    "cannot_read": {"nl": "het bestand kan niet worden gelezen: {why}", "en": "cannot read the file: {why}"},
    "needs_memory": {"nl": "het bestand vraagt meer geheugen dan een rapport kan vragen",
                     "en": "the file needs more memory than a report can"},
    "cannot_check": {"nl": "het bestand kan niet worden gecontroleerd ({kind})",
                     "en": "the file cannot be checked ({kind})"},
    "check_timeout": {"nl": "het controleren duurde langer dan {s} s", "en": "checking took longer than {s} s"},
    "checker_crashed": {
        "nl": "het bestand kon niet veilig worden gecontroleerd (de controle had te weinig geheugen of liep vast)",
        "en": "the file could not be checked safely (its checker ran out of memory or crashed)"},
    "register_failed": {"nl": "het register kon het rapport niet opslaan: {why}",
                        "en": "the register could not store the report: {why}"},
    "unknown_questionnaire": {"nl": "onbekende vragenlijst {id} {version}",
                              "en": "unknown questionnaire {id} {version}"},
    "other_campaign": {"nl": "het rapport hoort bij campagne {got}, niet bij {want}",
                       "en": "the report belongs to campaign {got}, not {want}"},
    "other_questionnaire": {"nl": "het rapport gebruikt een andere vragenlijst dan de campagne",
                            "en": "the report uses another questionnaire than the campaign"},
    "handed_in_elsewhere": {"nl": "dit rapport is al ingeleverd voor een andere campagne",
                            "en": "this report was already handed in for another campaign"},
    "duplicate": {"nl": "dubbel: deze versie van het rapport staat al in het register",
                  "en": "duplicate: this revision of the report is already in the register"},
    "stale": {"nl": "verouderd: versie {revision} na versie {latest}",
              "en": "stale: revision {revision} after revision {latest}"},
    "other_key_on_record": {"nl": "ondertekend met een andere sleutel dan de sleutel die van deze medewerker bekend is",
                            "en": "signed with a different key than the one on record for this employee"},
    "code_used": {"nl": "de aanmeldcode is al gebruikt", "en": "the enrolment code was already used"},
    "proof_missing": {"nl": "het rapport heeft geen aanmeldbewijs, terwijl deze medewerker een aanmeldcode heeft "
                            "gekregen",
                      "en": "the report has no enrolment proof, but this employee was given an enrolment code"},
    "proof_mismatch": {"nl": "het aanmeldbewijs past niet bij de aanmeldcode van deze medewerker",
                       "en": "the enrolment proof does not match this employee's code"},
    "unknown_campaign": {"nl": "het rapport hoort bij campagne {id}, die niet in dit register staat",
                         "en": "the report belongs to campaign {id}, which this register does not know"},
    "campaign_closed": {"nl": "campagne {id} is gesloten", "en": "campaign {id} is closed"},
    "enrolled_needs_proof": {
        "nl": "medewerker {id} heeft een aanmeldcode gekregen: een rapport voor {id} wordt alleen aangenomen met een "
              "geldig aanmeldbewijs van een campagne in dit register",
        "en": "employee {id} was given an enrolment code: a report for {id} is only accepted with a valid enrolment "
              "proof of a campaign in this register"},
    "bad_created_at": {"nl": "het rapport heeft geen leesbare datum ({value})",
                       "en": "the report has no readable date ({value})"},
    "created_in_future": {"nl": "het rapport is gedateerd in de toekomst ({value})",
                          "en": "the report is dated in the future ({value})"},
    # Employee ids (core/identity.py)
    "employee_id.empty": {"nl": "het personeelsnummer is leeg", "en": "the employee id is empty"},
    "employee_id.invisible": {"nl": "het personeelsnummer bevat een onzichtbaar teken of een spatie ({char})",
                              "en": "the employee id holds an invisible character or a space ({char})"},
    "employee_id.confusable": {
        "nl": "het personeelsnummer bevat een teken dat op een Latijnse letter of cijfer lijkt, maar het niet is "
              "({char})",
        "en": "the employee id holds a character that looks like a Latin letter or digit but is not one ({char})"},
    "employee_id.characters": {"nl": "het personeelsnummer bevat een teken dat niet mag ({char}); gebruik letters, "
                                     "cijfers, '.', '_' of '-'",
                               "en": "the employee id holds a character that is not allowed ({char}); use letters, "
                                     "digits, '.', '_' or '-'"},
    "employee_id.too_long": {"nl": "het personeelsnummer is langer dan {n} tekens",
                             "en": "the employee id is longer than {n} characters"},
    "employee_id.first": {"nl": "een personeelsnummer begint met een letter of cijfer, niet met '{char}'",
                          "en": "an employee id starts with a letter or digit, not '{char}'"},
    # How an accepted report's key is trusted
    "enrolment.enrolled": {"nl": "aangemeld met code", "en": "enrolled"},
    "enrolment.tofu": {"nl": "niet aangemeld: sleutel vertrouwd bij eerste gebruik (TOFU)",
                       "en": "not enrolled: key trusted on first use (TOFU)"},
    "enrolment.pinned": {"nl": "bekende sleutel", "en": "known key"},
    "outcome.accepted": {"nl": "{file}: geaccepteerd ({how})", "en": "{file}: accepted ({how})"},
    "outcome.rejected": {"nl": "{file}: geweigerd: {reason}", "en": "{file}: rejected: {reason}"},
    # Campaign files and enrolment (core/campaign.py)
    "campaign.bad_id": {"nl": "een campagne-id bestaat alleen uit letters, cijfers, '.', '_' of '-' (hoogstens 64)",
                        "en": "a campaign id has letters, digits, '.', '_' or '-' only (at most 64)"},
    "campaign.bad_deadline": {"nl": "de deadline is geen datum (JJJJ-MM-DD)",
                              "en": "the deadline is not a date (YYYY-MM-DD)"},
    "campaign.no_organisation": {"nl": "vul de naam van de organisatie in", "en": "fill in the organisation's name"},
    "campaign.too_large": {"nl": "dit bestand is te groot voor een campagnebestand",
                           "en": "this file is too large to be a campaign file"},
    "campaign.not_campaign": {"nl": "dit is geen campagnebestand van arbocheck",
                              "en": "this is not an arbocheck campaign file"},
    "campaign.unreadable": {"nl": "dit campagnebestand kan niet worden gelezen",
                            "en": "this is not a readable campaign file"},
    "campaign.key_type": {"nl": "de campagne is ondertekend met een sleutelsoort die arbocheck niet kent",
                          "en": "the campaign is signed with an unsupported key type"},
    "campaign.changed": {"nl": "het campagnebestand is gewijzigd nadat de werkgever het ondertekende",
                         "en": "the campaign file was changed after the employer signed it"},
    "campaign.expert_mismatch": {"nl": "de sleutel van de arbodeskundige past niet bij de vingerafdruk",
                                 "en": "the expert's key and its fingerprint do not match"},
    "campaign.invalid_id": {"nl": "de campagne-id is niet geldig", "en": "the campaign id is not valid"},
    "campaign.incomplete": {"nl": "het campagnebestand is onvolledig", "en": "the campaign file is incomplete"},
    "campaign.bad_expert": {"nl": "de sleutel van de arbodeskundige is geen geldige age-sleutel (age1…)",
                            "en": "the expert's key is not a valid age recipient (age1…)"},
    "campaign.exists": {"nl": "er staat al een campagne {id} in het register; kies een andere campagne-id",
                        "en": "the register already has a campaign {id}; choose another campaign id"},
    "employees.no_column": {"nl": "het medewerkersbestand heeft geen kolom 'employee_id'",
                            "en": "the employees file needs a column 'employee_id'"},
    "employees.empty": {"nl": "het medewerkersbestand bevat geen medewerkers",
                        "en": "the employees file lists no employees"},
    "employees.problems": {"nl": "in het medewerkersbestand: {lines}", "en": "in the employees file: {lines}"},
    "employees.no_id": {"nl": "regel {n}: geen employee_id", "en": "line {n}: no employee_id"},
    "employees.bad_id": {"nl": "regel {n}: een employee_id heeft hoogstens 64 tekens en geen stuurtekens",
                         "en": "line {n}: an employee_id has at most 64 characters and no control characters"},
    "employees.twice": {"nl": "regel {n}: employee_id {id} staat er twee keer in",
                        "en": "line {n}: employee_id {id} appears twice"},
    "employees.bad_id": {"nl": "regel {n}: employee_id {id}: {why}", "en": "line {n}: employee_id {id}: {why}"},
    "campaign.unknown": {"nl": "er staat geen campagne {id} in het register", "en": "the register has no campaign {id}"},
    "campaign.closed_already": {"nl": "campagne {id} is al gesloten", "en": "campaign {id} is closed already"},
    "register.old_schema": {
        "nl": "dit register is gemaakt door een oudere arbocheck (het bewaart nog aanmeldcodes); begin een nieuw "
              "register en importeer de rapporten opnieuw",
        "en": "this register was made by an older arbocheck (it still keeps enrolment codes); start a new register "
              "and import the reports again"},
    # Keys at rest (core/keyguard.py)
    "keys.choose": {"nl": "kies eerst hoe de sleutel beschermd wordt: met een wachtwoordzin of in de sleutelbos van "
                          "het systeem (ARBOCHECK_KEY_PROTECTION=passphrase of keyring)",
                    "en": "choose first how the key is protected: with a passphrase or in the system keyring "
                          "(ARBOCHECK_KEY_PROTECTION=passphrase or keyring)"},
    "keys.none": {"nl": "er is nog geen sleutel", "en": "there is no key yet"},
    "keys.needs_passphrase": {"nl": "de sleutel is beschermd met een wachtwoordzin; geef die op",
                              "en": "the key is protected by a passphrase; enter it"},
    "keys.wrong_passphrase": {"nl": "de wachtwoordzin klopt niet", "en": "the passphrase is not right"},
    "keys.passphrase_short": {"nl": "kies een wachtwoordzin van minstens {n} tekens",
                              "en": "choose a passphrase of at least {n} characters"},
    "keys.passphrase_differs": {"nl": "de twee wachtwoordzinnen zijn niet gelijk", "en": "the two passphrases differ"},
    "keys.no_keyring": {"nl": "dit systeem heeft geen sleutelbos die arbocheck kan gebruiken; kies een wachtwoordzin",
                        "en": "this system has no keyring arbocheck can use; choose a passphrase"},
    "keys.keyring_failed": {"nl": "de sleutelbos van het systeem weigerde: {why}",
                            "en": "the system keyring refused: {why}"},
    "keys.keyring_missing": {"nl": "de sleutel staat niet (meer) in de sleutelbos van het systeem",
                             "en": "the key is not (or no longer) in the system keyring"},
    "keys.damaged": {"nl": "het sleutelbestand is beschadigd", "en": "the key file is damaged"},
    "keys.mismatch": {"nl": "de sleutel en het certificaat horen niet bij elkaar",
                      "en": "the key and its certificate do not belong together"},
    "codes.unreadable": {"nl": "{file} is geen codebestand met de kolommen employee_id en code",
                         "en": "{file}: not a codes file with columns employee_id and code"},
}


def say(key: str, lang: str = "en", **params: object) -> str:
    table = TEXTS[key]
    text = table.get(lang) or table["en"]
    return text.format(**{k: _render(v, lang) for k, v in params.items()}) if params else text


def _render(value: object, lang: str) -> object:
    """A value that is itself a reason (or a list of them) is put in the same language."""
    if isinstance(value, Refusal):
        return value.text(lang)
    if isinstance(value, (list, tuple)) and value and all(isinstance(v, Refusal) for v in value):
        return "; ".join(v.text(lang) for v in value)
    return value


class Refusal(Exception):
    """An error whose message exists in Dutch and English: a key and its values."""

    def __init__(self, key: str, **params: object):
        self.key, self.params = key, params
        super().__init__(say(key, "en", **params))

    def text(self, lang: str) -> str:
        """The reason in the given language."""
        return say(self.key, lang, **self.params)

    def __reduce__(self):  # crosses process boundaries (the importer's workers) intact
        return (_rebuild, (type(self), self.key, self.params))


def _rebuild(cls, key, params):
    return cls(key, **params)


def text_of(e: BaseException, lang: str) -> str:
    """The plain reason for any error a user may see: translated when it is a Refusal."""
    if isinstance(e, Refusal):
        return e.text(lang)
    if isinstance(e, OSError):
        return e.strerror or str(e)
    return str(e) or type(e).__name__
