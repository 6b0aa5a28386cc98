// `npm run seed:load`: a database at production volume for the report dashboards — 100,000
// learners in 300 organisations, 1,500 cohorts and 400,000 cohort enrolments over 18 months, with
// lesson progress, assessment attempts (scored with the platform's own rules), completions and
// attitude answers — then the report tables built by rebuildAllReports. Deterministic for a given
// --seed and --now. See docs/load-testing.md.
//
//   npm run seed:load                          # data/load.db, full size
//   npm run seed:load -- --learners 2000       # everything scaled down, for a quick try
//   npm run seed:load -- --database file:/tmp/x.db --seed 7 --now 2026-11-01
//   npm run seed:load -- --database postgresql://user:pass@localhost:5432/load   # migrated, empty
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";

import { Prisma } from "@prisma/client";
import Database from "better-sqlite3";

import { drawQuestions, optionOrder } from "../app/assessment/draw";
import { createRandom, shuffle } from "../app/assessment/random";
import { scoreAttempt, scoreQuestion } from "../app/assessment/scoring";
import type { Question } from "../app/content/questions";
import { hashPassword } from "../app/auth/password.server";
import { loadCourses } from "../app/content/load.server";
import { syncCourses } from "../app/content/sync.server";
import { applyPragmas, createPrismaClient } from "../app/db/client.server";
import { databaseFile } from "../prisma/database-url";
import type { Sector } from "../app/domain/constants";
import { rebuildAllReports } from "../app/reports/refresh.server";
import { applyMigrationFiles } from "../prisma/apply-migrations";
import { checkCopyTarget, copySqliteToPostgres, CopyError, redact } from "../prisma/copy-to-postgres";

const DEFAULT_URL = "file:./data/load.db";
const PROTECTED_FILE = path.resolve("data/stigmavrij.db");
/** Every load account shares this password (hashed once). */
const LOAD_PASSWORD = "belastingtest-2026";

// Full-size figures; --learners scales the others proportionally.
const FULL_LEARNERS = 100_000;
const FULL_ORGANISATIONS = 300;
const FULL_COHORTS = 1_500;
const ENROLMENTS_PER_LEARNER = 4;
const SWAD_TRAINERS = 5;
const HISTORY_DAYS = 548;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Learners written per transaction: big enough for speed, small enough to keep memory flat. */
const BATCH = 500;

/** Share of organisations per sector (many banks and police units). */
const SECTOR_SHARES: [Sector, number][] = [
  ["bank", 75],
  ["police", 65],
  ["care", 60],
  ["municipality", 60],
  ["government", 30],
  ["other", 10],
];
/** Typical organisation size per sector, relative: banks and police units train many staff. */
const SECTOR_SIZE: Record<Sector, number> = {
  bank: 1.5,
  police: 1.4,
  care: 0.8,
  municipality: 0.6,
  government: 1.1,
  other: 0.4,
};

