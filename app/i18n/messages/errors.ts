export const nl = {
  "error.404.title": "Pagina niet gevonden",
  "error.404.text": "Deze pagina bestaat niet (meer). Controleer het adres of ga terug naar de start.",
  "error.403.title": "Geen toegang",
  "error.403.text":
    "Je hebt geen toegang tot deze pagina. Denk je dat dit niet klopt? Neem contact op met je trainer of beheerder.",
  "error.400.title": "Dit verzoek klopt niet",
  "error.400.text": "Het formulier of adres bevat iets wat we niet kunnen verwerken. Er is niets gewijzigd.",
  "error.400.unreadableBody": "De gegevens van het formulier konden niet worden gelezen.",
  "error.500.title": "Er ging iets mis",
  "error.500.text": "Er ging aan onze kant iets mis. Je gegevens zijn niet verloren. Probeer het later opnieuw.",
  "error.backHome": "Naar de startpagina",
} as const;

export const en: Record<keyof typeof nl, string> = {
  "error.404.title": "Page not found",
  "error.404.text": "This page does not exist (any more). Check the address or go back to the home page.",
  "error.403.title": "No access",
  "error.403.text":
    "You do not have access to this page. If you think this is wrong, contact your trainer or administrator.",
  "error.400.title": "This request is not valid",
  "error.400.text": "The form or address contains something we cannot process. Nothing was changed.",
  "error.400.unreadableBody": "The form data could not be read.",
  "error.500.title": "Something went wrong",
  "error.500.text": "Something went wrong on our side. Your data has not been lost. Please try again later.",
  "error.backHome": "Go to the home page",
};
