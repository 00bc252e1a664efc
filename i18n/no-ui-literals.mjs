// ESLint rule relm/no-ui-literals: in the folders listed in i18n/converted.mjs, words a person
// reads must come from the message catalogues (t('…')), not from string literals in the JSX.
// It reports:
//   - JSX text with a letter in it: <p>Sign in</p>
//   - a string or template literal that is a JSX child, or the outcome of a condition or
//     fallback there: {ok ? 'Saved' : 'Failed'}, {`Going to ${name}`}
//   - the same as the value of an attribute that carries text (label, title, pendingText,
//     aria-label…; anything but the code-like attributes below) when it reads like words: it
//     has a space, a capital or a letter outside ASCII ("Sign in", "Email"); lower-case single
//     tokens such as variant="secondary" or autoComplete="username" are code.
// Strings passed to a function (t('form.email'), cx('flex', …)) are never reported.

const LETTER = /\p{L}/u;
const WORDY = /\s|\p{Lu}|[^\p{ASCII}]/u;

// attributes whose values are code, not text, whatever they look like
const CODE_ATTRIBUTES = new Set([
  'accept',
  'action',
  'as',
  'autoComplete',
  'backHref',
  'className',
  'crossOrigin',
  'cx',
  'cy',
  'd',
  'decoding',
  'dir',
  'encType',
  'fill',
  'form',
  'formAction',
  'formMethod',
  'height',
  'href',
  'htmlFor',
  'id',
  'inputMode',
  'key',
  'lang',
  'loading',
  'method',
  'mode',
  'name',
  'pattern',
  'points',
  'r',
  'referrerPolicy',
  'rel',
  'role',
  'rx',
  'ry',
  'size',
  'sizes',
  'src',
  'srcSet',
  'stroke',
  'strokeLinecap',
  'strokeLinejoin',
  'strokeWidth',
  'target',
  'transform',
  'type',
  'value',
  'variant',
  'viewBox',
  'width',
  'x',
  'x1',
  'x2',
  'xmlns',
  'y',
  'y1',
  'y2',
]);
// aria-* attributes are references and states, except these, which are read out
const TEXT_ARIA = new Set(['aria-label', 'aria-description', 'aria-valuetext', 'aria-roledescription', 'aria-placeholder', 'aria-braillelabel']);

function attributeName(attr) {
  const n = attr.name;
  return n.type === 'JSXNamespacedName' ? `${n.namespace.name}:${n.name.name}` : n.name;
}

function isTextAttribute(name) {
  if (CODE_ATTRIBUTES.has(name)) return false;
  if (name.startsWith('data-') || /^on[A-Z]/.test(name)) return false;
  // class lists handed to a component for one of its parts: gridClassName, labelClassName…
  if (/ClassName$/.test(name)) return false;
  if (name.startsWith('aria-')) return TEXT_ARIA.has(name);
  return true;
}

const literalText = (node) =>
  node.type === 'Literal' && typeof node.value === 'string'
    ? node.value
    : node.type === 'TemplateLiteral'
      ? node.quasis.map((q) => q.value.cooked ?? '').join(' ')
      : null;

/** @type {import('eslint').Rule.RuleModule} */
export const noUiLiterals = {
  meta: {
    type: 'problem',
    docs: { description: 'UI text comes from the message catalogues (next-intl), not string literals' },
    schema: [],
    messages: {
      text: 'UI text "{{text}}" is written in code: put it in messages/<locale>/<namespace>.json and use t() (docs/decisions/057-english-and-french.md).',
    },
  },
  create(context) {
    const report = (node, text) => context.report({ node, messageId: 'text', data: { text: text.trim().slice(0, 40) } });

    /** Where a literal ends up: climbing through conditions and fallbacks to the JSX that shows it. */
    function destination(node) {
      let n = node;
      while (
        n.parent &&
        (n.parent.type === 'ConditionalExpression' ? n.parent.test !== n : n.parent.type === 'LogicalExpression' || n.parent.type === 'TSAsExpression')
      ) {
        n = n.parent;
      }
      if (n.parent?.type !== 'JSXExpressionContainer') return null;
      const holder = n.parent.parent;
      if (holder?.type === 'JSXElement' || holder?.type === 'JSXFragment') return { kind: 'child' };
      if (holder?.type === 'JSXAttribute') return { kind: 'attribute', name: attributeName(holder) };
      return null;
    }

    function checkLiteral(node) {
      const text = literalText(node);
      if (text === null || !LETTER.test(text)) return;
      // a template literal inside another template literal is checked as part of the outer one
      if (node.parent?.type === 'TemplateLiteral') return;
      const to = destination(node);
      if (!to) return;
      if (to.kind === 'child' || (isTextAttribute(to.name) && WORDY.test(text))) report(node, text);
    }

    return {
      JSXText(node) {
        if (LETTER.test(node.value)) report(node, node.value);
      },
      JSXAttribute(node) {
        if (node.value?.type !== 'Literal' || typeof node.value.value !== 'string') return;
        const text = node.value.value;
        if (LETTER.test(text) && WORDY.test(text) && isTextAttribute(attributeName(node))) report(node.value, text);
      },
      Literal: checkLiteral,
      TemplateLiteral: checkLiteral,
    };
  },
};

export const relmI18nPlugin = { rules: { 'no-ui-literals': noUiLiterals } };
