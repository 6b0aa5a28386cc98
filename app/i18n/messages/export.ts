// Messages for exporting modules as SCORM packages. Keys are prefixed "export.".
export const nl = {
  "export.title": "SCORM-export",
  "export.sectionDescription":
    "Modules downloaden als SCORM 1.2- of SCORM 2004-pakket voor de leeromgeving van een bank of de politieacademie.",
  "export.intro":
    "Download een module als SCORM-pakket en upload het in een andere leeromgeving. Elk pakket bevat de lessen, de oefenvragen en de toets in één taal, en meldt voortgang, score en geslaagd/gezakt aan die leeromgeving.",
  "export.versionHelp":
    "Kies SCORM 1.2 als je niet weet welke versie de leeromgeving ondersteunt: die werkt bijna overal. SCORM 2004 (4e editie) geeft de score nauwkeuriger door.",
  "export.module": "Module",
  "export.downloads": "Downloads",
  "export.download": "{version}, {language}",
  "export.downloadLabel": "{module}: SCORM {version} in het {language}",
  "export.noModules": "Er zijn geen modules om te exporteren.",
  "export.preparing": "Het pakket wordt gemaakt; de download begint zo.",
  "export.error.unknownModule": "Deze module bestaat niet (meer) of kan niet worden geëxporteerd.",
  "export.error.unknownLanguage": "Deze module is niet beschikbaar in die taal.",
  "export.error.badRequest": "Kies SCORM-versie 1.2 of 2004 en taal nl of en.",
};

export const en: Record<keyof typeof nl, string> = {
  "export.title": "SCORM export",
  "export.sectionDescription":
    "Download modules as SCORM 1.2 or SCORM 2004 packages for a bank's or the police academy's learning environment.",
  "export.intro":
    "Download a module as a SCORM package and upload it to another learning environment. Each package holds the lessons, the practice questions and the assessment in one language, and reports progress, score and pass/fail to that environment.",
  "export.versionHelp":
    "Choose SCORM 1.2 if you do not know which version the learning environment supports: it works almost everywhere. SCORM 2004 (4th edition) reports the score more precisely.",
  "export.module": "Module",
  "export.downloads": "Downloads",
  "export.download": "{version}, {language}",
  "export.downloadLabel": "{module}: SCORM {version} in {language}",
  "export.noModules": "There are no modules to export.",
  "export.preparing": "The package is being built; the download starts shortly.",
  "export.error.unknownModule": "This module does not exist (any more) or cannot be exported.",
  "export.error.unknownLanguage": "This module is not available in that language.",
  "export.error.badRequest": "Choose SCORM version 1.2 or 2004 and language nl or en.",
};
