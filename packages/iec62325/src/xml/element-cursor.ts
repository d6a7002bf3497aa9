import { DocumentError, DocumentErrorCode } from '../errors/document-error.js';
import type { LightElement } from './light-tree.js';

// Reads the children of a schema-validated element in document order. The profile has already
// fixed names, order and cardinality, so reading is a single forward pass. A mismatch here means
// the parser and the profile disagree, which is reported as a typed error rather than a crash.
export class ElementCursor {
  private index = 0;
  private readonly children: LightElement[];

  constructor(
    element: LightElement,
    readonly path: string,
  ) {
    this.children = element.children;
  }

  /** The next child, which must be named `name`. */
  element(name: string): LightElement {
    const child = this.children[this.index];
    if (child === undefined || child.name !== name) {
      throw new DocumentError(DocumentErrorCode.SchemaInvalid, `expected element ${name}`, { field: this.path, reasonCode: 'A69' });
    }
    this.index++;
    return child;
  }

  optionalElement(name: string): LightElement | undefined {
    const child = this.children[this.index];
    if (child === undefined || child.name !== name) return undefined;
    this.index++;
    return child;
  }

  /** All consecutive next children named `name`. */
  elements(name: string): LightElement[] {
    const start = this.index;
    while (this.children[this.index]?.name === name) this.index++;
    return this.children.slice(start, this.index);
  }

  /** Text of the next child `name`; `trim` for whitespace-collapsing types (codes, numbers). */
  text(name: string, trim = true): string {
    const text = this.element(name).text;
    return trim ? text.trim() : text;
  }

  optionalText(name: string, trim = true): string | undefined {
    const child = this.optionalElement(name);
    if (child === undefined) return undefined;
    return trim ? child.text.trim() : child.text;
  }

  /** True if children remain unread. */
  hasMore(): boolean {
    return this.index < this.children.length;
  }

  /** A child cursor for the next child `name`. */
  cursor(name: string, label = name): ElementCursor {
    return new ElementCursor(this.element(name), `${this.path}/${label}`);
  }
}
