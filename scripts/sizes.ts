/**
 * Source sizes: the longest files and functions under the given folders, checked against the
 * limits the code keeps to (a file at most 400 lines, a function at most 80, counted from its
 * first line to its last, blank lines and comments included).
 *
 *   npx tsx scripts/sizes.ts server protocol
 *
 * Prints the largest of each and every breach; exits 1 if there is a breach outside the one
 * known exception. `npm test` runs it over the product's code.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const MAX_FILE_LINES = 400;
const MAX_FUNCTION_LINES = 80;
const SKIP = new Set(['node_modules', 'dist', 'results']);
/**
 * The one file allowed over the limits: `scripting.executeScript` serialises its function
 * into every frame of a tab, so it must be one self-contained function with no imports.
 */
const EXCEPTION = 'utils/screenshot/frame-measure.ts';

/** Every .ts and .tsx file under `dir`. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (SKIP.has(name)) return [];
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

interface Sized {
  where: string;
  lines: number;
}

/** A readable name for a function-like node. */
function nameOf(node: ts.Node, file: ts.SourceFile): string {
  const named = node as ts.Node & { name?: ts.Node };
  if (named.name) return named.name.getText(file);
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent))
    return parent.name.getText(file);
  if (ts.isCallExpression(parent))
    return `callback of ${parent.expression.getText(file).slice(0, 40)}`;
  return '(anonymous)';
}

/** Every function, method, arrow function and accessor in a file, with its length. */
function functionsIn(path: string, text: string): Sized[] {
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const found: Sized[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const first = file.getLineAndCharacterOfPosition(node.getStart(file));
      const last = file.getLineAndCharacterOfPosition(node.getEnd());
      found.push({
        where: `${path}:${first.line + 1} ${nameOf(node, file)}`,
        lines: last.line - first.line + 1,
      });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

const roots = process.argv.slice(2);
if (roots.length === 0) {
  process.stderr.write('Usage: npx tsx scripts/sizes.ts DIR…\n');
  process.exit(2);
}
const files: Sized[] = [];
const functions: Sized[] = [];
for (const path of roots.flatMap(sources)) {
  const text = readFileSync(path, 'utf8');
  const where = relative(process.cwd(), path);
  files.push({
    where,
    lines: text.split('\n').length - (text.endsWith('\n') ? 1 : 0),
  });
  functions.push(...functionsIn(where, text));
}
const byLines = (a: Sized, b: Sized) => b.lines - a.lines;
files.sort(byLines);
functions.sort(byLines);
const show = (title: string, list: Sized[]) => {
  console.log(title);
  for (const s of list)
    console.log(`${String(s.lines).padStart(6)}  ${s.where}`);
};
show(`Largest files (limit ${MAX_FILE_LINES} lines):`, files.slice(0, 10));
show(
  `Longest functions (limit ${MAX_FUNCTION_LINES} lines):`,
  functions.slice(0, 10),
);
const breaches = [
  ...files.filter((f) => f.lines > MAX_FILE_LINES),
  ...functions.filter((f) => f.lines > MAX_FUNCTION_LINES),
];
const excepted = (s: Sized) =>
  s.where.replaceAll('\\', '/').startsWith(EXCEPTION);
if (breaches.some(excepted))
  show(`Over the limit, allowed (${EXCEPTION}):`, breaches.filter(excepted));
const unexpected = breaches.filter((s) => !excepted(s));
if (unexpected.length > 0) {
  show('Over the limit:', unexpected);
  process.exit(1);
}
console.log(
  `${files.length} files, ${functions.length} functions, all within the limits${breaches.length ? ` but ${EXCEPTION}` : ''}.`,
);
