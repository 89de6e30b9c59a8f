import type { DocBlock } from '../../../../shared/reports/document';

/** The document model on screen: the same blocks the DOCX and PDF print, so what is read here is what is exported. */
export function DocView({ blocks }: { blocks: readonly DocBlock[] }) {
  return (
    <article className="report-doc" data-testid="report-doc">
      {blocks.map((b, i) => {
        switch (b.t) {
          case 'title':
            return <h1 key={i} data-testid="report-title">{b.text}</h1>;
          case 'meta':
            return <p key={i} className="report-meta">{b.text}</p>;
          case 'heading':
            return b.level === 1 ? <h2 key={i}>{b.text}</h2> : <h3 key={i}>{b.text}</h3>;
          case 'para':
            return <p key={i} className="report-para">{b.text}</p>;
          case 'bullets':
            return (
              <ul key={i}>
                {b.items.map((item, j) => <li key={j}>{item}</li>)}
              </ul>
            );
          case 'table': {
            const num = new Set(b.numeric ?? []);
            const kv = b.header.length === 0;
            return (
              <table key={i} className={kv ? 'report-kv' : 'report-table'}>
                {!kv && (
                  <thead>
                    <tr>{b.header.map((h, j) => <th key={j} className={num.has(j) ? 'num' : undefined}>{h}</th>)}</tr>
                  </thead>
                )}
                <tbody>
                  {b.rows.map((r, j) => (
                    <tr key={j}>
                      {r.map((c, k) => (kv && k % 2 === 0 ? <th key={k}>{c}</th> : <td key={k} className={num.has(k) ? 'num' : undefined}>{c}</td>))}
                    </tr>
                  ))}
                </tbody>
              </table>
            );
          }
        }
      })}
    </article>
  );
}
