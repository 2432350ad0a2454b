import { DATE_RANGE, formatUkDate, isInDateRange, isIsoDate, isoToLocalDate, readTypedDate, toIsoDate } from '../../src/domain/dates';
import { LIMITS } from '../../src/domain/limits';
import {
  dateProblem, evidenceLinkProblems, isLinkableUrl, linkKind, mergeProblems, splitCharacters, truncateCharacters, typedDateProblem,
} from '../../src/domain/validation';

describe('which addresses from a list may become links', () => {
  it.each([
    'https://borsetshire.sharepoint.com/sites/procurement/Shared%20Documents/Audit.pdf',
    'http://www.gov.uk/government/publications/national-procurement-strategy',
    'HTTPS://Borsetshire.SharePoint.com/a',
    '/sites/procurement/Lists/Assessments/Attachments/4/Audit%20report.pdf',
    '/',
  ])('links %s', (url) => {
    expect(isLinkableUrl(url)).toBe(true);
  });

  it.each([
    ['script', 'javascript:alert(1)'],
    ['script in mixed case', 'JaVaScRiPt:alert(1)'],
    ['script with a tab inside', 'java\tscript:alert(1)'],
    ['script with a line break inside', 'java\nscript:alert(1)'],
    ['script with a leading space', ' javascript:alert(1)'],
    ['script after a control character', '\u0001javascript:alert(1)'],
    ['entity-encoded script', '&#106;avascript:alert(1)'],
    ['entity-encoded colon', 'javascript&colon;alert(1)'],
    ['data', 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=='],
    ['vbscript', 'vbscript:msgbox(1)'],
    ['protocol-relative', '//evil.example/x'],
    ['backslash protocol-relative', '/\\evil.example/x'],
    ['backslashes', 'https://evil.example\\@borsetshire.sharepoint.com'],
    ['a web address with a leading space', ' https://borsetshire.sharepoint.com'],
    ['a web address with a trailing space', 'https://borsetshire.sharepoint.com '],
    ['a web address with a space inside', 'https://borsetshire.sharepoint.com/Shared Documents/a.pdf'],
    ['a web address with a zero-width space', 'https://borsetshire.sharepoint.com/\u200ba'],
    ['a web address with a right-to-left override', 'https://borsetshire.sharepoint.com/\u202Efdp.exe'],
    ['a scheme with no slashes', 'https:evil.example'],
    ['no host', 'https://'],
    ['a mail address', 'mailto:procurement@borsetshire.gov.uk'],
    ['a file share', 'file://server/share/a.docx'],
    ['a bare domain', 'borsetshire.sharepoint.com/sites/procurement'],
    ['empty text', ''],
    ['not text at all', 42],
    ['null', null],
  ])('shows %s as text', (_, url) => {
    expect(isLinkableUrl(url)).toBe(false);
  });

  it('says which kind of link it is, so web addresses can open in a new tab', () => {
    expect(linkKind('https://borsetshire.sharepoint.com')).toBe('absolute');
    expect(linkKind('/sites/procurement')).toBe('siteRelative');
    expect(linkKind('javascript:alert(1)')).toBeUndefined();
  });
});

describe('evidence links before they are saved', () => {
  it('names the link whose description is too long, with the numbers', () => {
    const problems = evidenceLinkProblems([
      { url: 'https://borsetshire.sharepoint.com/a', description: 'Audit' },
      { url: 'https://borsetshire.sharepoint.com/b', description: 'x'.repeat(100000) },
    ]);
    expect(LIMITS.linkDescription).toBe(255);
    expect(problems).toEqual([
      { field: 'evidenceLinks.1.description', message: 'Description of evidence link 2 is 100,000 characters; the limit is 255. Shorten it by 99,745.' },
    ]);
  });

  it('accepts a description of exactly 255 characters', () => {
    expect(evidenceLinkProblems([{ url: 'https://borsetshire.sharepoint.com/a', description: 'x'.repeat(255) }])).toEqual([]);
  });

  it('explains what is wrong with each address', () => {
    const problems = evidenceLinkProblems([
      { url: 'javascript:alert(1)', description: '' },
      { url: '', description: 'Minutes' },
      { url: 'https://borsetshire.sharepoint.com/Shared Documents/a.pdf', description: '' },
      { url: `https://borsetshire.sharepoint.com/${'a'.repeat(300)}`, description: '' },
    ]);
    expect(problems.map((p) => p.field)).toEqual(['evidenceLinks.0', 'evidenceLinks.1', 'evidenceLinks.2', 'evidenceLinks.3']);
    expect(problems[0].message).toBe('Evidence link 1 must be a web address starting https://, such as https://council.sharepoint.com/sites/procurement/report.pdf.');
    expect(problems[1].message).toBe('Evidence link 2 has no address. Add a web address starting https://, or remove the link.');
    expect(problems[2].message).toMatch(/^The address of evidence link 3 contains a space/);
    expect(problems[3].message).toBe('The address of evidence link 4 is 335 characters; the limit is 255. Shorten it by 80.');
  });

  it('reports values typed into the list that are not text, without failing', () => {
    const links = [{ url: 7, description: { rich: true } }, null] as unknown as Parameters<typeof evidenceLinkProblems>[0];
    const problems = evidenceLinkProblems(links);
    expect(problems.map((p) => p.field)).toEqual(['evidenceLinks.0', 'evidenceLinks.0.description', 'evidenceLinks.1']);
    expect(problems[1].message).toBe('The description of evidence link 1 is not text.');
  });
});

describe('dates a council can enter', () => {
  it('keeps the allowed range in one place: 2000 to 2099', () => {
    expect(DATE_RANGE).toEqual({ min: '2000-01-01', max: '2099-12-31' });
    expect(isInDateRange('2000-01-01')).toBe(true);
    expect(isInDateRange('2099-12-31')).toBe(true);
    expect(isInDateRange('1999-12-31')).toBe(false);
    expect(isInDateRange('2100-01-01')).toBe(false);
  });

  it('reads dates as a UK user types them', () => {
    expect(readTypedDate('31/03/2026')).toEqual({ kind: 'date', iso: '2026-03-31' });
    expect(readTypedDate(' 1/4/2026 ')).toEqual({ kind: 'date', iso: '2026-04-01' });
    expect(readTypedDate('31.03.2026')).toEqual({ kind: 'date', iso: '2026-03-31' });
    expect(readTypedDate('2026-03-31')).toEqual({ kind: 'date', iso: '2026-03-31' });
    expect(readTypedDate('31 March 2026')).toEqual({ kind: 'date', iso: '2026-03-31' });
    expect(readTypedDate('1 sept 2026')).toEqual({ kind: 'date', iso: '2026-09-01' });
    expect(readTypedDate('')).toEqual({ kind: 'empty' });
    expect(readTypedDate('31/03/26')).toEqual({ kind: 'shortYear' });
    expect(readTypedDate('next Tuesday')).toEqual({ kind: 'notADate' });
    expect(readTypedDate('31/02/2026')).toEqual({ kind: 'notReal', day: 31, month: 2, year: 2026 });
  });

  it('knows the leap years, including years Date gets wrong (0–99)', () => {
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2100-02-29')).toBe(false);
    expect(isIsoDate('2000-02-29')).toBe(true);
    expect(isIsoDate('0000-02-29')).toBe(true);
    expect(isIsoDate('0001-02-29')).toBe(false);
  });

  it('never turns 0001 into 1901 on the way to or from the calendar', () => {
    expect(toIsoDate(isoToLocalDate('0001-01-01'))).toBe('0001-01-01');
    expect(formatUkDate('0001-01-01')).toBe('1 January 0001');
  });

  it('says exactly why a typed date is wrong', () => {
    expect(typedDateProblem('Target date', '31/02/2026')).toBe('Target date: 31/02/2026 is not a real date. February 2026 has 28 days.');
    expect(typedDateProblem('Target date', '29/02/2028')).toBeUndefined();
    expect(typedDateProblem('Target date', '15/13/2026')).toBe('Target date: 15/13/2026 is not a real date. There is no month 13.');
    expect(typedDateProblem('Target date', '00/01/2026')).toBe('Target date: 00/01/2026 is not a real date. There is no day 0.');
    expect(typedDateProblem('Due date', 'soon')).toBe('Due date: "soon" is not a date. Type it like 31/03/2026.');
    expect(typedDateProblem('Due date', '31/03/26')).toBe('Due date: type the year in full in "31/03/26", like 31/03/2026.');
    expect(typedDateProblem('Due date', '')).toBeUndefined();
  });

  it('refuses years outside the range with a message naming it', () => {
    expect(typedDateProblem('Target date', '31/12/9999')).toBe('Target date must be between 1 January 2000 and 31 December 2099; 31 December 9999 is outside that range.');
    expect(typedDateProblem('Target date', '01/01/0001')).toBe('Target date must be between 1 January 2000 and 31 December 2099; 1 January 0001 is outside that range.');
    expect(dateProblem('Due date', '2100-01-01')).toBe('Due date must be between 1 January 2000 and 31 December 2099; 1 January 2100 is outside that range.');
  });

  it('checks stored values too, including text typed into the list', () => {
    expect(dateProblem('Target date', '2026-03-31')).toBeUndefined();
    expect(dateProblem('Target date', undefined)).toBeUndefined();
    expect(dateProblem('Target date', '')).toBeUndefined();
    expect(dateProblem('Target date', '2026-02-31')).toBe('Target date: 31/02/2026 is not a real date. February 2026 has 28 days.');
    expect(dateProblem('Target date', 'end of March')).toBe('Target date: "end of March" is not a date.');
  });
});

describe('cutting text by characters', () => {
  it('leaves text that fits alone', () => {
    expect(truncateCharacters('Annual procurement report', 80)).toBe('Annual procurement report');
  });

  it('never splits an emoji into half a surrogate pair', () => {
    const cut = truncateCharacters('ab😀cd', 3);
    expect(cut).toBe('ab😀');
    expect(truncateCharacters('😀😀😀', 2)).toBe('😀😀');
    // Every result is well-formed: no lone surrogates.
    for (let n = 0; n <= 6; n++) expect(truncateCharacters('a😀b😀c😀', n)).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?:^|[^\ud800-\udbff])[\udc00-\udfff]/);
  });

  it('keeps a family emoji, a flag and an accented letter whole', () => {
    const family = '👩‍👩‍👧';
    expect(truncateCharacters(`${family}${family}`, 1)).toBe(family);
    expect(truncateCharacters('🇬🇧🇬🇧', 1)).toBe('🇬🇧');
    expect(truncateCharacters('Cafe\u0301 menu', 4)).toBe('Cafe\u0301');
  });

  it('adds an ellipsis within the limit', () => {
    expect(truncateCharacters('Developing talent in the procurement team', 18, { ellipsis: '…' })).toBe('Developing talent…');
  });

  it('can also keep within a SharePoint column length, which counts an emoji as two', () => {
    const cut = truncateCharacters('😀'.repeat(200), 255, { maxCodeUnits: 255 });
    expect(cut.length).toBeLessThanOrEqual(255);
    expect(cut).toBe('😀'.repeat(127));
  });

  it('splits plain text (Latin, punctuation, currency) as the segmenter does, with CR LF one character', () => {
    const text = 'Caf\u00e9 \u0141\u00f3d\u017a\r\nline\u00ad two\u02ff \u2018quoted\u2019 \u2013 \u20ac5\u2026';
    const segmenter = new (Intl as unknown as { Segmenter: new (l: string, o: object) => { segment(t: string): Iterable<{ segment: string }> } }).Segmenter('en-GB', { granularity: 'grapheme' });
    expect(splitCharacters(text)).toEqual(Array.from(segmenter.segment(text), (s) => s.segment));
    expect(splitCharacters('a\r\nb')).toEqual(['a', '\r\n', 'b']);
  });

  it('works without Intl.Segmenter, by code points', () => {
    const intl = Intl as unknown as { Segmenter?: unknown };
    const saved = intl.Segmenter;
    try {
      delete intl.Segmenter;
      expect(splitCharacters('a😀👩‍👩‍👧🇬🇧e\u0301')).toEqual(['a', '😀', '👩‍👩‍👧', '🇬🇧', 'e\u0301']);
      expect(truncateCharacters('ab😀cd', 3)).toBe('ab😀');
    } finally {
      intl.Segmenter = saved;
    }
  });
});

describe('problems from several checks', () => {
  it('says each field\'s problem once, the first check winning', () => {
    expect(
      mergeProblems(
        [{ field: 'targetDate', message: 'Target date: 31/02/2026 is not a real date.' }],
        [{ field: 'targetDate', message: '"2026-02-31" is not a real date.' }, { field: 'rationale', message: 'Rationale is too long.' }]
      )
    ).toEqual([
      { field: 'targetDate', message: 'Target date: 31/02/2026 is not a real date.' },
      { field: 'rationale', message: 'Rationale is too long.' },
    ]);
  });
});
