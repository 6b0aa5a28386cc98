/**
 * Rewrites app/domain/printable-characters.ts from the certificate fonts: run it after
 * changing a font or the supported scripts (`npm run certificates:characters`).
 */
import { writeFileSync } from "node:fs";
import path from "node:path";

import {
  certificateFontFiles,
  printableCharactersModule,
  printableRanges,
} from "../app/certificates/font-coverage.server";

const target = path.resolve("app/domain/printable-characters.ts");
const ranges = printableRanges(certificateFontFiles());
writeFileSync(target, printableCharactersModule(ranges));
console.log(`${path.relative(process.cwd(), target)}: ${ranges.length} ranges`);
