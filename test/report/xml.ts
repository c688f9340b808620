// A strict little XML reader for the SVG tests: it checks well-formedness (every tag closed in
// order, attributes quoted and unique, entities known, no stray '<') and returns the tree.

/** An XML element. */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const NAME = /^[A-Za-z_:][\w:.-]*/;
const ENTITY = /&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g;

function checkText(text: string, at: number): void {
  if (text.replace(ENTITY, '').includes('&')) throw new Error(`bad entity near offset ${at}`);
}

/** Parses one XML document; throws with the offset of the first problem. */
export function parseXml(source: string): XmlElement {
  let i = 0;
  const root: XmlElement = { name: '#document', attributes: {}, children: [], text: '' };
  const stack: XmlElement[] = [root];
  while (i < source.length) {
    const lt = source.indexOf('<', i);
    const text = source.slice(i, lt === -1 ? source.length : lt);
    checkText(text, i);
    (stack[stack.length - 1] as XmlElement).text += text;
    if (lt === -1) break;
    i = lt;
    if (source.startsWith('<?', i)) { i = source.indexOf('?>', i) + 2; continue; }
    if (source.startsWith('<!--', i)) { i = source.indexOf('-->', i) + 3; continue; }
    if (source.startsWith('</', i)) {
      const end = source.indexOf('>', i);
      const name = source.slice(i + 2, end).trim();
      const open = stack.pop();
      if (open === undefined || open.name !== name) throw new Error(`</${name}> at ${i} closes <${open?.name}>`);
      i = end + 1;
      continue;
    }
    const name = NAME.exec(source.slice(i + 1))?.[0];
    if (name === undefined) throw new Error(`bad tag at ${i}`);
    i += 1 + name.length;
    const element: XmlElement = { name, attributes: {}, children: [], text: '' };
    for (;;) {
      while (/\s/.test(source[i] as string)) i++;
      if (source.startsWith('/>', i)) { i += 2; (stack[stack.length - 1] as XmlElement).children.push(element); break; }
      if (source[i] === '>') { i += 1; (stack[stack.length - 1] as XmlElement).children.push(element); stack.push(element); break; }
      const attribute = /^([A-Za-z_:][\w:.-]*)\s*=\s*("([^"<]*)"|'([^'<]*)')/.exec(source.slice(i));
      if (!attribute) throw new Error(`bad attribute in <${name}> at ${i}: ${source.slice(i, i + 30)}`);
      const key = attribute[1] as string;
      if (key in element.attributes) throw new Error(`duplicate attribute ${key} in <${name}> at ${i}`);
      const value = attribute[3] ?? attribute[4] ?? '';
      checkText(value, i);
      element.attributes[key] = value;
      i += attribute[0].length;
    }
  }
  if (stack.length !== 1) throw new Error(`unclosed <${stack[stack.length - 1]?.name}>`);
  if (root.children.length !== 1) throw new Error(`expected one root element, found ${root.children.length}`);
  return root.children[0] as XmlElement;
}

/** Every element below `node` (depth first) whose class list starts with `classPrefix`. */
export function findByClass(node: XmlElement, classPrefix: string): XmlElement[] {
  const found: XmlElement[] = [];
  const visit = (n: XmlElement): void => {
    if ((n.attributes.class ?? '').startsWith(classPrefix)) found.push(n);
    n.children.forEach(visit);
  };
  visit(node);
  return found;
}

/** All text inside `node`. */
export function allText(node: XmlElement): string {
  return node.text + node.children.map(allText).join('');
}