const PLACES = [
  "Amsterdam",
  "Rotterdam",
  "Den Haag",
  "Utrecht",
  "Eindhoven",
  "Groningen",
  "Tilburg",
  "Almere",
  "Breda",
  "Nijmegen",
  "Apeldoorn",
  "Haarlem",
  "Arnhem",
  "Enschede",
  "Amersfoort",
  "Zaanstad",
  "'s-Hertogenbosch",
  "Zwolle",
  "Leiden",
  "Maastricht",
  "Dordrecht",
  "Zoetermeer",
  "Ede",
  "Leeuwarden",
  "Alkmaar",
  "Emmen",
  "Delft",
  "Venlo",
  "Deventer",
  "Helmond",
  "Oss",
  "Hilversum",
  "Amstelveen",
  "Heerlen",
  "Sittard-Geleen",
  "Hoorn",
  "Gouda",
  "Purmerend",
  "Roosendaal",
  "Schiedam",
  "Lelystad",
  "Vlaardingen",
  "Almelo",
  "Assen",
  "Hengelo",
  "Den Helder",
  "Capelle aan den IJssel",
  "Veenendaal",
  "Katwijk",
  "Zeist",
  "Nieuwegein",
  "Roermond",
  "Middelburg",
  "Vlissingen",
  "Doetinchem",
  "Harderwijk",
  "Kampen",
  "Terneuzen",
  "Bergen op Zoom",
  "Woerden",
  "Meppel",
  "Sneek",
  "Drachten",
  "Heerenveen",
  "Tiel",
  "Waalwijk",
  "Weert",
  "Goes",
  "Hoogeveen",
  "Barneveld",
  "Culemborg",
  "Zutphen",
  "Houten",
  "Bussum",
  "Uden",
  "Veghel",
  "Beverwijk",
  "Velsen",
];
const POLICE_UNITS = [
  "Amsterdam",
  "Den Haag",
  "Rotterdam",
  "Zeeland-West-Brabant",
  "Oost-Brabant",
  "Limburg",
  "Oost-Nederland",
  "Midden-Nederland",
  "Noord-Holland",
  "Noord-Nederland",
];
const BANK_BRANDS = [
  "Hanzebank",
  "Polderbank",
  "Deltabank",
  "Noordkust Bank",
  "Lindeboom Bank",
  "Zuiderzee Bank",
  "Veluwe Spaarbank",
  "Rivierenland Bank",
  "Kempen Krediet",
  "Duinbank",
  "Waddenbank",
];
const BANK_UNITS = [
  "Particulieren",
  "Zakelijk",
  "Klantenservice",
  "Klantonderzoek",
  "Hypotheken",
  "Verzekeringen",
  "Compliance",
  "Kantoren Noord",
  "Kantoren Zuid",
  "Kantoren West",
  "Kantoren Oost",
  "Fraudeteam",
];
const NAME_TEMPLATES: Record<Sector, ((place: string, i: number) => string)[]> = {
  bank: [
    (_, i) =>
      `${BANK_BRANDS[i % BANK_BRANDS.length]} ${BANK_UNITS[Math.floor(i / BANK_BRANDS.length) % BANK_UNITS.length]}`,
  ],
  police: [
    (_, i) => `Politie eenheid ${POLICE_UNITS[i % POLICE_UNITS.length]}`,
    (place) => `Politie basisteam ${place}`,
  ],
  care: [
    (place) => `GGD ${place}`,
    (place) => `Ziekenhuis ${place}`,
    (place) => `Huisartsenpost ${place}`,
    (place) => `GGZ ${place}`,
    (place) => `Jeugdzorg ${place}`,
  ],
  municipality: [(place) => `Gemeente ${place}`],
  government: [
    (place) => `Belastingdienst kantoor ${place}`,
    (place) => `UWV ${place}`,
    (place) => `IND ${place}`,
    (place) => `Openbaar Ministerie ${place}`,
    (place) => `Arbeidsinspectie ${place}`,
  ],
  other: [
    (place) => `Woningcorporatie ${place}`,
    (place) => `Hogeschool ${place}`,
    (place) => `Stichting Buurtwerk ${place}`,
  ],
};
const COHORT_PARTS: Record<Sector, string[]> = {
  bank: [
    "regio Utrecht",
    "regio Randstad",
    "regio Noord",
    "regio Zuid",
    "regio Oost",
    "klantenservice",
    "backoffice",
    "nieuwe medewerkers",
  ],
  police: ["team Noord", "team Zuid", "team Centrum", "wijkagenten", "intake en service", "zedenteam", "recherche"],
  care: ["spoedeisende hulp", "poli", "verpleegafdeling", "wijkteam", "huisartsen", "jeugdteam", "intake"],
  municipality: [
    "team Handhaving",
    "Burgerzaken",
    "Werk en Inkomen",
    "Vergunningen",
    "sociaal wijkteam",
    "beleidsadviseurs",
  ],
  government: ["regio West", "regio Oost", "frontoffice", "toezicht", "beleid", "nieuwe medewerkers"],
  other: ["medewerkers", "vrijwilligers", "docenten", "nieuwe medewerkers"],
};
const MONTHS_NL = [
  "januari",
  "februari",
  "maart",
  "april",
  "mei",
  "juni",
  "juli",
  "augustus",
  "september",
  "oktober",
  "november",
  "december",
];
const FIRST_NAMES = [
  "Sanne",
  "Daan",
  "Fatima",
  "Mohammed",
  "Emma",
  "Lucas",
  "Özlem",
  "Pieter",
  "Noor",
  "Sem",
  "Ngozi",
  "Jan-Willem",
  "Lotte",
  "Bram",
  "Aisha",
  "Thijs",
  "Łucja",
  "Kevin",
  "Anouk",
  "Youssef",
  "Mila",
  "Ruben",
  "Priya",
  "Gert",
  "Esra",
  "Jeroen",
  "Maartje",
  "Tarik",
  "Iris",
  "Koen",
  "Chantal",
  "Sven",
  "Yara",
  "Hidde",
  "Naima",
  "Wouter",
  "Femke",
  "Rachid",
];
const LAST_NAMES = [
  "de Vries",
  "Jansen",
  "El Amrani",
  "Yıldız",
  "van den Berg",
  "Bakker",
  "Okafor",
  "Kowalska",
  "Janssen",
  "Smit",
  "Meijer",
  "de Boer",
  "Mulder",
  "de Groot",
  "Bos",
  "Visser",
  "Peters",
  "Hendriks",
  "van Dijk",
  "Kaya",
  "Dekker",
  "Brouwer",
  "de Wit",
  "Dijkstra",
  "Ramdin",
  "Vermeulen",
  "van Leeuwen",
  "Boukhari",
  "Willems",
  "Postma",
];
const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

interface Options {
  url: string;
  learners: number;
  seed: string;
  now: Date;
}

type Random = () => number;

interface LessonInfo {
  id: string;
  minutes: number;
  contentHash: string;
}

interface BankItem {
  id: string;
  topic: string | null;
  data: string;
  question: Question;
  /** Logit of answering right for an average learner: some questions are hard. */
  easiness: number;
}

interface ModuleInfo {
  id: string;
  sectors: string[];
  contentHash: string;
  minutes: number;
  hasAssessment: boolean;
  passMark: number;
  drawCount: number;
  maxAttempts: number;
  waitMinutes: number;
  lessons: LessonInfo[];
  bank: BankItem[];
  survey: { id: string; reverse: boolean; offset: number }[];
}

interface OrganisationPlan {
  id: string;
  name: string;
  sector: Sector;
  learners: number;
  /** Scales how many members start and finish: organisations differ. */
  engagement: number;
  cohorts: CohortPlan[];
}

interface CohortPlan {
  id: string;
  createdAt: number;
  deadline: number | null;
  closedAt: number | null;
  modules: ModuleInfo[];
  /** Relative popularity: some cohorts are much bigger than others. */
  weight: number;
}

