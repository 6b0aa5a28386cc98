import type { Locale, Role, Sector } from "../app/domain/constants";

/** Demo data for a fresh install. The README lists the same accounts. */
export const DEMO_ORGANISATION = {
  name: "Voorbeeldbank (demo)",
  sector: "bank" as Sector,
  joinCode: "VOORBEELDBANK",
};

export interface DemoAccount {
  email: string;
  password: string;
  name: string;
  role: Role;
  locale: Locale;
  sector: Sector;
  inDemoOrganisation: boolean;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    email: "admin@stigmavrij.test",
    password: "demo-beheerder",
    name: "Amira Beheer",
    role: "admin",
    locale: "nl",
    sector: "other",
    inDemoOrganisation: false,
  },
  {
    email: "trainer@stigmavrij.test",
    password: "demo-trainer1",
    name: "Tom Trainer",
    role: "trainer",
    locale: "nl",
    sector: "other",
    inDemoOrganisation: true,
  },
  {
    email: "sanne@stigmavrij.test",
    password: "demo-deelnemer1",
    name: "Sanne de Vries",
    role: "learner",
    locale: "nl",
    sector: "bank",
    inDemoOrganisation: true,
  },
  {
    email: "alex@stigmavrij.test",
    password: "demo-learner2",
    name: "Alex Morgan",
    role: "learner",
    locale: "en",
    sector: "police",
    inDemoOrganisation: false,
  },
  {
    email: "noor@stigmavrij.test",
    password: "demo-zorg1",
    name: "Noor Jansen",
    role: "learner",
    locale: "nl",
    sector: "care",
    inDemoOrganisation: false,
  },
];

/** An accredited demo module, and a care learner who completed it (so certificates have something to show). */
export const DEMO_ACCREDITATION = {
  moduleId: "zorg",
  validityMonths: 24,
  reminderDays: 30,
  accreditations: [
    // Points follow the module's stated minutes (pointsForMinutes in app/reports/study-load.ts).
    { register: "vvn", accreditationId: "DEMO-VVN-0001" },
    { register: "registerplein", accreditationId: "DEMO-RP-0001" },
  ],
  learnerEmail: "noor@stigmavrij.test",
  learnerNumbers: [{ register: "vvn", number: "09876543210" }],
} as const;
