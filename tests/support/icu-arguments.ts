// The arguments an ICU message uses ({name}, {n, plural, …}, rich-text <tag>s), sorted, each
// "name" or "name:kind", for comparing a message's English and French. A small reader of the
// ICU MessageFormat syntax next-intl uses: apostrophe quoting, nested plural/select branches.

const BRANCHING = new Set(['plural', 'select', 'selectordinal']);

export function icuArguments(message: string): string[] {
  const found = new Set<string>();
  let i = 0;
  const fail = (why: string): never => {
    throw new Error(`${why} at ${i} in: ${message}`);
  };

  function text(depth: number) {
    while (i < message.length) {
      const c = message[i]!;
      if (c === "'") {
        if (message[i + 1] === "'") i += 2;
        else if (/[{}#|<]/.test(message[i + 1] ?? '')) {
          const end = message.indexOf("'", i + 1);
          i = end < 0 ? message.length : end + 1;
        } else i++;
      } else if (c === '{') {
        i++;
        argument();
      } else if (c === '}') {
        if (depth === 0) fail('a } without its {');
        return;
      } else if (c === '<') {
        const tag = /^<(\/?)([A-Za-z][\w-]*)>/.exec(message.slice(i));
        if (tag) {
          if (!tag[1]) found.add(`${tag[2]}:tag`);
          i += tag[0].length;
        } else i++;
      } else i++;
    }
    if (depth > 0) fail('a { without its }');
  }

  function argument() {
    const head = /^\s*([\p{L}\p{N}_]+)\s*(?:,\s*([a-z]+)\s*)?/u.exec(message.slice(i));
    if (!head) fail('an argument without a name');
    i += head![0].length;
    const [, name, kind] = head!;
    found.add(kind ? `${name}:${kind}` : name!);
    if (!kind || !BRANCHING.has(kind)) {
      // {name} or {name, number|date|time[, style]}
      const end = message.indexOf('}', i);
      if (end < 0) fail('a { without its }');
      i = end + 1;
      return;
    }
    if (message[i] !== ',') fail(`${kind} without branches`);
    i++;
    for (;;) {
      const sel = /^\s*(offset:\d+\s*)?(=?[\p{L}\p{N}_-]+)?\s*/u.exec(message.slice(i))!;
      i += sel[0].length;
      if (message[i] === '}') {
        i++;
        return;
      }
      if (!sel[2] || message[i] !== '{') fail(`a ${kind} branch without its message`);
      i++;
      text(1);
      if (message[i] !== '}') fail('a branch without its }');
      i++;
    }
  }

  text(0);
  return [...found].sort();
}
