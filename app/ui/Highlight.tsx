/** A name with its matching parts in <mark>. */
export function Highlight({ pieces }: { pieces: Array<{ text: string; match: boolean }> }) {
  return (
    <>
      {pieces.map((p, i) => (p.match ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}
    </>
  );
}
