import { XMLParser, XMLValidator } from "fast-xml-parser";

/** An element of a parsed XML document, with namespaces resolved and document order kept. */
export interface XmlElement {
  name: string;
  namespace: string | undefined;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** Concatenated character data (CDATA included) directly inside this element. */
  text: string;
}

export class XmlShapeError extends Error {}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  processEntities: true,
  // Numeric character references (&#232;), which MTurk's ASCII answers are full of.
  htmlEntities: true,
});

type OrderedNode = Record<string, unknown> & { ":@"?: Record<string, string> };

function toElement(node: OrderedNode, scope: Record<string, string>): XmlElement | string {
  const tag = Object.keys(node).find((k) => k !== ":@")!;
  if (tag === "#text") return String(node[tag]);
  const attributes: Record<string, string> = {};
  const inner = { ...scope };
  for (const [k, v] of Object.entries(node[":@"] ?? {})) {
    if (k === "xmlns") inner[""] = v;
    else if (k.startsWith("xmlns:")) inner[k.slice(6)] = v;
    else attributes[k] = v;
  }
  const colon = tag.indexOf(":");
  const prefix = colon === -1 ? "" : tag.slice(0, colon);
  const element: XmlElement = { name: tag.slice(colon + 1), namespace: inner[prefix], attributes, children: [], text: "" };
  for (const child of node[tag] as OrderedNode[]) {
    const c = toElement(child, inner);
    if (typeof c === "string") element.text += c;
    else element.children.push(c);
  }
  return element;
}

/** Parses a well-formed XML document with exactly one root element; throws XmlShapeError otherwise. */
export function parseXmlDocument(xml: string): XmlElement {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new XmlShapeError(`not well-formed XML (line ${valid.err.line}): ${valid.err.msg}`);
  const roots = (parser.parse(xml) as OrderedNode[]).map((n) => toElement(n, {})).filter((n): n is XmlElement => typeof n !== "string");
  if (roots.length !== 1) throw new XmlShapeError("an XML document must have exactly one root element");
  return roots[0]!;
}

/** Checks the element's children follow `order` (names may repeat, none outside the list). */
export function expectChildren(el: XmlElement, allowed: readonly string[]): void {
  let last = -1;
  for (const c of el.children) {
    const i = allowed.indexOf(c.name);
    if (i === -1) throw new XmlShapeError(`unexpected element <${c.name}> in <${el.name}>`);
    if (i < last) throw new XmlShapeError(`element <${c.name}> is out of order in <${el.name}>`);
    last = i;
  }
}

export function childrenNamed(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c) => c.name === name);
}

export function optionalChild(el: XmlElement, name: string): XmlElement | undefined {
  const found = childrenNamed(el, name);
  if (found.length > 1) throw new XmlShapeError(`<${el.name}> may contain only one <${name}>`);
  return found[0];
}

export function requiredChild(el: XmlElement, name: string): XmlElement {
  const c = optionalChild(el, name);
  if (!c) throw new XmlShapeError(`<${el.name}> requires a <${name}> element`);
  return c;
}

export function parseXmlInt(el: XmlElement, opts: { min?: number; max?: number } = {}): number {
  const t = el.text.trim();
  if (!/^[+-]?\d+$/.test(t)) throw new XmlShapeError(`<${el.name}> must be an integer, got "${t}"`);
  const n = Number(t);
  if ((opts.min !== undefined && n < opts.min) || (opts.max !== undefined && n > opts.max)) {
    throw new XmlShapeError(`<${el.name}> is out of range: ${n}`);
  }
  return n;
}
