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
  nameSyllables: string[];
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
        nameSyllables,
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
  const chars = [...name];
  const out: SearchHit["highlight"] = [];
  chars.forEach((c, i) => {
    const last = out[out.length - 1];
    if (last && last.match === marks[i]) last.text += c;
    else out.push({ text: c, match: marks[i] });
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

function scoreDoc(doc: IndexedDoc, q: string, words: string[]): Omit<SearchHit, "id" | "name" | "department"> | null {
  const latin = !HAN.test(q);
  if (!latin || /\d/.test(q)) {
    const name = doc.name.toLowerCase();
    if (name.includes(q)) return { score: 100 + (name.startsWith(q) ? 10 : 0), highlight: pieces(doc.name, markSubstrings(doc.name, [q])), matchedIn: "名称" };
    if (words.length > 1 && words.every((w) => name.includes(w))) return { score: 80, highlight: pieces(doc.name, markSubstrings(doc.name, words)), matchedIn: "名称" };
    if (doc.aliases.some((a) => a.toLowerCase().includes(q))) return { score: 60, highlight: pieces(doc.name, []), matchedIn: "别名" };
    if (words.length > 1 && doc.aliases.some((a) => words.every((w) => a.includes(w)))) return { score: 50, highlight: pieces(doc.name, []), matchedIn: "别名" };
    if (doc.lowerText.includes(q)) return { score: 20, highlight: pieces(doc.name, markSubstrings(doc.name, words)), matchedIn: "指南" };
    if (words.length > 1 && words.every((w) => doc.lowerText.includes(w) || name.includes(w))) return { score: 10, highlight: pieces(doc.name, markSubstrings(doc.name, words)), matchedIn: "指南" };
    return null;
  }
  const compact = q.replace(/ /g, "");
  if (compact.length < 2) return null;
  const marks = markPinyin(doc, compact);
  if (marks) {
    const fromStart = marks[0];
    const initials = doc.nameInitials.includes(compact) && !doc.nameSyllables.join("").includes(compact);
    return { score: (initials ? 85 : 90) + (fromStart ? 5 : 0), highlight: pieces(doc.name, marks), matchedIn: "拼音" };
  }
  if (doc.aliasKeys.some((k) => k.full.includes(compact) || k.initials.includes(compact))) return { score: 55, highlight: pieces(doc.name, []), matchedIn: "别名拼音" };
  return null;
}

/** Ranked results: name > aliases > guide text; pinyin and initials match names and aliases. */
export function search(index: SearchIndex, query: string, limit = 20): SearchHit[] {
  const q = normalizeQuery(query);
  if (!q) return [];
  const words = HAN.test(q) ? queryWords(q) : [];
  const hits: SearchHit[] = [];
  for (const doc of index.docs) {
    const scored = scoreDoc(doc, q, words.length ? words : [q]);
    if (scored) hits.push({ id: doc.id, name: doc.name, department: doc.department, ...scored });
  }
  return hits
    .sort((a, b) => b.score - a.score || [...a.name].length - [...b.name].length || a.id - b.id)
    .slice(0, limit);
}

/** Suggestions while typing: the best few names. */
export function suggest(index: SearchIndex, query: string, limit = 8): Array<Pick<SearchHit, "id" | "name" | "highlight">> {
  return search(index, query, limit).map(({ id, name, highlight }) => ({ id, name, highlight }));
}
