/**
 * XML namespaces of IMS Content Packaging and the ADL SCORM extensions. Manifests are read by
 * namespace URI, never by prefix: authoring tools pick their own prefixes, and SCORM 1.2 and
 * SCORM 2004 use different URIs for what looks like the same `adlcp:` element.
 */
export const NS = {
  xml: "http://www.w3.org/XML/1998/namespace",

  /** IMS Content Packaging 1.1.2, used by SCORM 1.2. */
  imscp12: "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
  /** IMS Content Packaging 1.1.3/1.1.4, used by every SCORM 2004 edition. */
  imscp2004: "http://www.imsglobal.org/xsd/imscp_v1p1",

  /** ADL content packaging extensions for SCORM 1.2. */
  adlcp12: "http://www.adlnet.org/xsd/adlcp_rootv1p2",
  /** ADL content packaging extensions for SCORM 2004 (all editions). */
  adlcp2004: "http://www.adlnet.org/xsd/adlcp_v1p3",
  adlseq: "http://www.adlnet.org/xsd/adlseq_v1p3",
  adlnav: "http://www.adlnet.org/xsd/adlnav_v1p3",
  imsss: "http://www.imsglobal.org/xsd/imsss",

  /** IMS Metadata 1.2.1 (SCORM 1.2) and IEEE LOM (SCORM 2004) for titles and descriptions. */
  imsmd12: "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1",
  lom: "http://ltsc.ieee.org/xsd/LOM",
} as const;

/** Namespaces that identify packages we do not play, with the name shown to the admin. */
export const FOREIGN_PACKAGE_NAMESPACES: ReadonlyArray<{ prefix: string; format: string }> = [
  { prefix: "http://www.adlnet.org/xsd/adlcp_rootv1p1", format: "SCORM 1.1" },
  { prefix: "http://www.imsglobal.org/xsd/imsccv", format: "IMS Common Cartridge" },
  { prefix: "http://www.imsglobal.org/xsd/imscc/", format: "IMS Common Cartridge" },
  { prefix: "http://www.imsglobal.org/xsd/imsqti", format: "IMS QTI" },
];

export const ADLCP_NAMESPACES: readonly string[] = [NS.adlcp12, NS.adlcp2004];
