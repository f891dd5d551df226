/**
 * Python's `json.dumps`, as httpbin's responses are written by it: `ensure_ascii` (every non-ASCII character and
 * DEL as `\uXXXX`), `sort_keys`, and Python's separators. Two styles are needed:
 *
 *   pythonJson({ b: 1, a: 'é' })                          // '{"b": 1, "a": "\\u00e9"}'        (json.dumps default)
 *   pythonJson({ b: 1, a: [] }, { indent: 2, sortKeys: true })
 *   // '{\n  "a": [], \n  "b": 1\n}'   — Flask's pretty jsonify, as httpbin.org shows it (note ", " before "\n")
 */
export interface PythonJsonOptions {
  /** Pretty-print with this many spaces; separators stay `', '` and `': '` as in Flask's pretty `jsonify`. */
  indent?: number;
  sortKeys?: boolean;
}

/** A JSON string literal with Python's `ensure_ascii` escaping. */
export function pythonString(value: string): string {
  return JSON.stringify(value).replace(
    /[\u007f-\uffff]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function pythonNumber(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  // Python writes exponents with at least two digits (1e-07) and keeps the sign (1e+21).
  return String(value).replace(/e([+-])(\d)$/, 'e$10$2');
}

export function pythonJson(value: unknown, options: PythonJsonOptions = {}, depth = 0): string {
  const { indent, sortKeys = false } = options;
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return pythonNumber(value);
  if (typeof value === 'string') return pythonString(value);
  const open = indent === undefined ? '' : `\n${' '.repeat(indent * (depth + 1))}`;
  const close = indent === undefined ? '' : `\n${' '.repeat(indent * depth)}`;
  const join = (items: string[]): string => items.join(indent === undefined ? ', ' : `, ${open}`);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[${open}${join(value.map((item) => pythonJson(item, options, depth + 1)))}${close}]`;
  }
  const keys = Object.keys(value as Record<string, unknown>);
  if (keys.length === 0) return '{}';
  if (sortKeys) keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const items = keys.map(
    (key) => `${pythonString(key)}: ${pythonJson((value as Record<string, unknown>)[key], options, depth + 1)}`,
  );
  return `{${open}${join(items)}${close}}`;
}