function parseOptions(): Options {
  const { values } = parseArgs({
    options: {
      database: { type: "string" },
      learners: { type: "string" },
      seed: { type: "string" },
      now: { type: "string" },
      force: { type: "boolean", default: false },
    },
  });
  const url = values.database ?? process.env.DATABASE_URL ?? DEFAULT_URL;
  if (!url.startsWith("file:") && !/^postgres(ql)?:\/\//.test(url))
    fail(`--database must be a file: URL or a postgres:// / postgresql:// URL, got ${redact(url)}`);
  if (url.startsWith("file:") && databaseFile(url) === PROTECTED_FILE && !values.force) {
    fail(
      `${url} is the development database; seed:load replaces the whole file. Pass --database file:./data/load.db, or --force if you really mean it.`,
    );
  }
  const learners = Number(values.learners ?? FULL_LEARNERS);
  if (!Number.isInteger(learners) || learners < 100) fail("--learners must be a whole number of at least 100");
  const now = values.now ? new Date(`${values.now}T12:00:00Z`) : startOfTodayUtc();
  if (Number.isNaN(now.getTime())) fail("--now must be a date like 2026-11-01");
  return { url, learners, seed: values.seed ?? "stigmavrij-load", now };
}

function fail(message: string): never {
  console.error(`seed:load: ${message}`);
  process.exit(1);
}

/** Noon UTC today: a run on the same day gives the same database. */
function startOfTodayUtc(): Date {
  const today = new Date();
  return new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate(), 12));
}

/** Prisma keeps SQLite DateTime values as ISO text with an explicit offset. */
const iso = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));

function normal(random: Random): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

function exponential(random: Random, mean: number): number {
  return -Math.log(Math.max(random(), 1e-12)) * mean;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));
const pick = <T>(items: readonly T[], random: Random): T => items[Math.floor(random() * items.length)]!;
const pad = (n: number, width: number) => String(n).padStart(width, "0");

function weightedIndex(weights: readonly number[], random: Random): number {
  const total = weights.reduce((sum, w) => sum + w, 0);
  let r = random() * total;
  for (const [index, weight] of weights.entries()) {
    r -= weight;
    if (r < 0) return index;
  }
  return weights.length - 1;
}

/** Splits `total` over `weights` in whole numbers (largest remainder), at least `min` each. */
function apportion(total: number, weights: readonly number[], min = 0): number[] {
  const free = total - min * weights.length;
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (w / sum) * free);
  const counts = exact.map((x) => min + Math.floor(x));
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0]);
  let left = total - counts.reduce((a, b) => a + b, 0);
  for (const [, index] of order) {
    if (left-- <= 0) break;
    counts[index]! += 1;
  }
  return counts;
}

