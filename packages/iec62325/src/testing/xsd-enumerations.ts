import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XmlAttribute, XmlDocument } from 'libxml2-wasm';

const XS = 'http://www.w3.org/2001/XMLSchema';

/** The enumeration values of a named simple type in an XSD file (test code). */
export function xsdEnumeration(file: string, typeName: string, dir: string): string[] {
  const doc = XmlDocument.fromBuffer(readFileSync(join(dir, file)));
  try {
    return doc
      .find(`//xs:simpleType[@name='${typeName}']//xs:enumeration/@value`, { xs: XS })
      .map((node) => (node as XmlAttribute).value);
  } finally {
    doc.dispose();
  }
}

/** The names of the top-level simple types of an XSD file (test code). */
export function xsdSimpleTypeNames(path: string): string[] {
  const doc = XmlDocument.fromBuffer(readFileSync(path));
  try {
    return doc.find('/xs:schema/xs:simpleType/@name', { xs: XS }).map((node) => (node as XmlAttribute).value);
  } finally {
    doc.dispose();
  }
}

/** value -> documented title of each enumeration of a named simple type (ENTSO-E code list layout; test code). */
export function xsdEnumerationTitles(file: string, typeName: string, dir: string): Map<string, string> {
  const doc = XmlDocument.fromBuffer(readFileSync(join(dir, file)));
  try {
    const titles = new Map<string, string>();
    for (const node of doc.find(`//xs:simpleType[@name='${typeName}']//xs:enumeration`, { xs: XS })) {
      const value = (node.get('@value') as XmlAttribute | null)?.value ?? '';
      titles.set(value, node.get('.//Title')?.content.trim() ?? '');
    }
    return titles;
  } finally {
    doc.dispose();
  }
}
