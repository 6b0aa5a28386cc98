/** Confirm steps of destructive actions, the logo and SWAD co-branding. */
export const nl = {
  "validation.confirmRequired":
    "Dit gebeurt alleen na een bevestiging met de knop ‘Ja, …’ in de bevestigingsstap. Er is niets gewijzigd.",
  "confirm.cancel": "Annuleren",
  "brand.logoLabel": "Stigmavrij, naar de startpagina",
  "brand.partnership": "In samenwerking met",
  "brand.swad": "SWAD — Sex Work Alliance for Destigmatisation",
  "account.delete.start": "Mijn account verwijderen",
  "account.delete.confirmTitle": "Je account definitief verwijderen?",
  "account.delete.confirmText":
    "Je naam, je e-mailadres, je voortgang en je certificaten worden gewist. Dit kun je niet ongedaan maken.",
  "account.delete.confirm": "Ja, verwijder mijn account",
  "certAdmin.revoke.confirmTitle": "Certificaat {code} intrekken?",
  "certAdmin.revoke.confirmText":
    "Wie het certificaat controleert, ziet daarna dat het ingetrokken is, met de datum en de reden. Dit kan niet ongedaan worden gemaakt.",
  "certAdmin.revoke.confirm": "Ja, trek het certificaat in",
  "cohorts.closeConfirmTitle": "Cohort sluiten?",
  "cohorts.closeConfirmText":
    "Na het sluiten kan niemand meer meedoen met {cohort}. Je kunt het cohort later weer openen.",
  "cohorts.closeConfirm": "Ja, sluit het cohort",
  "registrations.removeConfirmTitle": "Registratienummer verwijderen?",
  "registrations.removeConfirmText": "Nummer {number} bij {register} wordt van je account verwijderd.",
  "registrations.removeConfirm": "Ja, verwijder dit nummer",
  "accreditation.removeConfirmTitle": "Accreditatie verwijderen?",
  "accreditation.removeConfirmText": "De accreditatie bij {register} wordt van deze module verwijderd.",
  "accreditation.removeConfirm": "Ja, verwijder de accreditatie",
  "organisations.removeConfirmTitle": "Trainer weghalen?",
  "organisations.removeConfirmText":
    "{name} is daarna geen trainer meer van deze organisatie en ziet haar cohorten en cijfers niet meer.",
  "organisations.removeConfirm": "Ja, haal deze trainer weg",
  "verify.field.contentVersion": "Inhoudsversie van de module",
  "certificates.issuedBy": "Uitgegeven door",
  "certificates.pdf.signatoryDefaultRole": "Bestuur",
};

export const en: Record<keyof typeof nl, string> = {
  "validation.confirmRequired":
    "This only happens after confirming with the ‘Yes, …’ button of the confirmation step. Nothing has been changed.",
  "confirm.cancel": "Cancel",
  "brand.logoLabel": "Stigmavrij, to the home page",
  "brand.partnership": "In partnership with",
  "brand.swad": "SWAD — Sex Work Alliance for Destigmatisation",
  "account.delete.start": "Delete my account",
  "account.delete.confirmTitle": "Delete your account permanently?",
  "account.delete.confirmText":
    "Your name, e-mail address, progress and certificates will be erased. You cannot undo this.",
  "account.delete.confirm": "Yes, delete my account",
  "certAdmin.revoke.confirmTitle": "Revoke certificate {code}?",
  "certAdmin.revoke.confirmText":
    "Anyone who checks the certificate will then see that it has been revoked, with the date and the reason. This cannot be undone.",
  "certAdmin.revoke.confirm": "Yes, revoke the certificate",
  "cohorts.closeConfirmTitle": "Close the cohort?",
  "cohorts.closeConfirmText": "Once closed, nobody can join {cohort} any more. You can reopen the cohort later.",
  "cohorts.closeConfirm": "Yes, close the cohort",
  "registrations.removeConfirmTitle": "Remove registration number?",
  "registrations.removeConfirmText": "Number {number} at {register} will be removed from your account.",
  "registrations.removeConfirm": "Yes, remove this number",
  "accreditation.removeConfirmTitle": "Remove accreditation?",
  "accreditation.removeConfirmText": "The accreditation at {register} will be removed from this module.",
  "accreditation.removeConfirm": "Yes, remove the accreditation",
  "organisations.removeConfirmTitle": "Remove trainer?",
  "organisations.removeConfirmText":
    "{name} will no longer be a trainer of this organisation and will no longer see its cohorts and figures.",
  "organisations.removeConfirm": "Yes, remove this trainer",
  "verify.field.contentVersion": "Content version of the module",
  "certificates.issuedBy": "Issued by",
  "certificates.pdf.signatoryDefaultRole": "Board",
};
