import { XmlElement, XmlText, XmlCData, type XmlTreeNode } from 'libxml2-wasm';
// Internal module of libxml2-wasm (pinned ^0.7): struct accessors that read node fields straight
// from wasm memory. Used because wrapping every node in a JS object (the public API) costs more
// than parsing and validating together; see docs/documents.md for the measurement.
import * as internals from 'libxml2-wasm/lib/libxml2.mjs';

// The validated libxml2 tree copied once into plain objects: element names, element children and,
// for leaf elements, their text. The parsers read this, so each document is parsed exactly once
// (by libxml2, for validation) and then read with plain property access.
export interface LightElement {
  name: string;
  children: LightElement[];
  /** Text content of a leaf element (text and CDATA); '' for elements with element children. */
  text: string;
}

const { XmlNodeStruct: struct, xmlNodeGetContent: contentOf } = internals;
// If a libxml2-wasm release drops these internals, reading falls back to the public API.
export const HAVE_INTERNALS = typeof struct?.children === 'function' && typeof contentOf === 'function';
const ELEMENT_NODE = 1;

function fromPointer(ptr: number): LightElement {
  const children: LightElement[] = [];
  for (let child = struct.children(ptr); child !== 0; child = struct.next(child)) {
    if (struct.type(child) === ELEMENT_NODE) children.push(fromPointer(child));
  }
  return { name: struct.name_(ptr), children, text: children.length === 0 ? contentOf(ptr) : '' };
}

/** The same tree through the public node API (slower; the reference for the fast path's tests). */
export function lightTreeViaPublicApi(element: XmlElement): LightElement {
  const children: LightElement[] = [];
  let text = '';
  for (let node: XmlTreeNode | null = element.firstChild; node !== null; node = node.next) {
    if (node instanceof XmlElement) children.push(lightTreeViaPublicApi(node));
    else if (node instanceof XmlText || node instanceof XmlCData) text += node.content;
  }
  return { name: element.name, children, text: children.length === 0 ? text : '' };
}

export function lightTree(element: XmlElement): LightElement {
  const ptr = (element as unknown as { _nodePtr?: unknown })._nodePtr;
  return HAVE_INTERNALS && typeof ptr === 'number' && ptr !== 0 ? fromPointer(ptr) : lightTreeViaPublicApi(element);
}
