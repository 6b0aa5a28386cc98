/** Finishing a module, where a learner stands, and the phone layout's menu. */
export const nl = {
  "nav.menu": "Menu",
  "finishing.title": "Je certificaat staat klaar",
  "finishing.downloadCertificate": "Download je certificaat (PDF)",
  "finishing.viewCertificate": "Bekijk/deel je certificaat",
  "finishing.viewCertificateHint": "Op de controlepagina kan iedereen met de link zien dat je certificaat echt is.",
  "finishing.nextTitle": "Volgende module voor jou",
  "finishing.nextMinutes": "{minutes} minuten",
  "finishing.noNext": "Je hebt alle modules voor jouw sector afgerond. Goed gedaan!",
  "finishing.allCertificates": "Al je certificaten",
  "progressStatus.assessmentOpen": "Lessen klaar — toets nog doen",
  "progressStatus.assessmentOpenCount": "Lessen klaar — toets nog doen ({answered} van {total} beantwoord)",
  "progressStatus.lessonsLeft":
    "De toets komt vrij als je alle lessen hebt gedaan: nog {left} van {total} lessen te gaan.",
  "myLearning.certificate": "Certificaat",
  "assessment.answeredCount": "{answered} van {total} beantwoord",
  "assessment.minutesError": "Vul een heel getal van 1 tot 600 in.",
  "assessment.notSubmittedMinutes":
    "Je toets is nog niet ingeleverd: vul eerst in hoeveel minuten je aan de module hebt besteed.",
  "assessment.resultFailedFinal": "Je bent helaas niet geslaagd. Lees de uitleg hieronder.",
  "assessment.resultFailedWait":
    "Je bent helaas niet geslaagd. Lees de uitleg hieronder; daarna kun je het later opnieuw proberen.",
  "check.wrong": "Niet goed. Lees de uitleg en probeer het nog eens.",
} as const;

export const en: Record<keyof typeof nl, string> = {
  "nav.menu": "Menu",
  "finishing.title": "Your certificate is ready",
  "finishing.downloadCertificate": "Download your certificate (PDF)",
  "finishing.viewCertificate": "View/share your certificate",
  "finishing.viewCertificateHint":
    "On the verification page anyone with the link can see that your certificate is genuine.",
  "finishing.nextTitle": "Next module for you",
  "finishing.nextMinutes": "{minutes} minutes",
  "finishing.noNext": "You have completed every module for your sector. Well done!",
  "finishing.allCertificates": "All your certificates",
  "progressStatus.assessmentOpen": "Lessons done — assessment still to do",
  "progressStatus.assessmentOpenCount": "Lessons done — assessment still to do ({answered} of {total} answered)",
  "progressStatus.lessonsLeft":
    "The assessment opens once you have done every lesson: {left} of {total} lessons to go.",
  "myLearning.certificate": "Certificate",
  "assessment.answeredCount": "{answered} of {total} answered",
  "assessment.minutesError": "Enter a whole number from 1 to 600.",
  "assessment.notSubmittedMinutes":
    "Your assessment has not been submitted yet: first enter how many minutes you spent on the module.",
  "assessment.resultFailedFinal": "Unfortunately you did not pass. Read the explanations below.",
  "assessment.resultFailedWait":
    "Unfortunately you did not pass. Read the explanations below; you can try again later.",
  "check.wrong": "Not correct. Read the explanation and try again.",
};
