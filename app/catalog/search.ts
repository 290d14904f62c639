import { pinyin } from "pinyin-pro";

/** What the catalog search knows of one item. */
export interface SearchDoc {
  id: number;
  name: string;
  aliases: string[];
  department: string;
  /** Guide text: conditions, materials, result — matched last. */
  text: string;
}

interface IndexedDoc extends SearchDoc {
  lowerName: string;
  lowerAliases: string[];
  nameLength: number;
  nameSyllables: string[];
  nameFull: string;
  nameInitials: string;
  aliasKeys: Array<{ full: string; initials: string }>;
  lowerText: string;
}

export interface SearchIndex {
  docs: IndexedDoc[];
}

export interface SearchHit {
  id: number;
  name: string;
  department: string;
  score: number;
  /** The name cut into pieces, with the matching ones marked, for highlighting. */
  highlight: Array<{ text: string; match: boolean }>;
  /** Where it matched, in words: 名称 / 别名 / 拼音 / 指南. */
  matchedIn: string;
}

const HAN = /[\u3400-\u9fff]/;
const segmenter = new Intl.Segmenter("zh", { granularity: "word" });

/** One syllable per character (non-Han characters stand for themselves), lower case, no tones. */
function syllables(text: string): string[] {
  return pinyin(text, { toneType: "none", type: "array", nonZh: "consecutive" }).map((s) => s.toLowerCase());
}

export function normalizeQuery(query: string): string {
  return query.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim().slice(0, 50);
}

/** The words of a Chinese query ("个体 登记", "个体户登记" → ["个体户", "登记"]). */
export function queryWords(query: string): string[] {
  const words: string[] = [];
  for (const part of query.split(" ")) {
    for (const s of segmenter.segment(part)) if (s.isWordLike && s.segment.trim()) words.push(s.segment);
  }
  return words;
}

export function buildIndex(docs: readonly SearchDoc[]): SearchIndex {
  return {
    docs: docs.map((d) => {
      const nameSyllables = syllables(d.name);
      return {
        ...d,
        lowerName: d.name.toLowerCase(),
        lowerAliases: d.aliases.map((a) => a.toLowerCase()),
        nameLength: [...d.name].length,
        nameSyllables,
        nameFull: nameSyllables.join(""),
        nameInitials: nameSyllables.map((s) => s[0] ?? "").join(""),
        aliasKeys: d.aliases.map((a) => {
          const s = syllables(a);
          return { full: s.join(""), initials: s.map((x) => x[0] ?? "").join("") };
        }),
        lowerText: d.text.toLowerCase(),
      };
    }),
  };
}

function pieces(name: string, marks: boolean[]): SearchHit["highlight"] {
  const out: SearchHit["highlight"] = [];
  [...name].forEach((c, i) => {
    const match = Boolean(marks[i]);
    const last = out[out.length - 1];
    if (last && last.match === match) last.text += c;
    else out.push({ text: c, match });
  });
  return out;
}

function markSubstrings(name: string, needles: string[]): boolean[] {
  const chars = [...name];
  const marks = chars.map(() => false);
  for (const needle of needles) {
    if (!needle) continue;
    let from = 0;
    for (;;) {
      const at = name.toLowerCase().indexOf(needle.toLowerCase(), from);
      if (at < 0) break;
      const start = [...name.slice(0, at)].length;
      for (let i = start; i < start + [...needle].length; i++) marks[i] = true;
      from = at + needle.length;
    }
  }
  return marks;
}

/** Characters whose syllables spell the query, as full pinyin or initials, starting at a syllable boundary. */
function markPinyin(doc: IndexedDoc, q: string): boolean[] | null {
  const s = doc.nameSyllables;
  for (let start = 0; start < s.length; start++) {
    // Initials: one letter per character.
    if (doc.nameInitials.startsWith(q, start)) return s.map((_, i) => i >= start && i < start + q.length);
    // Full pinyin, possibly ending inside the last syllable ("getigong" or "getig").
    let spelled = "";
    for (let end = start; end < s.length; end++) {
      spelled += s[end];
      if (spelled.startsWith(q) || (q.startsWith(spelled) && end === s.length - 1 && spelled === q)) return s.map((_, i) => i >= start && i <= end);
      if (!q.startsWith(spelled)) break;
    }
  }
  return null;
}

