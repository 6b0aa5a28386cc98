// Messages for what trainers and administrators are told about deadlines, suppressed figures,
// charts and SCORM drafts. Keys are prefixed "trainer.".
export const nl = {
  "trainer.cohort.overdue": "Deadline verstreken",
  "trainer.cohort.overdueNotice":
    "De deadline van dit cohort ({date}) is voorbij. Deelnemers die daarvoor meededen en een module nog niet hebben afgerond, zijn te laat. Wie later meedoet, heeft geen deadline.",
  "trainer.join.deadlinePassedTitle": "De deadline van dit cohort is voorbij",
  "trainer.join.deadlinePassedText":
    "De deadline was {date}. Je kunt nog meedoen. De deadline geldt dan niet voor jou: je modules worden niet als te laat gemarkeerd.",
  "trainer.join.deadlineConfirm": "Ik weet dat de deadline voorbij is en wil toch meedoen",
  "trainer.join.deadlineConfirmRequired": "Vink aan dat je weet dat de deadline voorbij is, als je toch wilt meedoen.",
  "trainer.items.notEnoughAnswers":
    "Nog te weinig antwoorden: elke vraag is minder dan 5 keer beantwoord. Daarom tonen we nog geen cijfers.",
  "trainer.items.misconceptionCountPartial":
    "Mogelijk hardnekkig misverstand (minder dan 60% goed): {count} van de {total} vragen met genoeg antwoorden. {suppressed} vragen zijn nog te weinig beantwoord.",
  "trainer.scorm.statusDraft": "Concept (nog niet zichtbaar voor deelnemers)",
  "trainer.scorm.importedDraft":
    "Het pakket is geïmporteerd als concept. Deelnemers zien het pas als je het publiceert. Controleer eerst de taal, de titel en de andere gegevens hieronder.",
  "trainer.scorm.language": "Taal van het pakket",
  "trainer.scorm.languageHint":
    "Herkend aan de tekst van het pakket. Pas dit aan als het niet klopt: titel en samenvatting gelden in deze taal.",
  "trainer.scorm.languageInvalid": "Kies Nederlands of Engels.",
  "trainer.scorm.title": "Titel",
  "trainer.scorm.summary": "Samenvatting",
  "trainer.scorm.publishTitle": "Publiceren",
  "trainer.scorm.publishIntro":
    "Dit pakket is een concept: deelnemers zien het nog niet. Publiceer het als taal, titel en gegevens kloppen; daarna staat het in de catalogus.",
  "trainer.scorm.publish": "Publiceren in de catalogus",
  "trainer.scorm.published": "Het pakket is gepubliceerd: deelnemers zien het nu in de catalogus.",
  "trainer.scorm.action.published": "Gepubliceerd",
  "trainer.scorm.contentInEnglish": "Deze inhoud is alleen in het Engels beschikbaar.",
  "trainer.chart.countAxis": "Aantal modules",
  "trainer.chart.monthAxis": "Maand",
  "trainer.chart.completionMeasure": "Percentage afgerond (%)",
  "trainer.chart.chosenMeasure": "Aantal keer gekozen (aandeel van de antwoorden)",
  "trainer.chart.studyLoadMeasure": "Mediane studietijd in minuten (middelste helft) / opgegeven minuten",
  "trainer.attitude.worse": "minder gewenst",
  "trainer.attitude.better": "gewenster",
  "trainer.attitude.chartDesc":
    "Per uitspraak een open rondje voor het gemiddelde vóór de module en een dicht rondje voor het gemiddelde erna, verbonden door een pijl. Rechts is altijd de gewenste kant: bij omgekeerde uitspraken is de schaal gespiegeld. De cijfers zoals beantwoord staan in de tabel onder de grafiek.",
  "trainer.attitude.mirrored":
    "Bij uitspraken met (omgekeerd) is de schaal in de grafiek gespiegeld, zodat rechts altijd beter is.",
  "trainer.totals.cardsLabel": "Kerncijfers",
  "trainer.totals.ofEnrolled": "van {enrolled} ingeschreven",
  "trainer.totals.showTable": "Toon de kerncijfers als tabel",
};

export const en: Record<keyof typeof nl, string> = {
  "trainer.cohort.overdue": "Deadline passed",
  "trainer.cohort.overdueNotice":
    "This cohort's deadline ({date}) has passed. Learners who joined before it and have not completed a module are overdue. Whoever joins later has no deadline.",
  "trainer.join.deadlinePassedTitle": "This cohort's deadline has passed",
  "trainer.join.deadlinePassedText":
    "The deadline was {date}. You can still join. The deadline then does not apply to you: your modules will not be marked overdue.",
  "trainer.join.deadlineConfirm": "I know the deadline has passed and want to join anyway",
  "trainer.join.deadlineConfirmRequired":
    "Tick the box to confirm you know the deadline has passed, if you want to join.",
  "trainer.items.notEnoughAnswers":
    "Not enough answers yet: every question was answered fewer than 5 times, so no figures are shown yet.",
  "trainer.items.misconceptionCountPartial":
    "Possible persistent misconception (under 60% correct): {count} of the {total} questions with enough answers. {suppressed} questions do not have enough answers yet.",
  "trainer.scorm.statusDraft": "Draft (not yet visible to learners)",
  "trainer.scorm.importedDraft":
    "The package has been imported as a draft. Learners see it only once you publish it. Check the language, the title and the other details below first.",
  "trainer.scorm.language": "Language of the package",
  "trainer.scorm.languageHint":
    "Recognised from the package's text. Change it if it is wrong: the title and summary are in this language.",
  "trainer.scorm.languageInvalid": "Choose Dutch or English.",
  "trainer.scorm.title": "Title",
  "trainer.scorm.summary": "Summary",
  "trainer.scorm.publishTitle": "Publish",
  "trainer.scorm.publishIntro":
    "This package is a draft: learners do not see it yet. Publish it once the language, title and details are right; it then appears in the catalogue.",
  "trainer.scorm.publish": "Publish in the catalogue",
  "trainer.scorm.published": "The package has been published: learners now see it in the catalogue.",
  "trainer.scorm.action.published": "Published",
  "trainer.scorm.contentInEnglish": "This content is only available in English.",
  "trainer.chart.countAxis": "Number of modules",
  "trainer.chart.monthAxis": "Month",
  "trainer.chart.completionMeasure": "Percentage completed (%)",
  "trainer.chart.chosenMeasure": "Times chosen (share of the answers)",
  "trainer.chart.studyLoadMeasure": "Median study time in minutes (middle half) / stated minutes",
  "trainer.attitude.worse": "less desired",
  "trainer.attitude.better": "more desired",
  "trainer.attitude.chartDesc":
    "For each statement an open circle for the mean before the module and a filled circle for the mean after it, joined by an arrow. Right is always the desired side: for reversed statements the scale is mirrored. The means as answered are in the table below the chart.",
  "trainer.attitude.mirrored":
    "For statements marked (reversed) the chart's scale is mirrored, so right is always better.",
  "trainer.totals.cardsLabel": "Headline figures",
  "trainer.totals.ofEnrolled": "of {enrolled} enrolled",
  "trainer.totals.showTable": "Show the headline figures as a table",
};
