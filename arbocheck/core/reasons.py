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
    # Importing into the employer's register (core/importer.py)
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
