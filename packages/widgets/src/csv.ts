import Papa from 'papaparse'

/** One person read from a CSV row, with the line of the file it starts on (1-based, header = 1). */
export interface CsvPerson {
  line: number
  email: string
  firstName: string
  lastName: string
  title?: string
  /** The row as given, to put back in the box if it fails. */
  cells: string[]
}

export interface ParsedCsv {
  header: string[]
  people: CsvPerson[]
  /** Rows the CSV itself could not be read from (an unclosed quote). */
  problems: { line: number; message: string }[]
  /** The first line names no email / first-name / last-name columns. */
  missingHeader: boolean
}

const norm = (s: string) => s.toLowerCase().replace(/[\s_-]+/g, '')
const COLUMN: Record<string, 'email' | 'firstName' | 'lastName' | 'title'> = {
  email: 'email',
  mail: 'email',
  courriel: 'email',
  firstname: 'firstName',
  givenname: 'firstName',
  prénom: 'firstName',
  prenom: 'firstName',
  lastname: 'lastName',
  surname: 'lastName',
  familyname: 'lastName',
  nom: 'lastName',
  title: 'title',
  jobtitle: 'title',
  fonction: 'title',
}

/**
 * Reads "email, first name, last name[, title]" CSV (RFC 4180 through papaparse: quoted fields
 * keep their commas, doubled quotes and line breaks). Columns are found by the header's names, in
 * any order; each person keeps the line of the file it starts on, so "Line 3" means line 3.
 */
export function parseStaffCsv(text: string): ParsedCsv {
  const result = Papa.parse<string[]>(text, { skipEmptyLines: false })
  const rows = result.data
  // Line numbers: papaparse gives rows, not lines; a quoted field may span lines, so count the
  // line breaks inside each row as we go.
  const lines: number[] = []
  let line = 1
  for (const row of rows) {
    lines.push(line)
    line += 1 + row.reduce((n, cell) => n + (cell.match(/\r\n|\r|\n/g)?.length ?? 0), 0)
  }
  const problems = result.errors
    .filter((e) => e.code !== 'UndetectableDelimiter')
    .map((e) => ({ line: lines[e.row ?? 0] ?? 1, message: e.message }))
  const headerIndex = rows.findIndex((r) => r.some((c) => c.trim() !== ''))
  const header = headerIndex >= 0 ? (rows[headerIndex] ?? []).map((c) => c.trim()) : []
  const columns = header.map((h) => COLUMN[norm(h)])
  const at = (key: 'email' | 'firstName' | 'lastName' | 'title') => columns.indexOf(key)
  const missingHeader = at('email') < 0 || at('firstName') < 0 || at('lastName') < 0
  const people: CsvPerson[] = []
  if (!missingHeader) {
    rows.forEach((row, index) => {
      if (index <= headerIndex || row.every((c) => c.trim() === '')) return
      const cell = (key: 'email' | 'firstName' | 'lastName' | 'title') => (row[at(key)] ?? '').trim()
      const title = at('title') >= 0 ? cell('title') : ''
      people.push({
        line: lines[index] ?? index + 1,
        email: cell('email'),
        firstName: cell('firstName'),
        lastName: cell('lastName'),
        ...(title ? { title } : {}),
        cells: row,
      })
    })
  }
  return { header, people, problems, missingHeader }
}

/** The header and the given rows back as CSV, quoted where needed. */
export function toCsv(header: string[], rows: string[][]): string {
  return Papa.unparse([header, ...rows], { newline: '\n' })
}
