import { patternDetector } from '../pattern-detector';

/**
 * Words after "@" that are code or chat mechanics, not somebody's handle: JSDoc/Javadoc tags, CSS and Sass
 * at-rules, common decorators and annotations written without arguments, Slack's broadcast mentions.
 */
const NOT_HANDLES = new Set(
  (
    'here channel everyone all ' +
    'param params arg argument return returns throws throw type typedef template callback override overload ' +
    'deprecated see since example link inheritdoc author version license private public protected readonly ' +
    'abstract static async internal module namespace exports requires description summary remarks default todo ' +
    'media import charset font-face keyframes supports page layer container property apply tailwind extend ' +
    'include mixin use forward if else each for while function debug warn error content at-root ' +
    'staticmethod classmethod dataclass abstractmethod cached_property functools contextmanager ' +
    'interface component injectable directive pipe ngmodule input output hostlistener viewchild ' +
    'test before after beforeeach aftereach beforeall afterall mock patch fixture parametrize ' +
    'suppresswarnings functionalinterface safevarargs entity table column id autowired bean service ' +
    'controller repository configuration transactional data builder value getter setter notnull nonnull nullable ' +
    'valid jsonproperty jsonignore objc synthesize end implementation protocol selector available main state ' +
    'binding published observable environment escaping discardableresult mainactor ts-ignore ts-expect-error ts-nocheck'
  ).split(' '),
);

/**
 * Words that follow "@" where it means "at" — clinical shorthand ("2 tabs @bedtime", "O2 sat 94% @rest", "@HS") and
 * chat ("@home", "@work"). Such a handle stays below the policy threshold unless a context word ("instagram",
 * "handle" …) is near.
 */
const AT_WORDS = new Set(
  (
    'home work school office clinic hospital desk reception pharmacy lab gym church store shop daycare ' +
    'night noon midnight bedtime hs qhs rest baseline discharge admission arrival onset presentation followup ' +
    'breakfast lunch dinner supper meals mealtime am pm today tonight tomorrow yesterday weekend weekends ' +
    'once least most times risk this that the a an my your our his her their same first last start'
  ).split(' '),
);
const AT_WORD_SCORE = 0.35;

/** A handle that ends in one of these after a dot is more likely a bare domain ("@example.com"). */
const DOMAIN_TAIL = /\.(?:com|org|net|edu|gov|mil|int|io|co|uk|us|de|fr|nl|eu|ca|au|info|biz|app|dev|ai|me)$/i;

/**
 * USERNAME: an @-handle of a chat, social or code-hosting account ("@jsmith", "@dr.patel_md"), which identifies a
 * person as surely as a name does. The "@" must not follow a word or e-mail character (so `a@b.org` stays an e-mail
 * address, `site.com/@user` part of a URL), the handle starts with a letter or "_" ("@3pm" is a time), and is not
 * followed by "/" (`@types/node`, a package) or "(" (a decorator call) — nor cut short to dodge them (`@app.route(`
 * gives nothing, not `@app`). Code and chat mechanics (`@param`,
 * `@media`, `@here`) are skipped; "@" for "at" (`@bedtime`, `@home`) scores below the threshold without context.
 */
export const usernameDetector = patternDetector({
  id: 'pattern.username',
  entity: 'USERNAME',
  description: 'Chat, social and code-hosting @-handles (not e-mail addresses, decorators or at-rules)',
  context: ['handle', 'username', 'user name', 'user id', 'twitter', 'instagram', 'tiktok', 'telegram', 'slack', 'github', 'reddit', 'follow', 'dm', 'tagged', 'mentioned'],
  contextScore: 0.9,
  prefilter: (text) => text.includes('@'),
  patterns: [
    {
      name: 'at-handle',
      regex: /(?<![\p{L}\p{N}_.+%'@/\\-])@[\p{L}_][\p{L}\p{N}_]*(?:[.-][\p{L}\p{N}_]+)*(?![\p{L}\p{N}_@/(-]|[.-][\p{L}\p{N}_])/u,
      score: 0.75,
    },
  ],
  validate: (match) => {
    const handle = match.slice(1);
    const lower = handle.toLowerCase();
    if (handle.length > 39 || NOT_HANDLES.has(lower) || DOMAIN_TAIL.test(handle)) return false;
    return AT_WORDS.has(lower) ? AT_WORD_SCORE : true;
  },
});
