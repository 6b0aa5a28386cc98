import fs from "node:fs/promises";
import path from "node:path";

import { ScormPackageError, scormWarning, type ScormWarning } from "./errors";
import { packageExternalOrigins } from "./external-hosts.server";
import { MANIFEST_FILE_NAME, MAX_MANIFEST_BYTES, parseScormManifest, type ScormManifest } from "./manifest.server";
import { unzipPackage, type UnzipOptions } from "./unzip.server";

export interface InspectedPackage {
  manifest: ScormManifest;
  /** Absolute path of the folder holding imsmanifest.xml: launch paths are relative to it. */
  root: string;
  /** Absolute path of everything that was unpacked (root or its parent); delete this to remove the package. */
  directory: string;
  warnings: ScormWarning[];
  /** Origins the package's HTML and CSS load scripts, styles or fonts from (external-hosts.server.ts). */
  externalOrigins: string[];
}

/** Packages in these formats have no imsmanifest.xml; recognise them to say what they are. */
const FOREIGN_FORMAT_FILES: ReadonlyArray<{ test: (name: string) => boolean; format: string }> = [
  { test: (name) => name.toLowerCase() === "cmi5.xml", format: "cmi5" },
  { test: (name) => name.toLowerCase() === "tincan.xml", format: "xAPI (Tin Can)" },
  { test: (name) => /\.(crs|au|des|cst)$/i.test(name), format: "AICC" },
];

/**
 * The whole import check of an uploaded SCORM ZIP: unpack it safely into `destination`, find and
 * parse imsmanifest.xml, and check that every launch file is really in the package. On any
 * refusal the destination is removed again and a {@link ScormPackageError} is thrown.
 */
export async function inspectScormPackage(
  zip: string | Buffer,
  destination: string,
  options: UnzipOptions = {},
): Promise<InspectedPackage> {
  const unzipped = await unzipPackage(zip, destination, options);
  try {
    const warnings: ScormWarning[] = [];
    const { prefix, nestedFolder } = locateManifest(unzipped.files);
    if (nestedFolder) warnings.push(scormWarning("nestedFolder", { folder: nestedFolder }));
    const root = path.join(unzipped.directory, ...prefix.split("/").filter(Boolean));
    const packageFiles = new Set(
      unzipped.files.filter((file) => file.startsWith(prefix)).map((file) => file.slice(prefix.length)),
    );

    const manifestPath = path.join(root, MANIFEST_FILE_NAME);
    const { size } = await fs.stat(manifestPath);
    if (size > MAX_MANIFEST_BYTES) {
      throw new ScormPackageError("manifestTooLarge", { limit: MAX_MANIFEST_BYTES / (1024 * 1024) });
    }
    const parsed = parseScormManifest(await fs.readFile(manifestPath));
    warnings.push(...parsed.warnings);

    for (const sco of parsed.manifest.scos) {
      // The set holds the names exactly as unpacked, so this is case-sensitive on any disk.
      if (sco.launch.kind === "package" && !packageFiles.has(sco.launch.path)) {
        throw new ScormPackageError("launchMissing", { item: sco.title, file: sco.launch.path });
      }
    }
    const missingFiles = [
      ...new Set(
        parsed.manifest.resources.flatMap((resource) => resource.files).filter((file) => !packageFiles.has(file)),
      ),
    ];
    if (missingFiles.length > 0) {
      warnings.push(scormWarning("filesMissing", { count: missingFiles.length, file: missingFiles[0] ?? "" }));
    }
    const externalOrigins = await packageExternalOrigins(root, [...packageFiles]);
    return { manifest: parsed.manifest, root, directory: unzipped.directory, warnings, externalOrigins };
  } catch (error) {
    await fs.rm(unzipped.directory, { recursive: true, force: true });
    throw error;
  }
}

/**
 * imsmanifest.xml must be at the root of the package. The one tolerated exception: the whole
 * package sits in a single top folder (zipping the folder instead of its contents is a common
 * mistake), ignoring hidden files such as .DS_Store next to it.
 */
function locateManifest(files: readonly string[]): { prefix: string; nestedFolder: string | null } {
  if (files.includes(MANIFEST_FILE_NAME)) return { prefix: "", nestedFolder: null };

  const topLevel = new Set(files.map((file) => file.split("/")[0] ?? "").filter((name) => !name.startsWith(".")));
  const [onlyTop] = topLevel;
  if (topLevel.size === 1 && onlyTop && files.includes(`${onlyTop}/${MANIFEST_FILE_NAME}`)) {
    return { prefix: `${onlyTop}/`, nestedFolder: onlyTop };
  }

  const candidates = files.filter((file) => file.split("/").length <= 2);
  const wrongCase = candidates.find((file) => {
    const name = path.posix.basename(file);
    return name !== MANIFEST_FILE_NAME && name.toLowerCase() === MANIFEST_FILE_NAME;
  });
  if (wrongCase) throw new ScormPackageError("manifestWrongCase", { file: wrongCase });
  for (const { test, format } of FOREIGN_FORMAT_FILES) {
    if (candidates.some((file) => test(path.posix.basename(file)))) {
      throw new ScormPackageError("unsupportedFormat", { format });
    }
  }
  throw new ScormPackageError("noManifest");
}
