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
const TEXT_NODE = 3;
// xmlNode fields (wasm32 layout, libxml2 2.x) that libxml2-wasm has no accessor for. Its accessors
// read "field at ptr + k", so a field at offset f is read through one of them at ptr + f - k.
// The test compares every example with the public API, which catches a layout change.
const NAME = 8;
const CONTENT = 40;
const CHILDREN = 12; // offset behind struct.children
const NAME_STRING = 8; // offset behind struct.name_
const pointerAt = (ptr: number, field: number): number => struct.children(ptr + field - CHILDREN);
const stringAt = (ptr: number, field: number): string => struct.name_(ptr + field - NAME_STRING);

/**
 * Copies one element and its subtree. Element names are read once per distinct name pointer
 * (libxml2 interns names in the document's dictionary, so a schedule's ~1,000 elements share a
 * few dozen), and a leaf's single text node is read straight from its content field instead of
 * through xmlNodeGetContent (a malloc, a copy and a free per leaf).
 */
function fromPointer(ptr: number, names: Map<number, string>): LightElement {
  const children: LightElement[] = [];
  for (let child = struct.children(ptr); child !== 0; child = struct.next(child)) {
    if (struct.type(child) === ELEMENT_NODE) children.push(fromPointer(child, names));
  }
  return { name: nameOf(ptr, names), children, text: children.length === 0 ? leafText(ptr) : '' };
}

function nameOf(ptr: number, names: Map<number, string>): string {
  const at = pointerAt(ptr, NAME);
  let name = names.get(at);
  if (name === undefined) names.set(at, (name = struct.name_(ptr)));
  return name;
}

/** Text of a leaf: one text node (the usual case) read directly, anything else via libxml2. */
function leafText(ptr: number): string {
  const first = struct.children(ptr);
  if (first === 0) return '';
  if (struct.type(first) === TEXT_NODE && struct.next(first) === 0) return stringAt(first, CONTENT);
  return contentOf(ptr);
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
  return HAVE_INTERNALS && typeof ptr === 'number' && ptr !== 0 ? fromPointer(ptr, new Map()) : lightTreeViaPublicApi(element);
}
