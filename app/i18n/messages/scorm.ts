// Messages for importing SCORM packages. Keys are prefixed "scorm.".
export const nl = {
  "scorm.error.notZip":
    "Dit bestand is geen ZIP-bestand. Upload het SCORM-pakket zoals je authoringtool het exporteert, als .zip.",
  "scorm.error.encrypted":
    "Het pakket is met een wachtwoord beveiligd ({file}). Exporteer het pakket opnieuw zonder wachtwoord.",
  "scorm.error.unsupportedCompression":
    "{file} is ingepakt met een compressiemethode die we niet kunnen uitpakken. Pak het pakket opnieuw in met de gewone ZIP-compressie (Deflate).",
  "scorm.error.corruptZip":
    "Het ZIP-bestand is beschadigd of onvolledig. Exporteer het pakket opnieuw en upload het nog eens.",
  "scorm.error.unsafePath":
    "Het pakket bevat een onveilige bestandsnaam: {file}. Bestandsnamen mogen niet met / of een stationsletter beginnen en geen .. bevatten.",
  "scorm.error.duplicatePath":
    "Het pakket bevat {file} meer dan één keer (namen die alleen in hoofdletters verschillen tellen als hetzelfde bestand).",
  "scorm.error.unsupportedEntry":
    "{file} is een snelkoppeling (symbolische link) of een ander speciaal bestand. Een pakket mag alleen gewone bestanden en mappen bevatten.",
  "scorm.error.tooLarge":
    "Het pakket is uitgepakt groter dan {limit} MB. Maak het pakket kleiner, bijvoorbeeld door video's te comprimeren.",
  "scorm.error.tooManyFiles": "Het pakket bevat meer dan {limit} bestanden.",
  "scorm.error.noManifest":
    "In de hoofdmap van het pakket staat geen imsmanifest.xml. Is dit wel een SCORM-pakket? Zip de inhoud van de map, niet de map zelf.",
  "scorm.error.manifestWrongCase":
    "Het manifest heet {file}, maar moet precies imsmanifest.xml heten (met kleine letters).",
  "scorm.error.unsupportedFormat":
    "Dit is een {format}-pakket. Stigmavrij speelt alleen SCORM 1.2 en SCORM 2004 (2e, 3e en 4e editie).",
  "scorm.error.manifestTooLarge": "imsmanifest.xml is groter dan {limit} MB. Dat is geen normaal SCORM-manifest.",
  "scorm.error.invalidXml":
    "imsmanifest.xml is geen geldige XML (regel {line}, kolom {column}). Controleer het bestand of exporteer het pakket opnieuw.",
  "scorm.error.invalidXmlNoLine":
    "imsmanifest.xml is geen geldige XML. Controleer het bestand of exporteer het pakket opnieuw.",
  "scorm.error.xmlEntities":
    "imsmanifest.xml definieert eigen XML-entiteiten (in de DOCTYPE). Dat staat SCORM niet toe en wij verwerken ze om veiligheidsredenen niet.",
  "scorm.error.notManifest":
    "imsmanifest.xml begint met <{element}> in plaats van <manifest>. Dit is geen geldig SCORM-manifest.",
  "scorm.error.unsupportedVersion":
    "Deze SCORM-versie ({version}) wordt niet ondersteund. Stigmavrij speelt SCORM 1.2 en SCORM 2004 (2e, 3e en 4e editie).",
  "scorm.error.notScorm":
    "Dit is een IMS-inhoudspakket zonder SCORM. Exporteer de les uit je authoringtool als SCORM 1.2 of SCORM 2004.",
  "scorm.error.noLaunchableItems": "Het manifest bevat geen onderdeel dat gestart kan worden.",
  "scorm.error.resourceMissing":
    "Onderdeel “{item}” verwijst naar resource “{resource}”, maar die staat niet in imsmanifest.xml.",
  "scorm.error.resourceNoHref":
    "Resource “{resource}” (gebruikt door onderdeel “{item}”) heeft geen startbestand (href).",
  "scorm.error.launchMissing":
    "Het startbestand {file} van onderdeel “{item}” ontbreekt in het pakket. Let op: hoofdletters en kleine letters moeten precies kloppen.",
  "scorm.error.launchOutside": "Het startbestand {file} van onderdeel “{item}” ligt buiten het pakket.",
  "scorm.error.launchExternal":
    "Onderdeel “{item}” start op een externe website ({file}). Een SCO moet in het pakket zelf staan.",
  "scorm.warning.nestedFolder":
    "Het pakket zat in één map ({folder}). We gebruiken die map als hoofdmap van het pakket.",
  "scorm.warning.defaultOrganizationMissing":
    "De standaardstructuur “{organization}” bestaat niet; we gebruiken de eerste structuur, “{used}”.",
  "scorm.warning.noOrganizations":
    "Het manifest heeft geen inhoudsstructuur; we starten de resources in de volgorde van het manifest.",
  "scorm.warning.versionAssumed":
    "Het manifest noemt geen SCORM-versie; op basis van de gebruikte namespaces gaan we uit van {version}.",
  "scorm.warning.subManifestIgnored":
    "Het manifest bevat een sub-manifest ({manifest}). Sub-manifesten worden niet ondersteund en zijn overgeslagen.",
  "scorm.warning.subManifestItemSkipped": "Onderdeel “{item}” verwijst naar een sub-manifest en is overgeslagen.",
  "scorm.warning.scormTypeMissing":
    "Resource “{resource}” geeft niet aan of het een SCO of een asset is; we behandelen het als SCO.",
  "scorm.warning.filesMissing": "{count} bestand(en) uit het manifest ontbreken in het pakket, bijvoorbeeld {file}.",
  "scorm.warning.externalAsset": "Onderdeel “{item}” opent een externe website: {file}.",
  "scorm.warning.invalidValue": "{element} bij “{item}” heeft een ongeldige waarde ({value}) en wordt genegeerd.",
  "scorm.warning.externalHostsBlocked":
    "Het pakket laadt scripts, stijlen of lettertypen van andere websites die de speler blokkeert: {hosts}. Zet ze in SCORM_CONTENT_HOSTS als het pakket ze nodig heeft (de browser van de deelnemer maakt dan contact met die websites).",
  "scorm.warning.externalHostsAllowed":
    "Het pakket laadt scripts, stijlen of lettertypen van andere websites, toegestaan in SCORM_CONTENT_HOSTS: {hosts}.",
  "scorm.admin.title": "SCORM-pakketten",
  "scorm.admin.intro":
    "Importeer e-learning die als SCORM 1.2- of SCORM 2004-pakket is gemaakt. Elk pakket wordt een module in de catalogus, met dezelfde voortgang, groepen, rapportages en certificaten als de andere modules.",
  "scorm.admin.sectionDescription": "SCORM-pakketten importeren en als module aanbieden.",
  "scorm.admin.uploadTitle": "Pakket importeren",
  "scorm.admin.uploadLabel": "SCORM-pakket (.zip)",
  "scorm.admin.uploadHint":
    "SCORM 1.2 of SCORM 2004 (2e, 3e of 4e editie), hoogstens {limit} MB. Alleen beheerders kunnen pakketten importeren: de inhoud draait op deze website.",
  "scorm.admin.uploadSubmit": "Importeren",
  "scorm.admin.uploadProgressLabel": "Voortgang van de upload",
  "scorm.admin.uploading": "Bezig met uploaden: {percent}",
  "scorm.admin.processing": "Het pakket is ontvangen en wordt nu uitgepakt en gecontroleerd…",
  "scorm.admin.uploadFailed": "De upload is mislukt. Controleer je verbinding en probeer het opnieuw.",
  "scorm.admin.uploadTooLarge": "Het bestand is groter dan {limit} MB, de grootste upload die we accepteren.",
  "scorm.admin.uploadMissing": "Kies een SCORM-pakket (.zip) om te importeren.",
  "scorm.admin.uploadEmpty": "Het gekozen bestand is leeg.",
  "scorm.admin.uploadUnreadable":
    "De upload was onvolledig of kon niet worden gelezen. Er is niets opgeslagen; probeer het opnieuw.",
  "scorm.admin.listTitle": "Geïmporteerde pakketten",
  "scorm.admin.listCaption": "Geïmporteerde SCORM-pakketten",
  "scorm.admin.none": "Er zijn nog geen SCORM-pakketten geïmporteerd.",
  "scorm.admin.colTitle": "Module",
  "scorm.admin.colVersion": "SCORM-versie",
  "scorm.admin.colScos": "Onderdelen",
  "scorm.admin.colLearners": "Deelnemers",
  "scorm.admin.colImported": "Geïmporteerd",
  "scorm.admin.colStatus": "Status",
  "scorm.admin.statusActive": "In de catalogus",
  "scorm.admin.statusArchived": "Gearchiveerd",
  "scorm.admin.edit": "Bewerken",
  "scorm.admin.version.1.2": "SCORM 1.2",
  "scorm.admin.version.2004-2nd": "SCORM 2004, 2e editie",
  "scorm.admin.version.2004-3rd": "SCORM 2004, 3e editie",
  "scorm.admin.version.2004-4th": "SCORM 2004, 4e editie",
  "scorm.admin.editTitle": "{module} bewerken",
  "scorm.admin.back": "Terug naar de SCORM-pakketten",
  "scorm.admin.imported":
    "Het pakket is geïmporteerd en staat als module in de catalogus. Controleer de titels, de samenvattingen en de duur.",
  "scorm.admin.saved": "De wijzigingen zijn opgeslagen.",
  "scorm.admin.unchanged": "Er was niets gewijzigd.",
  "scorm.admin.archivedNotice": "De module is gearchiveerd: deelnemers zien hem niet meer in de catalogus.",
  "scorm.admin.unarchivedNotice": "De module staat weer in de catalogus.",
  "scorm.admin.viewModule": "Module bekijken zoals deelnemers hem zien",
  "scorm.admin.detailsTitle": "Pakket",
  "scorm.admin.identifier": "Identificatie in het manifest",
  "scorm.admin.files": "Bestanden",
  "scorm.admin.filesValue": "{count} bestanden, {size} MB",
  "scorm.admin.importedAt": "Geïmporteerd op",
  "scorm.admin.warningsTitle": "Opmerkingen bij de import",
  "scorm.admin.scosTitle": "Onderdelen",
  "scorm.admin.scoAsset": "bestand zonder SCORM-koppeling",
  "scorm.admin.scoMastery": "beheersingsscore {score} in het pakket",
  "scorm.admin.scoPassing": "slaagscore {score}% in het pakket",
  "scorm.admin.settingsTitle": "Gegevens in de catalogus",
  "scorm.admin.titleNl": "Titel (Nederlands)",
  "scorm.admin.titleEn": "Titel (Engels)",
  "scorm.admin.summaryNl": "Samenvatting (Nederlands)",
  "scorm.admin.summaryEn": "Samenvatting (Engels)",
  "scorm.admin.minutes": "Duur in minuten",
  "scorm.admin.minutesHint":
    "Hoe lang een deelnemer er ongeveer over doet. Voor deze training is 15 tot 45 minuten gebruikelijk.",
  "scorm.admin.sectors": "Voor welke sectoren",
  "scorm.admin.passRule": "Wanneer is een onderdeel gehaald?",
  "scorm.admin.passRulePackage":
    "Zoals het pakket het meldt: afgerond, en gehaald als het pakket een score of beheersingsscore gebruikt",
  "scorm.admin.passRuleMastery": "Met een eigen minimale score",
  "scorm.admin.masteryLabel": "Minimale score in procenten",
  "scorm.admin.masteryHint":
    "Alleen bij een eigen minimale score: een getal van 1 tot 100. Dit vervangt de beheersingsscore van het pakket.",
  "scorm.admin.save": "Opslaan",
  "scorm.admin.archiveTitle": "Archiveren",
  "scorm.admin.archiveIntro":
    "Een gearchiveerde module verdwijnt uit de catalogus en uit de keuzelijst voor groepen. Voortgang en certificaten blijven bewaard.",
  "scorm.admin.archive": "Module archiveren",
  "scorm.admin.unarchive": "Terugzetten in de catalogus",
  "scorm.admin.historyTitle": "Geschiedenis",
  "scorm.admin.historyCaption": "Wijzigingen aan deze module",
  "scorm.admin.historyWhen": "Wanneer",
  "scorm.admin.historyWho": "Door",
  "scorm.admin.historyWhat": "Wat",
  "scorm.admin.historyUnknown": "Onbekend",
  "scorm.admin.action.scorm.imported": "Pakket geïmporteerd",
  "scorm.admin.action.scorm.module_updated": "Gegevens gewijzigd",
  "scorm.admin.action.scorm.module_archived": "Gearchiveerd",
  "scorm.admin.action.scorm.module_unarchived": "Teruggezet in de catalogus",
  "scorm.admin.error.title": "Vul een titel in van hoogstens 120 tekens.",
  "scorm.admin.error.summary": "Een samenvatting is hoogstens 500 tekens.",
  "scorm.admin.error.minutes": "Vul een aantal minuten in, een heel getal van 1 tot 600.",
  "scorm.admin.error.sectors": "Kies minstens één sector.",
  "scorm.admin.error.passRule": "Kies wanneer een onderdeel gehaald is.",
  "scorm.admin.error.mastery": "Vul een minimale score in, een heel getal van 1 tot 100.",
  "scorm.player.tocTitle": "Onderdelen",
  "scorm.player.prerequisites.waitsFor": "Opent als je klaar bent met: {parts}",
  "scorm.player.prerequisites.refused":
    "Dit onderdeel kun je nog niet openen: rond eerst de onderdelen af die in de lijst bij dit onderdeel staan.",
  "scorm.player.tocCaption": "Onderdelen van deze module en je voortgang",
  "scorm.player.colPart": "Onderdeel",
  "scorm.player.colStatus": "Status",
  "scorm.player.status.notStarted": "Niet begonnen",
  "scorm.player.status.inProgress": "Bezig",
  "scorm.player.status.completed": "Afgerond",
  "scorm.player.status.passed": "Gehaald",
  "scorm.player.status.failed": "Niet gehaald",
  "scorm.player.start": "Begin met de module",
  "scorm.player.continue": "Ga verder",
  "scorm.player.review": "Bekijk de module opnieuw",
  "scorm.player.back": "Terug naar de module",
  "scorm.player.frameTitle": "Lesinhoud: {title}",
  "scorm.player.status": "Status van dit onderdeel: {status}",
  "scorm.player.autosave": "Je voortgang wordt vanzelf opgeslagen, ook als je dit venster sluit.",
  "scorm.player.saveFailed":
    "Je voortgang kon niet worden opgeslagen. Controleer je verbinding; als dit blijft gebeuren, meld het dan bij de beheerder.",
  "scorm.player.finished": "Je hebt dit onderdeel afgesloten.",
  "scorm.player.next": "Volgend onderdeel: {title}",
  "scorm.player.moduleCompleted": "Je hebt de module afgerond. Je certificaat staat klaar.",
  "scorm.player.toCertificates": "Naar mijn certificaten",
  "scorm.player.noScript":
    "Deze les heeft JavaScript nodig. Zet JavaScript aan in je browser en laad de pagina opnieuw.",
  "scorm.player.loading": "De les wordt geladen…",
  "scorm.player.external": "Dit onderdeel staat op een andere website.",
  "scorm.player.openExternal": "Open {title} in een nieuw venster",
  "scorm.player.current": "huidig onderdeel",
  "scorm.player.partOf": "Onderdeel {position} van {total}",
  "scorm.player.passedWith": "Afgerond met gemiddeld {percent}% goed.",
  "scorm.player.loginToStart": "Log in om te beginnen",
  "scorm.player.seq.previous": "Vorige",
  "scorm.player.seq.badRequest": "Deze navigatie-opdracht bestaat niet.",
  "scorm.player.seq.continue": "Volgende",
  "scorm.player.seq.exit": "Onderdeel afsluiten",
  "scorm.player.seq.navigation": "Navigatie door de module",
  "scorm.player.seq.unavailable": "nog niet beschikbaar",
  "scorm.player.seq.refused":
    "Dit onderdeel kun je nu niet openen: de volgorde van deze module bepaalt wat je als volgende doet.",
  "scorm.player.seq.moduleOpen": "Je hebt de module nog niet afgerond: {reason}",
  "scorm.player.seq.reason.incomplete": "niet alle verplichte onderdelen zijn afgerond.",
  "scorm.player.seq.reason.failed": "de toets van deze module is niet gehaald.",
} as const;