function format(n: number): string {
  return n.toLocaleString("en-GB");
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** A single status line that rewrites itself on a terminal and prints every ~10% otherwise. */
function progressLine(label: string) {
  const started = performance.now();
  let lastDecile = -1;
  return {
    update(done: number, total: number, rows?: number) {
      const share = total === 0 ? 1 : done / total;
      const elapsed = (performance.now() - started) / 1000;
      const rate =
        rows === undefined
          ? ""
          : `, ${format(rows)} rows, ${format(Math.round(rows / Math.max(elapsed, 0.001)))} rows/s`;
      const line = `  ${label}: ${format(done)}/${format(total)} (${(share * 100).toFixed(1)}%)${rate}, ${elapsed.toFixed(1)} s`;
      if (process.stdout.isTTY) process.stdout.write(`\r${line}\u001b[K`);
      else if (Math.floor(share * 10) > lastDecile) {
        lastDecile = Math.floor(share * 10);
        console.log(line);
      }
    },
    end() {
      if (process.stdout.isTTY) process.stdout.write("\n");
    },
  };
}

function prepareDatabaseFile(url: string): string {
  const file = databaseFile(url);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (const suffix of ["", "-wal", "-shm", "-journal"]) {
    if (fs.existsSync(file + suffix)) {
      if (suffix === "") console.log(`  replacing ${file}`);
      fs.rmSync(file + suffix);
    }
  }
  applyMigrationFiles(file);
  return file;
}

async function syncContent(url: string) {
  const prisma = createPrismaClient(url);
  try {
    await applyPragmas(prisma);
    const { modules, sharedSurvey, problems } = await loadCourses(path.resolve("courses"));
    if (problems.length > 0) fail(`courses/ has ${problems.length} problem(s); run npm run courses:check`);
    await syncCourses(prisma, modules, undefined, { sharedSurvey });
    return modules.length;
  } finally {
    await prisma.$disconnect();
  }
}

function readModules(db: Database.Database, random: Random): ModuleInfo[] {
  const modules = db
    .prepare(
      `SELECT id, sectors, contentHash, minutes, hasAssessment, passMark, drawCount, maxAttempts, waitMinutes, surveyKey
       FROM Module WHERE archived = 0 ORDER BY position`,
    )
    .all() as {
    id: string;
    sectors: string;
    contentHash: string;
    minutes: number;
    hasAssessment: number;
    passMark: number;
    drawCount: number;
    maxAttempts: number;
    waitMinutes: number;
    surveyKey: string | null;
  }[];
  const lessons = db.prepare(
    "SELECT id, minutes, contentHash FROM Lesson WHERE moduleId = ? AND archived = 0 ORDER BY position",
  );
  const questions = db.prepare(
    "SELECT id, topic, data FROM Question WHERE moduleId = ? AND kind = 'assessment' AND archived = 0 ORDER BY position",
  );
  const surveyItems = db.prepare(
    "SELECT id, reverse FROM SurveyItem WHERE surveyKey = ? AND archived = 0 ORDER BY position",
  );
  return modules.map((m) => ({
    id: m.id,
    sectors: JSON.parse(m.sectors) as string[],
    contentHash: m.contentHash,
    minutes: m.minutes,
    hasAssessment: m.hasAssessment === 1,
    passMark: m.passMark,
    drawCount: m.drawCount,
    maxAttempts: m.maxAttempts,
    waitMinutes: m.waitMinutes,
    lessons: lessons.all(m.id) as LessonInfo[],
    bank: (questions.all(m.id) as { id: string; topic: string | null; data: string }[]).map((q) => ({
      ...q,
      question: JSON.parse(q.data) as Question,
      // Mostly easy questions, a few that many learners get wrong.
      easiness: random() < 0.12 ? 0.2 + random() * 0.8 : 2.2 + normal(random) * 0.6,
    })),
    survey:
      m.surveyKey === null
        ? []
        : (surveyItems.all(m.surveyKey) as { id: string; reverse: number }[]).map((item) => ({
            id: item.id,
            reverse: item.reverse === 1,
            offset: normal(random) * 0.5,
          })),
  }));
}

/** Organisations with their size, sector and cohorts (plans only: the rows are written later). */
function planOrganisations(options: Options, modules: ModuleInfo[], random: Random): OrganisationPlan[] {
  const scale = options.learners / FULL_LEARNERS;
  const organisationCount = Math.max(SECTOR_SHARES.length, Math.round(FULL_ORGANISATIONS * scale));
  const cohortCount = Math.max(organisationCount, Math.round(FULL_COHORTS * scale));
  const perSector = apportion(
    organisationCount,
    SECTOR_SHARES.map(([, share]) => share),
    1,
  );
  const sectors = SECTOR_SHARES.flatMap(([sector], index) => Array.from({ length: perSector[index]! }, () => sector));

  const usedNames = new Set<string>();
  const byTemplate = new Map<Sector, number>();
  const plans = sectors.map((sector, index): OrganisationPlan => {
    const templates = NAME_TEMPLATES[sector];
    let name = "";
    for (let tries = 0; tries < 50 && (name === "" || usedNames.has(name)); tries++) {
      const i = byTemplate.get(sector) ?? 0;
      byTemplate.set(sector, i + 1);
      name = pick(templates, random)(pick(PLACES, random), i);
    }
    if (usedNames.has(name)) name = `${name} ${index + 1}`;
    usedNames.add(name);
    return {
      id: `load-org-${pad(index + 1, 4)}`,
      name,
      sector,
      learners: 0,
      engagement: clamp(1 + normal(random) * 0.06, 0.85, 1.1),
      cohorts: [],
    };
  });

  const sizeWeights = plans.map((plan) => SECTOR_SIZE[plan.sector] * Math.exp(normal(random) * 0.9));
  const learnerCounts = apportion(options.learners, sizeWeights, 1);
  plans.forEach((plan, i) => (plan.learners = learnerCounts[i]!));
  const cohortCounts = apportion(cohortCount, learnerCounts, 1);

  let cohortNumber = 0;
  const now = options.now.getTime();
  for (const [i, plan] of plans.entries()) {
    for (let c = 0; c < cohortCounts[i]!; c++) {
      cohortNumber += 1;
      // More cohorts lately: the platform grows. Density ∝ (0.4 + t) over the window, t in [0, 1].
      const t = Math.sqrt(0.16 + 1.8 * random()) - 0.4;
      const createdAt = now - HISTORY_DAYS * DAY + t * (HISTORY_DAYS - 2) * DAY + random() * DAY;
      const deadline = random() < 0.85 ? createdAt + (28 + random() * 50) * DAY : null;
      const closedAt =
        deadline !== null && deadline < now - 60 * DAY && random() < 0.45
          ? deadline + (14 + random() * 30) * DAY
          : null;
      plan.cohorts.push({
        id: `load-cohort-${pad(cohortNumber, 5)}`,
        createdAt,
        deadline,
        closedAt,
        modules: cohortModules(plan.sector, modules, random),
        weight: Math.exp(normal(random) * 0.8),
      });
    }
  }
  return plans;
}

/** 1–4 modules: mostly the basic module first, then the sector's own, then any other. */
function cohortModules(sector: Sector, modules: ModuleInfo[], random: Random): ModuleInfo[] {
  const count = [1, 2, 2, 2, 3, 3, 3, 4, 4, 1][Math.floor(random() * 10)]!;
  const forSector = modules.filter((m) => m.sectors.includes(sector));
  const general = forSector.filter((m) => m.sectors.length >= 6);
  const specific = shuffle(
    forSector.filter((m) => m.sectors.length < 6),
    random,
  );
  const ordered = random() < 0.9 ? [...general, ...specific] : [...specific, ...general];
  const others = shuffle(
    modules.filter((m) => !ordered.includes(m)),
    random,
  );
  return [...ordered, ...others].slice(0, Math.min(count, modules.length));
}

function cohortName(organisation: OrganisationPlan, cohort: CohortPlan, random: Random): string {
  const date = new Date(cohort.createdAt);
  return `${organisation.name} — ${pick(COHORT_PARTS[organisation.sector], random)} — ${MONTHS_NL[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

function joinCode(random: Random, used: Set<string>): string {
  for (;;) {
    const code = Array.from({ length: 8 }, () => CROCKFORD[Math.floor(random() * 32)]).join("");
    if (!used.has(code)) {
      used.add(code);
      return code;
    }
  }
}

function statements(db: Database.Database) {
  return {
    organisation: db.prepare("INSERT INTO Organisation (id, name, sector, joinCode, createdAt) VALUES (?, ?, ?, ?, ?)"),
    user: db.prepare(
      `INSERT INTO User (id, email, name, passwordHash, role, locale, sector, organisationId, allOrganisations, createdAt, updatedAt)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    trainer: db.prepare("INSERT INTO OrganisationTrainer (organisationId, userId, createdAt) VALUES (?, ?, ?)"),
    cohort: db.prepare(
      "INSERT INTO Cohort (id, organisationId, name, joinCode, deadline, closedAt, createdById, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    ),
    cohortModule: db.prepare("INSERT INTO CohortModule (cohortId, moduleId, position) VALUES (?, ?, ?)"),
    member: db.prepare("INSERT INTO CohortMember (cohortId, userId, joinedAt) VALUES (?, ?, ?)"),
    enrollment: db.prepare(
      `INSERT INTO Enrollment (id, userId, moduleId, status, contentHash, startedAt, completedAt, lastLessonId, lastActivityAt, preSurvey, postSurvey)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    lessonProgress: db.prepare(
      `INSERT INTO LessonProgress (id, userId, lessonId, firstSeenAt, lastSeenAt, completedAt, contentHash, activeSeconds, lastActiveAt)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    attempt: db.prepare(
      `INSERT INTO AssessmentAttempt (id, userId, moduleId, number, seed, contentHash, passMark, status, startedAt, submittedAt, earned, possible, percent, passed, reportedMinutes)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    attemptItem: db.prepare(
      "INSERT INTO AttemptItem (attemptId, position, questionId, question, optionOrder, selected, score) VALUES (?, ?, ?, ?, ?, ?, ?)",
    ),
    completion: db.prepare(
      "INSERT INTO ModuleCompletion (id, userId, moduleId, completedAt, contentHash, attemptId, percent) VALUES (?, ?, ?, ?, ?, ?, ?)",
    ),
    attitude: db.prepare(
      "INSERT INTO AttitudeAnswer (userId, moduleId, itemId, before, beforeAt, after, afterAt) VALUES (?, ?, ?, ?, ?, ?, ?)",
    ),
  };
}

type Statements = ReturnType<typeof statements>;

/** Trainers per organisation (some regional trainers serve two or three), SWAD-wide trainers, one admin. */
function writeStaff(
  sql: Statements,
  plans: OrganisationPlan[],
  passwordHash: string,
  random: Random,
  now: number,
): number {
  let rows = 0;
  const created = iso(now - HISTORY_DAYS * DAY - 7 * DAY);
  const user = (
    id: string,
    email: string,
    name: string,
    role: string,
    sector: Sector,
    organisationId: string | null,
    all: boolean,
  ) => {
    sql.user.run(id, email, name, passwordHash, role, "nl", sector, organisationId, all ? 1 : 0, created, created);
    rows++;
  };
  user("load-admin", "beheer@load.example", "Beheerder Belastingtest", "admin", "other", null, false);
  for (let i = 1; i <= SWAD_TRAINERS; i++) {
    user(
      `load-swad-${i}`,
      `trainer-${i}@swad.example`,
      `${pick(FIRST_NAMES, random)} ${pick(LAST_NAMES, random)}`,
      "trainer",
      "other",
      null,
      true,
    );
  }
  let trainerNumber = 0;
  for (const [index, plan] of plans.entries()) {
    const count = plan.learners > 1500 ? 3 : plan.learners > 300 ? 2 : 1;
    for (let t = 0; t < count; t++) {
      trainerNumber++;
      const id = `load-trainer-${pad(trainerNumber, 4)}`;
      user(
        id,
        `trainer-${pad(trainerNumber, 4)}@${plan.id}.example`,
        `${pick(FIRST_NAMES, random)} ${pick(LAST_NAMES, random)}`,
        "trainer",
        plan.sector,
        plan.id,
        false,
      );
      sql.trainer.run(plan.id, id, created);
      rows++;
      // Every tenth trainer also serves the next one or two organisations of the same sector.
      if (t === 0 && trainerNumber % 10 === 0) {
        const extra = plans
          .slice(index + 1)
          .filter((other) => other.sector === plan.sector)
          .slice(0, trainerNumber % 20 === 0 ? 2 : 1);
        for (const other of extra) {
          sql.trainer.run(other.id, id, created);
          rows++;
        }
      }
    }
  }
  return rows;
}

function writeOrganisationsAndCohorts(sql: Statements, plans: OrganisationPlan[], random: Random, now: number): number {
  let rows = 0;
  const codes = new Set<string>();
  for (const plan of plans) {
    const firstCohort = Math.min(...plan.cohorts.map((c) => c.createdAt));
    sql.organisation.run(
      plan.id,
      plan.name,
      plan.sector,
      joinCode(random, codes),
      iso(Math.min(now, firstCohort) - 30 * DAY),
    );
    rows++;
    for (const cohort of plan.cohorts) {
      sql.cohort.run(
        cohort.id,
        plan.id,
        cohortName(plan, cohort, random),
        joinCode(random, codes),
        isoOrNull(cohort.deadline),
        isoOrNull(cohort.closedAt),
        null,
        iso(cohort.createdAt),
      );
      rows++;
      for (const [position, module] of cohort.modules.entries()) {
        sql.cohortModule.run(cohort.id, module.id, position);
        rows++;
      }
    }
  }
  return rows;
}

/** What one learner did in one module: the rows, written as the story unfolds, cut off at `now`. */
function simulateModule(
  sql: Statements,
  random: Random,
  learner: { id: string; ability: number; attitude: number; engagement: number },
  module: ModuleInfo,
  joinedAt: number,
  deadline: number | null,
  now: number,
): number {
  let rows = 0;
  const pressure = deadline !== null && deadline < now ? 1.04 : 1;
  if (random() > 0.8 * learner.engagement * pressure) return 0;
  // Most start within days of joining; a deadline pulls the stragglers in.
  const startedAt =
    joinedAt +
    Math.min(exponential(random, 4 * DAY), deadline !== null ? Math.max(DAY, deadline - joinedAt) : 60 * DAY);
  if (startedAt > now || module.lessons.length === 0) return 0;
  const enrollmentId = `${learner.id}-${module.id}`;

  const finishesLessons = random() < 0.84 * learner.engagement;
  const lessonsToComplete = finishesLessons ? module.lessons.length : Math.floor(random() * module.lessons.length);
  let t = startedAt;
  let lastLessonId = module.lessons[0]!.id;
  let lastActivity = startedAt;
  let lessonsDoneAt: number | null = null;
  for (const [index, lesson] of module.lessons.entries()) {
    if (index > lessonsToComplete || t > now) break;
    const duration = lesson.minutes * MINUTE * Math.exp(normal(random) * 0.35);
    const completes = index < lessonsToComplete && t + duration <= now;
    const leftAt = completes ? t + duration : Math.min(now, t + duration * random());
    const seen = iso(leftAt);
    sql.lessonProgress.run(
      `${enrollmentId}-l${index}`,
      learner.id,
      lesson.id,
      iso(t),
      seen,
      completes ? seen : null,
      lesson.contentHash,
      Math.round((leftAt - t) / 1000),
      seen,
    );
    rows++;
    lastLessonId = lesson.id;
    lastActivity = leftAt;
    if (!completes) break;
    if (index === module.lessons.length - 1) lessonsDoneAt = leftAt;
    t = leftAt + (random() < 0.65 ? exponential(random, 3 * MINUTE) : exponential(random, 2 * DAY));
  }

  // Attempts: first soon after the last lesson, a resit after the waiting time; pass or give up.
  let completedAt: number | null = null;
  let passedAttempt: { id: string; percent: number } | null = null;
  if (lessonsDoneAt !== null && !module.hasAssessment) completedAt = lessonsDoneAt;
  if (lessonsDoneAt !== null && module.hasAssessment && module.bank.length > 0 && random() < 0.93) {
    const history: string[][] = [];
    let start = lessonsDoneAt + (random() < 0.7 ? exponential(random, 10 * MINUTE) : exponential(random, 1.5 * DAY));
    const maxAttempts = module.maxAttempts > 0 ? module.maxAttempts : 3;
    for (let number = 1; number <= maxAttempts && start <= now; number++) {
      const seed = Array.from({ length: 4 }, () =>
        Math.floor(random() * 2 ** 32)
          .toString(16)
          .padStart(8, "0"),
      ).join("");
      const drawn = drawQuestions({
        bank: module.bank,
        count: Math.min(module.drawCount, module.bank.length),
        seed,
        history,
      });
      history.push(drawn);
      const submittedAt = start + (4 + random() * 12) * MINUTE;
      const abandoned = random() < 0.02;
      const submitted = !abandoned && submittedAt <= now;
      const attemptId = `${enrollmentId}-a${number}`;
      const items = drawn.map((questionId, position) => {
        const item = module.bank.find((q) => q.id === questionId)!;
        const order = optionOrder(item.question, `${seed}:${item.question.id}`);
        const selected = submitted ? answer(item, order, learner.ability + 0.35 * (number - 1), random) : [];
        return { item, position, order, selected, score: submitted ? scoreQuestion(item.question, selected) : null };
      });
      const result = submitted
        ? scoreAttempt(
            items.map((i) => ({ question: i.item.question, selected: i.selected })),
            module.passMark,
          )
        : null;
      const lastTouch = submitted ? submittedAt : Math.min(now, start + random() * 8 * MINUTE);
      sql.attempt.run(
        attemptId,
        learner.id,
        module.id,
        number,
        seed,
        module.contentHash,
        module.passMark,
        submitted ? "submitted" : "in_progress",
        iso(start),
        submitted ? iso(submittedAt) : null,
        result?.earned ?? null,
        result?.possible ?? null,
        result?.percent ?? null,
        result === null ? null : result.passed ? 1 : 0,
        submitted ? Math.max(1, Math.round(module.minutes * Math.exp(normal(random) * 0.3))) : null,
      );
      rows++;
      for (const i of items) {
        sql.attemptItem.run(
          attemptId,
          i.position,
          i.item.id,
          i.item.data,
          JSON.stringify(i.order),
          i.selected.length > 0 ? JSON.stringify(i.selected) : null,
          i.score,
        );
        rows++;
      }
      lastActivity = Math.max(lastActivity, lastTouch);
      if (!submitted) break;
      if (result!.passed) {
        completedAt = submittedAt;
        passedAttempt = { id: attemptId, percent: result!.percent };
        break;
      }
      if (random() > 0.85) break;
      start = submittedAt + module.waitMinutes * MINUTE + exponential(random, DAY);
    }
  }
  if (completedAt !== null) {
    sql.completion.run(
      `${enrollmentId}-c`,
      learner.id,
      module.id,
      iso(completedAt),
      module.contentHash,
      passedAttempt?.id ?? null,
      passedAttempt?.percent ?? null,
    );
    rows++;
  }

  // Attitude survey: before the first lesson for most, after completion for most finishers.
  const preSurvey = random() < 0.87 ? "answered" : "skipped";
  const afterAt = completedAt === null ? null : completedAt + (1 + random() * 3) * MINUTE;
  const postRoll = random();
  const postSurvey =
    afterAt === null || afterAt > now ? null : postRoll < 0.82 ? "answered" : postRoll < 0.92 ? "skipped" : null;
  if (module.survey.length > 0 && (preSurvey === "answered" || postSurvey === "answered")) {
    const shift = 0.45 + normal(random) * 0.35;
    for (const item of module.survey) {
      const positive = 3.1 + learner.attitude + item.offset + normal(random) * 0.6;
      const stored = (value: number) => {
        const likert = clamp(Math.round(value), 1, 5);
        return item.reverse ? 6 - likert : likert;
      };
      sql.attitude.run(
        learner.id,
        module.id,
        item.id,
        preSurvey === "answered" ? stored(positive) : null,
        preSurvey === "answered" ? iso(startedAt - 2 * MINUTE) : null,
        postSurvey === "answered" ? stored(positive + shift + normal(random) * 0.3) : null,
        postSurvey === "answered" ? iso(afterAt!) : null,
      );
      rows++;
    }
  }
  if (afterAt !== null && postSurvey !== null) lastActivity = Math.max(lastActivity, afterAt);

  sql.enrollment.run(
    `${enrollmentId}-e`,
    learner.id,
    module.id,
    completedAt === null ? "in_progress" : "completed",
    module.contentHash,
    iso(startedAt),
    isoOrNull(completedAt),
    lastLessonId,
    iso(lastActivity),
    preSurvey,
    postSurvey,
  );
  return rows + 1;
}

/** A learner's answer to one drawn question (authored option indices, in display order). */
function answer(item: BankItem, order: number[], ability: number, random: Random): number[] {
  const options = item.question.options;
  const correct = order.filter((index) => options[index]!.correct);
  const wrong = order.filter((index) => !options[index]!.correct);
  if (random() < sigmoid(item.easiness + ability)) return correct;
  if (random() < 0.01) return [];
  if (item.question.type !== "multiple") {
    // Wrong answers cluster on the most tempting distractor: the first authored wrong option.
    const tempting = Math.min(...wrong);
    return [random() < 0.55 ? tempting : pick(wrong, random)];
  }
  const roll = random();
  if (roll < 0.5 && correct.length > 1) return correct.filter((index) => index !== pick(correct, random));
  if (roll < 0.8 && wrong.length > 0) return [...correct, pick(wrong, random)];
  return [pick(correct, random)];
}

/**
 * For a PostgreSQL target the data is generated into a scratch SQLite file with the fast bulk
 * path below, report tables included, and then copied with db:copy-to-postgres's copier
 * (prisma/copy-to-postgres.ts), which keeps ids, dates and booleans exact. The target must be
 * migrated and empty; it is checked before the minutes of generating start.
 */
async function main() {
  const options = parseOptions();
  const postgresTarget = options.url.startsWith("file:") ? null : options.url;
  if (postgresTarget) {
    try {
      await checkCopyTarget(postgresTarget);
    } catch (error) {
      if (error instanceof CopyError) fail(error.message);
      throw error;
    }
  }
  const sqliteUrl = postgresTarget
    ? `file:${path.resolve("data", `.seed-load-${process.pid}-${Date.now()}.db`)}`
    : options.url;
  try {
    await seed({ ...options, url: sqliteUrl }, postgresTarget);
  } finally {
    if (postgresTarget) removeDatabaseFile(sqliteUrl);
  }
}

function removeDatabaseFile(url: string) {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(databaseFile(url) + suffix, { force: true });
}

async function seed(options: Options, postgresTarget: string | null) {
  const totalStart = performance.now();
  const now = options.now.getTime();
  const random = createRandom(`${options.seed}:plan`);
  console.log(
    `seed:load — ${format(options.learners)} learners into ${redact(postgresTarget ?? options.url)} (seed "${options.seed}", now ${options.now.toISOString().slice(0, 10)})`,
  );
  if (postgresTarget) console.log(`  generating into the scratch SQLite file ${databaseFile(options.url)} first`);

  let phase = performance.now();
  const file = prepareDatabaseFile(options.url);
  console.log(`  migrated in ${seconds(performance.now() - phase)}`);
  phase = performance.now();
  const moduleCount = await syncContent(options.url);
  console.log(`  synced ${moduleCount} modules from courses/ in ${seconds(performance.now() - phase)}`);

  const db = new Database(file);
  // A scratch database: a crash only means running the seed again, so no journal to write twice.
  db.pragma("journal_mode = MEMORY");
  db.pragma("synchronous = OFF");
  db.pragma("cache_size = -262144");
  const sql = statements(db);
  const modules = readModules(db, random);
  const plans = planOrganisations(options, modules, random);
  const passwordHash = await hashPassword(LOAD_PASSWORD);

  phase = performance.now();
  const setupRows = db.transaction(
    () => writeOrganisationsAndCohorts(sql, plans, random, now) + writeStaff(sql, plans, passwordHash, random, now),
  )();
  const cohortTotal = plans.reduce((sum, p) => sum + p.cohorts.length, 0);
  console.log(
    `  ${plans.length} organisations, ${format(cohortTotal)} cohorts, trainers and an admin: ${format(setupRows)} rows in ${seconds(performance.now() - phase)}`,
  );

  phase = performance.now();
  const target = options.learners * ENROLMENTS_PER_LEARNER;
  const counts = { rows: 0, enrolments: 0 };
  let learnersDone = 0;
  const progress = progressLine("learners");
  const writeLearner = (plan: OrganisationPlan, number: number) => {
    const r = createRandom(`${options.seed}:learner:${number}`);
    const id = `load-u-${pad(number, 6)}`;
    // Cohort enrolments still needed per remaining learner keeps the total near the target.
    const wanted = Math.max(
      1,
      Math.round(((target - counts.enrolments) / (options.learners - learnersDone)) * (0.4 + 1.2 * r())),
    );
    const available = [...plan.cohorts];
    const joined: { cohort: CohortPlan; at: number }[] = [];
    let enrolments = 0;
    while (enrolments < wanted && available.length > 0) {
      const [cohort] = available.splice(
        weightedIndex(
          available.map((c) => c.weight),
          r,
        ),
        1,
      );
      const latest = Math.min(now, cohort!.closedAt ?? now, cohort!.deadline ?? now);
      const at = Math.max(
        cohort!.createdAt,
        Math.min(latest - r() * 2 * HOUR, cohort!.createdAt + exponential(r, 6 * DAY)),
      );
      joined.push({ cohort: cohort!, at });
      enrolments += cohort!.modules.length;
    }
    const firstJoin = Math.min(...joined.map((j) => j.at));
    const first = pick(FIRST_NAMES, r);
    const last = pick(LAST_NAMES, r);
    const created = iso(firstJoin - r() * HOUR);
    sql.user.run(
      id,
      `learner-${pad(number, 6)}@${plan.id}.example`,
      `${first} ${last}`,
      passwordHash,
      "learner",
      r() < 0.1 ? "en" : "nl",
      plan.sector,
      plan.id,
      0,
      created,
      created,
    );
    counts.rows++;
    // A module in two of the learner's cohorts is learned once, from the earliest join.
    const firstJoinByModule = new Map<ModuleInfo, { at: number; deadline: number | null }>();
    for (const { cohort, at } of joined.sort((a, b) => a.at - b.at)) {
      sql.member.run(cohort.id, id, iso(at));
      counts.rows++;
      for (const module of cohort.modules) {
        if (!firstJoinByModule.has(module)) firstJoinByModule.set(module, { at, deadline: cohort.deadline });
      }
    }
    counts.enrolments += enrolments;
    const learner = { id, ability: normal(r) * 0.8, attitude: normal(r) * 0.7, engagement: plan.engagement };
    for (const [module, join] of firstJoinByModule)
      counts.rows += simulateModule(sql, r, learner, module, join.at, join.deadline, now);
  };

  const writeBatch = db.transaction((batch: { plan: OrganisationPlan; number: number }[]) => {
    for (const { plan, number } of batch) {
      writeLearner(plan, number);
      learnersDone++;
    }
  });
  let batch: { plan: OrganisationPlan; number: number }[] = [];
  let number = 0;
  for (const plan of plans) {
    for (let i = 0; i < plan.learners; i++) {
      batch.push({ plan, number: ++number });
      if (batch.length === BATCH) {
        writeBatch(batch);
        batch = [];
        progress.update(learnersDone, options.learners, counts.rows);
      }
    }
  }
  writeBatch(batch);
  progress.update(learnersDone, options.learners, counts.rows);
  progress.end();
  const seedMs = performance.now() - phase;
  console.log(
    `  learners written in ${seconds(seedMs)}: ${format(counts.enrolments)} cohort enrolments, ${format(counts.rows)} rows`,
  );
  db.close();

  phase = performance.now();
  const prisma = createPrismaClient(options.url);
  try {
    await applyPragmas(prisma);
    const reports = progressLine("reports");
    await rebuildAllReports(prisma, { now: options.now, onProgress: (done, total) => reports.update(done, total) });
    reports.end();
  } finally {
    await prisma.$disconnect();
  }
  const reportMs = performance.now() - phase;
  console.log(`  report tables rebuilt in ${seconds(reportMs)}`);

  if (postgresTarget) {
    phase = performance.now();
    const copy = progressLine("copied to PostgreSQL (tables)");
    let tablesDone = 0;
    const { tables } = await copySqliteToPostgres({
      from: options.url,
      to: postgresTarget,
      onProgress: (event) => {
        if (event.kind === "table" && event.copied === event.total)
          copy.update(++tablesDone, Prisma.dmmf.datamodel.models.length);
      },
    });
    copy.end();
    const rows = tables.reduce((sum, table) => sum + table.rows, 0);
    console.log(
      `  ${format(rows)} rows in ${tables.length} tables copied to PostgreSQL, counts checked, in ${seconds(performance.now() - phase)}`,
    );
  }

  summarise(file, performance.now() - totalStart, postgresTarget);
}

const SUMMARY_TABLES = [
  "Organisation",
  "User",
  "OrganisationTrainer",
  "Cohort",
  "CohortModule",
  "CohortMember",
  "Enrollment",
  "LessonProgress",
  "AssessmentAttempt",
  "AttemptItem",
  "ModuleCompletion",
  "AttitudeAnswer",
  "ReportFact",
  "ReportRollup",
  "ItemRollup",
  "AttitudeRollup",
];

function summarise(file: string, elapsedMs: number, postgresTarget: string | null) {
  const db = new Database(file);
  try {
    db.pragma("wal_checkpoint(TRUNCATE)");
    console.log("\n| table | rows |\n|---|---:|");
    for (const table of SUMMARY_TABLES) {
      const { n } = db.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number };
      console.log(`| ${table} | ${format(n)} |`);
    }
    const funnel = db
      .prepare(
        `SELECT count(*) AS enrolled, count(startedAt) AS started, count(completedAt) AS completed, count(passedAt) AS passed
         FROM ReportFact`,
      )
      .get() as { enrolled: number; started: number; completed: number; passed: number };
    const share = (n: number) => `${((n / Math.max(1, funnel.enrolled)) * 100).toFixed(1)}%`;
    console.log(
      `\nfunnel (report facts): ${format(funnel.enrolled)} enrolled, ${share(funnel.started)} started, ${share(funnel.completed)} completed, ${share(funnel.passed)} passed`,
    );
  } finally {
    db.close();
  }
  const size = fs.statSync(file).size;
  if (postgresTarget) console.log(`database: ${redact(postgresTarget)}; total ${seconds(elapsedMs)}`);
  else console.log(`database: ${file}, ${(size / 1024 / 1024).toFixed(0)} MiB; total ${seconds(elapsedMs)}`);
  console.log(`every load account's password: ${LOAD_PASSWORD} (admin: beheer@load.example)`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
