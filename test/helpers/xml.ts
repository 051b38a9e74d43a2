// A small well-formedness check for the XML Hearth writes (Atom feeds): balanced
// elements, quoted attributes, no stray '<' or '&', only characters XML allows.
// Not a full parser: enough to catch a feed that readers would refuse.

const name = '[A-Za-z_][\\w.:-]*';
const attr = `\\s+${name}\\s*=\\s*(?:"[^"<&]*(?:&(?:amp|lt|gt|quot|apos|#\\d+|#x[0-9a-fA-F]+);[^"<&]*)*"|'[^'<&]*')`;
const openTag = new RegExp(`^<(${name})((?:${attr})*)\\s*(/?)>`);
const closeTag = new RegExp(`^</(${name})\\s*>`);
const entity = /^&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/;
const forbidden = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

/** Problems found (empty when well-formed). */
export function xmlProblems(xml: string): string[] {
  const problems: string[] = [];
  if (forbidden.test(xml)) problems.push('a character XML does not allow');
  let rest = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const stack: string[] = [];
  let roots = 0;
  while (rest.length > 0) {
    if (rest.startsWith('</')) {
      const m = closeTag.exec(rest);
      if (!m) return [...problems, `bad closing tag near ${JSON.stringify(rest.slice(0, 40))}`];
      const open = stack.pop();
      if (open !== m[1]) return [...problems, `</${m[1]}> closes <${open}>`];
      rest = rest.slice(m[0].length);
    } else if (rest.startsWith('<')) {
      const m = openTag.exec(rest);
      if (!m) return [...problems, `bad tag near ${JSON.stringify(rest.slice(0, 40))}`];
      if (stack.length === 0) roots++;
      if (m[3] !== '/') stack.push(m[1]!);
      rest = rest.slice(m[0].length);
    } else if (rest.startsWith('&')) {
      const m = entity.exec(rest);
      if (!m) return [...problems, `bare & near ${JSON.stringify(rest.slice(0, 40))}`];
      rest = rest.slice(m[0].length);
    } else {
      const next = rest.search(/[<&]/);
      const text = next === -1 ? rest : rest.slice(0, next);
      if (stack.length === 0 && text.trim() !== '') problems.push('text outside the root element');
      rest = next === -1 ? '' : rest.slice(next);
    }
  }
  if (stack.length > 0) problems.push(`unclosed <${stack.join('>, <')}>`);
  if (roots !== 1) problems.push(`${roots} root elements`);
  return problems;
}
