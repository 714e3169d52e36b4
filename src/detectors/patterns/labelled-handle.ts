import { patternDetector } from '../pattern-detector';

/**
 * USERNAME without its "@", right after the account's platform or a username label: "my insta is lisa.m.photos",
 * "snap: lisam88", "discord jdoe#4471". Only a handle that a word cannot be (a digit, "." or "_" inside it) counts, so
 * "my insta is private" stays. The labels are kept apart from `pattern.username`'s context words: "DM" there (a
 * direct message) is diabetes mellitus in a note, and "DM type2" is not a handle.
 */
export const labelledHandleDetector = patternDetector({
  id: 'pattern.labelled-handle',
  entity: 'USERNAME',
  description: 'Social and chat handles written without "@" after their platform or a username label',
  context: [
    'insta', 'instagram', 'ig', 'snap', 'snapchat', 'tiktok', 'twitter', 'telegram', 'discord', 'reddit', 'github',
    'skype', 'gamertag', 'username', 'user name', 'screen name', 'handle', 'login',
  ],
  contextScore: 0.9,
  contextWindow: 24,
  prefilter: (text) => /[\d._]/.test(text),
  patterns: [
    {
      name: 'bare-handle',
      regex: /(?<![\w.@\/#-])[A-Za-z][A-Za-z0-9_]*(?:[._-][A-Za-z0-9_]+)*(?:#\d{4})?(?![\w@\/]|[.-]\w)/,
      score: 0.3,
      requireContext: true,
      validate: (match) => match.length >= 4 && match.length <= 35 && /[\d._]/.test(match) && /[A-Za-z]{2}/.test(match),
    },
  ],
});