interface PreparedQuery {
  q: string;
  latin: boolean;
  compact: string;
  words: string[];
}

interface Scored {
  doc: IndexedDoc;
  score: number;
  matchedIn: string;
  /** How to mark the name: substrings, or pinyin syllables. */
  mark: string[] | "pinyin" | null;
}

function prepare(query: string): PreparedQuery | null {
  const q = normalizeQuery(query);
  if (!q) return null;
  const latin = !HAN.test(q) && !/\d/.test(q);
  const words = latin ? [] : queryWords(q);
  return { q, latin, compact: q.replace(/ /g, ""), words: words.length ? words : [q] };
}

/** Scores one item; highlighting is left for the few that make the page. */
function scoreDoc(doc: IndexedDoc, { q, latin, compact, words }: PreparedQuery): Scored | null {
  if (!latin) {
    const name = doc.lowerName;
    if (name.includes(q)) return { doc, score: 100 + (name.startsWith(q) ? 10 : 0), matchedIn: "名称", mark: [q] };
    const several = words.length > 1;
    if (several && words.every((w) => name.includes(w))) return { doc, score: 80, matchedIn: "名称", mark: words };
    if (doc.lowerAliases.some((a) => a.includes(q))) return { doc, score: 60, matchedIn: "别名", mark: null };
    if (several && doc.lowerAliases.some((a) => words.every((w) => a.includes(w)))) return { doc, score: 50, matchedIn: "别名", mark: null };
    if (doc.lowerText.includes(q)) return { doc, score: 20, matchedIn: "指南", mark: words };
    if (several && words.every((w) => doc.lowerText.includes(w) || name.includes(w))) return { doc, score: 10, matchedIn: "指南", mark: words };
    return null;
  }
  if (compact.length < 2) return null;
  // Cheap native substring tests first; syllable alignment only for names that can match.
  const full = doc.nameFull.includes(compact);
  if (full || doc.nameInitials.includes(compact)) {
    const fromStart = doc.nameFull.startsWith(compact) || doc.nameInitials.startsWith(compact);
    return { doc, score: (full ? 90 : 85) + (fromStart ? 5 : 0), matchedIn: "拼音", mark: "pinyin" };
  }
  if (doc.aliasKeys.some((k) => k.full.includes(compact) || k.initials.includes(compact))) return { doc, score: 55, matchedIn: "别名拼音", mark: null };
  return null;
}

function hit(s: Scored, compact: string): SearchHit {
  const marks = s.mark === "pinyin" ? markPinyin(s.doc, compact) : s.mark ? markSubstrings(s.doc.name, s.mark) : null;
  return { id: s.doc.id, name: s.doc.name, department: s.doc.department, score: s.score, matchedIn: s.matchedIn, highlight: pieces(s.doc.name, marks ?? []) };
}

/** Ranked results: name > aliases > guide text; pinyin and initials match names and aliases. */
export function search(index: SearchIndex, query: string, limit = 20): SearchHit[] {
  const prepared = prepare(query);
  if (!prepared) return [];
  const scored: Scored[] = [];
  for (const doc of index.docs) {
    const s = scoreDoc(doc, prepared);
    if (s) scored.push(s);
  }
  return scored
    .sort((a, b) => b.score - a.score || a.doc.nameLength - b.doc.nameLength || a.doc.id - b.doc.id)
    .slice(0, limit)
    .map((s) => hit(s, prepared.compact));
}

/** Suggestions while typing: the best few names. */
export function suggest(index: SearchIndex, query: string, limit = 8): Array<Pick<SearchHit, "id" | "name" | "highlight">> {
  return search(index, query, limit).map(({ id, name, highlight }) => ({ id, name, highlight }));
}
