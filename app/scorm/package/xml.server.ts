// Safe XML reading for package manifests: encoding detection, no entity expansion, errors with
// line and column, and namespace-aware element and attribute access.
import { DOMParser, type Document, type Element, type Node } from "@xmldom/xmldom";

import { ScormPackageError } from "./errors";
import { NS } from "./namespaces";

export function decodeXml(bytes: Buffer): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString("utf8");
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  const declaration = /^<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(
    bytes.subarray(0, 200).toString("latin1"),
  );
  const label = declaration?.[1];
  if (label) {
    try {
      return new TextDecoder(label).decode(bytes);
    } catch {
      // An unknown encoding label: fall back to UTF-8, the XML default.
    }
  }
  return bytes.toString("utf8");
}

export function refuseEntityDeclarations(text: string) {
  const doctype = /<!DOCTYPE[^[>]*\[[\s\S]*?<!ENTITY/i.exec(text);
  if (doctype) {
    throw new ScormPackageError("xmlEntities", { line: lineOf(text, doctype.index) });
  }
}

export function lineOf(text: string, index: number) {
  let line = 1;
  for (
    let position = text.indexOf("\n");
    position !== -1 && position < index;
    position = text.indexOf("\n", position + 1)
  ) {
    line += 1;
  }
  return line;
}

interface XmlLocator {
  lineNumber?: number;
  columnNumber?: number;
}

export function parseXml(text: string): Document {
  try {
    return new DOMParser({
      onError(level, message) {
        // Recoverable errors are errors all the same: a half-understood manifest launches the
        // wrong thing, so only warnings are let through.
        if (level !== "warning") throw new Error(message);
      },
    }).parseFromString(text, "text/xml");
  } catch (error) {
    const locator = (error as { locator?: XmlLocator }).locator;
    const reason = error instanceof Error ? error.message : String(error);
    if (locator?.lineNumber) {
      throw new ScormPackageError(
        "invalidXml",
        { line: locator.lineNumber, column: locator.columnNumber ?? 1, reason },
        { cause: error },
      );
    }
    throw new ScormPackageError("invalidXmlNoLine", { reason }, { cause: error });
  }
}

export function elementChildren(parent: Element | Document): Element[] {
  const result: Element[] = [];
  for (let node: Node | null = parent.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === node.ELEMENT_NODE) result.push(node as Element);
  }
  return result;
}

export function matches(
  element: Element,
  namespaces: readonly (string | null)[],
  localName: string,
  ignoreCase = false,
) {
  const name = element.localName ?? element.nodeName;
  const sameName = ignoreCase ? name.toLowerCase() === localName.toLowerCase() : name === localName;
  return sameName && namespaces.includes(element.namespaceURI ?? null);
}

export function text(element: Element | undefined) {
  if (!element) return null;
  const value = (element.textContent ?? "").replace(/\s+/g, " ").trim();
  return value === "" ? null : value;
}

export function attribute(element: Element, name: string) {
  return element.hasAttribute(name) ? element.getAttribute(name) : null;
}

export function attributeNS(element: Element, namespaces: readonly string[], ...localNames: string[]) {
  for (const namespace of namespaces) {
    for (const localName of localNames) {
      if (element.hasAttributeNS(namespace, localName)) return element.getAttributeNS(namespace, localName);
    }
  }
  return null;
}

export function xmlBase(element: Element) {
  return element.getAttributeNS(NS.xml, "base") ?? "";
}

export function parseDecimal(value: string | null) {
  if (value === null || !/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(value.trim())) return null;
  return Number(value.trim());
}

export function parseBoolean(value: string | null, fallback: boolean) {
  if (value === null) return fallback;
  const normalised = value.trim().toLowerCase();
  if (normalised === "true" || normalised === "1") return true;
  if (normalised === "false" || normalised === "0") return false;
  return fallback;
}

/** Every namespace URI used or declared by an element or attribute in the document. */
export function usedNamespaces(root: Element) {
  const found = new Set<string>();
  // Iterative, so a hostile deeply nested manifest cannot exhaust the stack.
  const pending: Element[] = [root];
  for (let element = pending.pop(); element; element = pending.pop()) {
    if (element.namespaceURI) found.add(element.namespaceURI);
    for (let index = 0; index < element.attributes.length; index++) {
      const attr = element.attributes.item(index);
      if (!attr) continue;
      if (attr.namespaceURI && attr.namespaceURI !== "http://www.w3.org/2000/xmlns/") found.add(attr.namespaceURI);
      if (attr.name === "xmlns" || attr.name.startsWith("xmlns:")) found.add(attr.value);
    }
    pending.push(...elementChildren(element));
  }
  return found;
}