export const en: Record<keyof typeof nl, string> = {
  "scorm.error.notZip":
    "This file is not a ZIP file. Upload the SCORM package as your authoring tool exports it, as a .zip.",
  "scorm.error.encrypted": "The package is password protected ({file}). Export the package again without a password.",
  "scorm.error.unsupportedCompression":
    "{file} was compressed with a method we cannot unpack. Zip the package again with standard ZIP compression (Deflate).",
  "scorm.error.corruptZip": "The ZIP file is damaged or incomplete. Export the package again and upload it once more.",
  "scorm.error.unsafePath":
    "The package contains an unsafe file name: {file}. File names must not start with / or a drive letter and must not contain ..",
  "scorm.error.duplicatePath":
    "The package contains {file} more than once (names that differ only in upper and lower case count as the same file).",
  "scorm.error.unsupportedEntry":
    "{file} is a shortcut (symbolic link) or another special file. A package may only contain ordinary files and folders.",
  "scorm.error.tooLarge":
    "Unpacked, the package is larger than {limit} MB. Make the package smaller, for example by compressing videos.",
  "scorm.error.tooManyFiles": "The package contains more than {limit} files.",
  "scorm.error.noManifest":
    "There is no imsmanifest.xml in the root folder of the package. Is this a SCORM package? Zip the contents of the folder, not the folder itself.",
  "scorm.error.manifestWrongCase":
    "The manifest is called {file}, but it must be called exactly imsmanifest.xml (in lower case).",
  "scorm.error.unsupportedFormat":
    "This is a {format} package. Stigmavrij only plays SCORM 1.2 and SCORM 2004 (2nd, 3rd and 4th edition).",
  "scorm.error.manifestTooLarge": "imsmanifest.xml is larger than {limit} MB. That is not a normal SCORM manifest.",
  "scorm.error.invalidXml":
    "imsmanifest.xml is not valid XML (line {line}, column {column}). Check the file or export the package again.",
  "scorm.error.invalidXmlNoLine": "imsmanifest.xml is not valid XML. Check the file or export the package again.",
  "scorm.error.xmlEntities":
    "imsmanifest.xml defines its own XML entities (in the DOCTYPE). SCORM does not allow this and for security reasons we do not process them.",
  "scorm.error.notManifest":
    "imsmanifest.xml starts with <{element}> instead of <manifest>. This is not a valid SCORM manifest.",
  "scorm.error.unsupportedVersion":
    "This SCORM version ({version}) is not supported. Stigmavrij plays SCORM 1.2 and SCORM 2004 (2nd, 3rd and 4th edition).",
  "scorm.error.notScorm":
    "This is an IMS content package without SCORM. Export the lesson from your authoring tool as SCORM 1.2 or SCORM 2004.",
  "scorm.error.noLaunchableItems": "The manifest contains nothing that can be launched.",
  "scorm.error.resourceMissing":
    "Item “{item}” refers to resource “{resource}”, but that resource is not in imsmanifest.xml.",
  "scorm.error.resourceNoHref": "Resource “{resource}” (used by item “{item}”) has no launch file (href).",
  "scorm.error.launchMissing":
    "The launch file {file} of item “{item}” is missing from the package. Note that upper and lower case must match exactly.",
  "scorm.error.launchOutside": "The launch file {file} of item “{item}” lies outside the package.",
  "scorm.error.launchExternal":
    "Item “{item}” launches an external website ({file}). A SCO must be inside the package itself.",
  "scorm.warning.nestedFolder":
    "The package was inside one folder ({folder}). We use that folder as the root of the package.",
  "scorm.warning.defaultOrganizationMissing":
    "The default organization “{organization}” does not exist; we use the first organization, “{used}”.",
  "scorm.warning.noOrganizations": "The manifest has no content structure; we launch the resources in manifest order.",
  "scorm.warning.versionAssumed":
    "The manifest does not state a SCORM version; based on its namespaces we assume {version}.",
  "scorm.warning.subManifestIgnored":
    "The manifest contains a sub-manifest ({manifest}). Sub-manifests are not supported and were skipped.",
  "scorm.warning.subManifestItemSkipped": "Item “{item}” refers to a sub-manifest and was skipped.",
  "scorm.warning.scormTypeMissing":
    "Resource “{resource}” does not say whether it is a SCO or an asset; we treat it as a SCO.",
  "scorm.warning.filesMissing":
    "{count} file(s) listed in the manifest are missing from the package, for example {file}.",
  "scorm.warning.externalAsset": "Item “{item}” opens an external website: {file}.",
  "scorm.warning.invalidValue": "{element} of “{item}” has an invalid value ({value}) and is ignored.",
  "scorm.warning.externalHostsBlocked":
    "The package loads scripts, styles or fonts from other websites that the player blocks: {hosts}. Add them to SCORM_CONTENT_HOSTS if the package needs them (the learner's browser then contacts those websites).",
  "scorm.warning.externalHostsAllowed":
    "The package loads scripts, styles or fonts from other websites, allowed in SCORM_CONTENT_HOSTS: {hosts}.",
  "scorm.admin.title": "SCORM packages",
  "scorm.admin.intro":
    "Import e-learning made as a SCORM 1.2 or SCORM 2004 package. Each package becomes a module in the catalogue, with the same progress, cohorts, reports and certificates as the other modules.",
  "scorm.admin.sectionDescription": "Import SCORM packages and offer them as modules.",
  "scorm.admin.uploadTitle": "Import a package",
  "scorm.admin.uploadLabel": "SCORM package (.zip)",
  "scorm.admin.uploadHint":
    "SCORM 1.2 or SCORM 2004 (2nd, 3rd or 4th edition), at most {limit} MB. Only administrators can import packages: their content runs on this website.",
  "scorm.admin.uploadSubmit": "Import",
  "scorm.admin.uploadProgressLabel": "Upload progress",
  "scorm.admin.uploading": "Uploading: {percent}",
  "scorm.admin.processing": "The package has arrived and is now being unpacked and checked…",
  "scorm.admin.uploadFailed": "The upload failed. Check your connection and try again.",
  "scorm.admin.uploadTooLarge": "The file is larger than {limit} MB, the largest upload we accept.",
  "scorm.admin.uploadMissing": "Choose a SCORM package (.zip) to import.",
  "scorm.admin.uploadEmpty": "The chosen file is empty.",
  "scorm.admin.uploadUnreadable":
    "The upload was incomplete or could not be read. Nothing was stored; please try again.",
  "scorm.admin.listTitle": "Imported packages",
  "scorm.admin.listCaption": "Imported SCORM packages",
  "scorm.admin.none": "No SCORM packages have been imported yet.",
  "scorm.admin.colTitle": "Module",
  "scorm.admin.colVersion": "SCORM version",
  "scorm.admin.colScos": "Parts",
  "scorm.admin.colLearners": "Learners",
  "scorm.admin.colImported": "Imported",
  "scorm.admin.colStatus": "Status",
  "scorm.admin.statusActive": "In the catalogue",
  "scorm.admin.statusArchived": "Archived",
  "scorm.admin.edit": "Edit",
  "scorm.admin.version.1.2": "SCORM 1.2",
  "scorm.admin.version.2004-2nd": "SCORM 2004, 2nd edition",
  "scorm.admin.version.2004-3rd": "SCORM 2004, 3rd edition",
  "scorm.admin.version.2004-4th": "SCORM 2004, 4th edition",
  "scorm.admin.editTitle": "Edit {module}",
  "scorm.admin.back": "Back to the SCORM packages",
  "scorm.admin.imported":
    "The package has been imported and is in the catalogue as a module. Check the titles, the summaries and the duration.",
  "scorm.admin.saved": "The changes have been saved.",
  "scorm.admin.unchanged": "Nothing was changed.",
  "scorm.admin.archivedNotice": "The module has been archived: learners no longer see it in the catalogue.",
  "scorm.admin.unarchivedNotice": "The module is back in the catalogue.",
  "scorm.admin.viewModule": "View the module as learners see it",
  "scorm.admin.detailsTitle": "Package",
  "scorm.admin.identifier": "Identifier in the manifest",
  "scorm.admin.files": "Files",
  "scorm.admin.filesValue": "{count} files, {size} MB",
  "scorm.admin.importedAt": "Imported on",
  "scorm.admin.warningsTitle": "Notes from the import",
  "scorm.admin.scosTitle": "Parts",
  "scorm.admin.scoAsset": "file without a SCORM connection",
  "scorm.admin.scoMastery": "mastery score {score} in the package",
  "scorm.admin.scoPassing": "passing score {score}% in the package",
  "scorm.admin.settingsTitle": "Catalogue details",
  "scorm.admin.titleNl": "Title (Dutch)",
  "scorm.admin.titleEn": "Title (English)",
  "scorm.admin.summaryNl": "Summary (Dutch)",
  "scorm.admin.summaryEn": "Summary (English)",
  "scorm.admin.minutes": "Duration in minutes",
  "scorm.admin.minutesHint": "Roughly how long a learner takes. For this training 15 to 45 minutes is usual.",
  "scorm.admin.sectors": "For which sectors",
  "scorm.admin.passRule": "When is a part passed?",
  "scorm.admin.passRulePackage":
    "As the package reports it: completed, and passed when the package uses a score or mastery score",
  "scorm.admin.passRuleMastery": "With our own minimum score",
  "scorm.admin.masteryLabel": "Minimum score in percent",
  "scorm.admin.masteryHint":
    "Only with our own minimum score: a number from 1 to 100. It replaces the package's mastery score.",
  "scorm.admin.save": "Save",
  "scorm.admin.archiveTitle": "Archive",
  "scorm.admin.archiveIntro":
    "An archived module disappears from the catalogue and from the module list for cohorts. Progress and certificates are kept.",
  "scorm.admin.archive": "Archive the module",
  "scorm.admin.unarchive": "Put back in the catalogue",
  "scorm.admin.historyTitle": "History",
  "scorm.admin.historyCaption": "Changes to this module",
  "scorm.admin.historyWhen": "When",
  "scorm.admin.historyWho": "By",
  "scorm.admin.historyWhat": "What",
  "scorm.admin.historyUnknown": "Unknown",
  "scorm.admin.action.scorm.imported": "Package imported",
  "scorm.admin.action.scorm.module_updated": "Details changed",
  "scorm.admin.action.scorm.module_archived": "Archived",
  "scorm.admin.action.scorm.module_unarchived": "Put back in the catalogue",
  "scorm.admin.error.title": "Enter a title of at most 120 characters.",
  "scorm.admin.error.summary": "A summary is at most 500 characters.",
  "scorm.admin.error.minutes": "Enter a number of minutes, a whole number from 1 to 600.",
  "scorm.admin.error.sectors": "Choose at least one sector.",
  "scorm.admin.error.passRule": "Choose when a part is passed.",
  "scorm.admin.error.mastery": "Enter a minimum score, a whole number from 1 to 100.",
  "scorm.player.tocTitle": "Parts",
  "scorm.player.prerequisites.waitsFor": "Opens once you have finished: {parts}",
  "scorm.player.prerequisites.refused": "You cannot open this part yet: first finish the parts listed next to it.",
  "scorm.player.tocCaption": "Parts of this module and your progress",
  "scorm.player.colPart": "Part",
  "scorm.player.colStatus": "Status",
  "scorm.player.status.notStarted": "Not started",
  "scorm.player.status.inProgress": "In progress",
  "scorm.player.status.completed": "Completed",
  "scorm.player.status.passed": "Passed",
  "scorm.player.status.failed": "Not passed",
  "scorm.player.start": "Start the module",
  "scorm.player.continue": "Continue",
  "scorm.player.review": "Review the module",
  "scorm.player.back": "Back to the module",
  "scorm.player.frameTitle": "Lesson content: {title}",
  "scorm.player.status": "Status of this part: {status}",
  "scorm.player.autosave": "Your progress is saved automatically, also when you close this window.",
  "scorm.player.saveFailed":
    "Your progress could not be saved. Check your connection; if this keeps happening, tell the administrator.",
  "scorm.player.finished": "You have closed this part.",
  "scorm.player.next": "Next part: {title}",
  "scorm.player.moduleCompleted": "You have completed the module. Your certificate is ready.",
  "scorm.player.toCertificates": "Go to my certificates",
  "scorm.player.noScript": "This lesson needs JavaScript. Turn JavaScript on in your browser and reload the page.",
  "scorm.player.loading": "Loading the lesson…",
  "scorm.player.external": "This part is on another website.",
  "scorm.player.openExternal": "Open {title} in a new window",
  "scorm.player.current": "current part",
  "scorm.player.partOf": "Part {position} of {total}",
  "scorm.player.passedWith": "Completed with an average score of {percent}%.",
  "scorm.player.loginToStart": "Log in to start",
  "scorm.player.seq.previous": "Previous",
  "scorm.player.seq.badRequest": "This navigation request does not exist.",
  "scorm.player.seq.continue": "Next",
  "scorm.player.seq.exit": "Close this part",
  "scorm.player.seq.navigation": "Module navigation",
  "scorm.player.seq.unavailable": "not available yet",
  "scorm.player.seq.refused": "You cannot open this part now: the order of this module decides what you do next.",
  "scorm.player.seq.moduleOpen": "You have not completed the module yet: {reason}",
  "scorm.player.seq.reason.incomplete": "not every required part is completed.",
  "scorm.player.seq.reason.failed": "the module's test was not passed.",
};
