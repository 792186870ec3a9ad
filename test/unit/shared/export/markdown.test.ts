import { describe, expect, it } from 'vitest';
import { exportBoard } from '../../../../shared/export/boardJson';
import { boardMarkdown, escapeMarkdown, escapeMarkdownBlock } from '../../../../shared/export/markdown';
import { buildFixture } from '../../../helpers/exportFixture';

/** Undoes the escaping, as a Markdown renderer shows the text. */
const shown = (md: string): string => md.replace(/\\(.)/g, '$1').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

describe('escaping Markdown', () => {
  it('leaves no syntax in what people typed: headings, lists, links, images, HTML, autolinks, tables, code', () => {
    const hostile = '# h\n- li\n1. ol\n[a](b) ![i](j) <img src=x onerror=alert(1)> <https://x.y> https://x.y www.x.y a@b.c | `code` *em* _em_ ~~s~~ & &amp;';
    const one = escapeMarkdown(hostile);
    expect(one).not.toMatch(/[<>\n]/);
    // Every ASCII punctuation mark is escaped or an entity.
    expect(one.replace(/\\[!-/:-@[-`{-~]/g, '').replace(/&(lt|gt|amp);/g, '')).not.toMatch(/[!-/:-@[-`{-~]/);
    expect(shown(one)).toBe(hostile.replace(/\n/g, ' '));
  });

  it('keeps a note’s lines as hard breaks inside its list item', () => {
    expect(escapeMarkdownBlock('first\n\n# second\r\n  - third')).toBe('first\\\n  \\# second\\\n  \\- third');
  });
});

describe('the Markdown report', () => {
  const { doc } = buildFixture();
  const file = exportBoard(doc, Date.UTC(2026, 11, 1));
  const en = boardMarkdown(file, 'en');
  const it_ = boardMarkdown(file, 'it');

  it('has the title, dates, participants by sector and place, and each prompt', () => {
    expect(en.split('\n')[0]).toBe('# Contratto di fiume &lt;Olona&gt; \\# 1');
    expect(en).toContain('Date: 30 November 2026 · Exported: 1 December 2026');
    expect(en).toContain('- People who contributed: 4');
    expect(en).toContain('- By sector: Public 2 · Private 1 · Civil society 1 · Other 0');
    expect(en).toContain('- In the room / remote: In the room 2 · Remote 2');
    expect(en).toContain('- **Listening**: Come vorremmo l’Olona nel 2030\\?');
  });

  it('groups the notes by scenario with their author’s sector, every note inert', () => {
    const lines = en.split('\n');
    const headings = lines.filter((l) => l.startsWith('#'));
    expect(headings).toEqual([
      '# Contratto di fiume &lt;Olona&gt; \\# 1',
      '## Participants',
      '## Prompts',
      '## Notes by scenario',
      '### Fiume vivo \\[x\\]\\(y\\)',
      '### Scuole',
      '### Not in a scenario',
      '## Priorities',
      '## Action plan',
      '### Parco fluviale &lt;b&gt;',
    ]);
    expect(en).not.toMatch(/<script|<img|<b>|\]\(|!\[/);
    const hostile = lines.findIndex((l) => l.includes('alert'));
    expect(lines[hostile]).toBe('- \\"\\; \\=SUM\\(A1\\) &lt;script&gt;alert\\(1\\)&lt;\\/script&gt; \\# heading\\');
    expect(lines[hostile + 1]).toBe('  \\[link\\]\\(x\\) \\!\\[img\\]\\(y\\) 🌊🚲 — *Civil society*');
  });

  it('ranks the priorities with raw dots, the bridging score and the sectors the anonymity guard allows', () => {
    expect(en).toContain('Round 1: 7 voters, 16 dots.');
    const row = en.split('\n').find((l) => l.startsWith('| 1 |'));
    // River: 9 dots from 3 public, 3 civil and 1 private voter: private hidden, and with it the smallest shown sector.
    expect(row).toMatch(/^\| 1 \| Fiume vivo \\\[x\\\]\\\(y\\\) \| 9 \| hidden \| /);
    const cells = row!.split(' | ');
    expect(cells.slice(4)).toEqual(expect.arrayContaining(['hidden']));
    expect(cells[5]).toBe('hidden'); // the private column
    expect(en).toContain('fewer than 3 people of that sector');
  });

  it('lists the action plan: the priority it answers, lead, partners and each sector’s commitment', () => {
    expect(en).toContain('- **Answers**: Fiume vivo \\[x\\]\\(y\\)');
    expect(en).toContain('- **Objective**: Riaprire le sponde\\\n  \\# non un titolo');
    expect(en).toContain('- **Lead**: Comune di Legnano (Public)');
    expect(en).toContain('- **Partners**: Legambiente (Civil society), Coop \\[x\\] (Private)');
    expect(en).toContain('  - Public: Cy — Fondi 2027\n  - Private: *not yet*\n  - Civil society: Ada\n  - Other: *not yet*');
  });

  it('speaks Italian when asked', () => {
    expect(it_).toContain('## Partecipanti');
    expect(it_).toContain('Data: 30 novembre 2026');
    expect(it_).toContain('## Piano d’azione');
    expect(it_).toContain('- **Capofila**: Comune di Legnano (Pubblico)');
    expect(it_).toContain('Turno 1: 7 votanti, 16 punti.');
  });
});
