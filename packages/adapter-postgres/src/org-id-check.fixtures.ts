// The org_id statement check (a simulation of what a planner distributing by org_id needs): parse
// a statement with the real Postgres parser (libpg-query, Postgres 18's grammar in WebAssembly) and
// report every distributed table it touches without saying which org. Test-only: it is not
// exported, and the package does not ship it.
import { loadModule, parseSync } from 'libpg-query'
import { CROSS_ORG_LOOKUPS, type RosterTable, TABLE_DISTRIBUTION } from './distribution.js'

/** What the check says of one table a statement touches. */
export type TableUse =
  | { table: string; verdict: 'reference' | 'org-keyed' }
  | { table: string; verdict: 'cross-org'; by: string }
  | { table: string; verdict: 'no-org'; columns: string[] }
  | { table: string; verdict: 'unclassified' }

type Node = { [key: string]: unknown }
const STATEMENTS = ['SelectStmt', 'InsertStmt', 'UpdateStmt', 'DeleteStmt'] as const

interface Relation {
  table: string
  alias?: string
  /** A function's rows or a subquery in FROM (`unnest($1) as g`): values, not a table. */
  derived?: true
}
/** A column a statement's WHERE or JOIN … ON compares: by equality (`=`, IN, ANY) or otherwise. */
interface Compared extends ColumnName {
  equality: boolean
  /** The column on the other side of an equality between two columns (a join condition); none when compared with a value. */
  partner?: ColumnName
}
interface ColumnName {
  qualifier?: string
  column: string
}
interface Scope {
  kind: (typeof STATEMENTS)[number]
  relations: Relation[]
  compared: Compared[]
  insertColumns?: string[]
  parent?: Scope
}

const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null

let loaded: Promise<void> | undefined
/** Loads the parser's WebAssembly module (once). */
export function loadParser(): Promise<void> {
  loaded ??= loadModule()
  return loaded
}

/** The relations named in a FROM list (through joins, not into subqueries), and the joins' ON conditions. */
function fromItems(items: unknown, relations: Relation[], conditions: unknown[]): void {
  for (const item of Array.isArray(items) ? items : [items]) {
    if (!isNode(item)) continue
    const range = item.RangeVar
    if (isNode(range)) {
      if (range.schemaname === 'pg_catalog' || range.schemaname === 'information_schema') continue
      const alias = isNode(range.alias) ? (range.alias.aliasname as string) : undefined
      relations.push({ table: range.relname as string, ...(alias ? { alias } : {}) })
    }
    for (const kind of ['RangeFunction', 'RangeSubselect']) {
      const derived = item[kind]
      if (isNode(derived) && isNode(derived.alias))
        relations.push({
          table: derived.alias.aliasname as string,
          alias: derived.alias.aliasname as string,
          derived: true,
        })
    }
    const join = item.JoinExpr
    if (isNode(join)) {
      fromItems(join.larg, relations, conditions)
      fromItems(join.rarg, relations, conditions)
      if (join.quals) conditions.push(join.quals)
    }
  }
}

function columnName(node: unknown): ColumnName | undefined {
  if (!isNode(node) || !isNode(node.ColumnRef)) return undefined
  const names = (node.ColumnRef.fields as Node[]).flatMap((field) =>
    isNode(field.String) ? [field.String.sval as string] : [],
  )
  const column = names.at(-1)
  if (column === undefined) return undefined
  return { column, ...(names.length > 1 ? { qualifier: names.at(-2) as string } : {}) }
}

/** The columns a condition compares, not descending into subqueries (they are scopes of their own). */
function comparedColumns(node: unknown, equality: boolean | undefined, out: Compared[]): void {
  if (Array.isArray(node)) {
    for (const item of node) comparedColumns(item, equality, out)
    return
  }
  if (!isNode(node)) return
  for (const [kind, body] of Object.entries(node)) {
    // A subquery is a scope of its own.
    if ((STATEMENTS as readonly string[]).includes(kind)) continue
    if (!isNode(body)) {
      comparedColumns(body, equality, out)
      continue
    }
    if (kind === 'ColumnRef') {
      const name = columnName(node)
      if (name !== undefined && equality !== undefined) out.push({ ...name, equality })
    } else if (kind === 'A_Expr') {
      // =, = ANY(…) and IN (…) name the operator '='; NOT IN is '<>'.
      const operator = Array.isArray(body.name) ? (body.name as Node[])[0]?.String : undefined
      const isEquality =
        ['AEXPR_OP', 'AEXPR_OP_ANY', 'AEXPR_IN'].includes(body.kind as string) &&
        isNode(operator) &&
        operator.sval === '='
      const [left, right] = [columnName(body.lexpr), columnName(body.rexpr)]
      if (isEquality && body.kind === 'AEXPR_OP' && left && right) {
        out.push({ ...left, equality: true, partner: right }, { ...right, equality: true, partner: left })
        continue
      }
      comparedColumns(body.lexpr, isEquality, out)
      comparedColumns(body.rexpr, isEquality, out)
    } else if (kind === 'SubLink') {
      comparedColumns(body.testexpr, body.subLinkType === 'ANY_SUBLINK', out)
    } else if (kind === 'FuncCall' || kind === 'CoalesceExpr' || kind === 'CaseExpr') {
      // lower(email) = $1, mod(hashtext(org_id), 4) = $1: compared, but not the column itself.
      comparedColumns(body, equality === undefined ? undefined : false, out)
    } else {
      comparedColumns(body, equality, out)
    }
  }
}

/** Every statement scope of a parsed statement, each with its parent (for correlated subqueries). */
function scopes(node: unknown, parent: Scope | undefined, out: Scope[], ctes: Set<string>): void {
  if (Array.isArray(node)) {
    for (const item of node) scopes(item, parent, out, ctes)
    return
  }
  if (!isNode(node)) return
  for (const [kind, body] of Object.entries(node)) {
    if (!isNode(body)) {
      if (Array.isArray(body)) scopes(body, parent, out, ctes)
      continue
    }
    if (kind === 'CommonTableExpr') ctes.add(body.ctename as string)
    if (!(STATEMENTS as readonly string[]).includes(kind)) {
      scopes(body, parent, out, ctes)
      continue
    }
    const scope: Scope = {
      kind: kind as Scope['kind'],
      relations: [],
      compared: [],
      ...(parent ? { parent } : {}),
    }
    const conditions: unknown[] = []
    if (body.relation) fromItems({ RangeVar: body.relation }, scope.relations, conditions)
    fromItems(body.fromClause, scope.relations, conditions)
    fromItems(body.usingClause, scope.relations, conditions)
    if (body.whereClause) conditions.push(body.whereClause)
    comparedColumns(conditions, undefined, scope.compared)
    if (kind === 'InsertStmt')
      scope.insertColumns = ((body.cols as Node[] | undefined) ?? []).map(
        (col) => (col.ResTarget as Node).name as string,
      )
    out.push(scope)
    scopes(body, scope, out, ctes)
  }
}

/** The relation of `scope` (or of one enclosing it) a compared column belongs to. */
function owners(scope: Scope, column: ColumnName): Relation[] {
  if (column.qualifier === undefined) return scope.relations
  for (let at: Scope | undefined = scope; at; at = at.parent) {
    const named = at.relations.filter((r) => (r.alias ?? r.table) === column.qualifier)
    if (named.length) return named
  }
  return []
}

/**
 * What a statement does with each table it names (one entry per occurrence). Call `loadParser()`
 * first. A distributed table is `org-keyed` when the statement compares its `org_id` by equality
 * (=, IN, ANY — in WHERE or a JOIN's ON, its own or an enclosing statement's) or inserts it;
 * `cross-org` when it has no such predicate but compares a column that `CROSS_ORG_LOOKUPS`
 * names for it; `no-org` otherwise.
 */
export function tableUses(statement: string): TableUse[] {
  const parsed = parseSync(statement) as { stmts?: Array<{ stmt: unknown }> }
  const found: Scope[] = []
  const ctes = new Set<string>()
  for (const { stmt } of parsed.stmts ?? []) scopes(stmt, undefined, found, ctes)
  // A relation is keyed by an org when its org_id equals a value, or equals the org_id of a keyed
  // relation (a colocated join): `x.org_id = y.org_id` alone spans every shard.
  const byRelation = new Map<Relation, Compared[]>()
  const keyed = new Set<Relation>()
  const joins: Array<[Relation, Relation]> = []
  for (const scope of found)
    for (const column of scope.compared)
      for (const relation of owners(scope, column)) {
        byRelation.set(relation, [...(byRelation.get(relation) ?? []), column])
        if (column.column !== 'org_id' || !column.equality) continue
        // Compared with a value, or with a column of values (a CTE's or a function's rows, built from
        // parameters; their own statements are checked on their own): the org is given.
        const others = column.partner === undefined ? [] : owners(scope, column.partner)
        if (others.every((other) => other.derived || ctes.has(other.table))) keyed.add(relation)
        else if (column.partner?.column === 'org_id')
          for (const other of others)
            if (TABLE_DISTRIBUTION[other.table as RosterTable] === 'distributed')
              joins.push([relation, other])
      }
  for (let grew = true; grew; ) {
    grew = false
    for (const [relation, other] of joins)
      if (keyed.has(other) && !keyed.has(relation)) {
        keyed.add(relation)
        grew = true
      }
  }
  const uses: TableUse[] = []
  for (const scope of found) {
    for (const relation of scope.relations) {
      const { table } = relation
      if (relation.derived || ctes.has(table)) continue
      const placement = TABLE_DISTRIBUTION[table as RosterTable]
      if (placement === undefined) {
        uses.push({ table, verdict: 'unclassified' })
        continue
      }
      if (placement === 'reference') {
        uses.push({ table, verdict: 'reference' })
        continue
      }
      const compared = byRelation.get(relation) ?? []
      const inserted = scope.relations[0] === relation && scope.insertColumns?.includes('org_id')
      if (inserted || keyed.has(relation)) {
        uses.push({ table, verdict: 'org-keyed' })
        continue
      }
      const lookup = CROSS_ORG_LOOKUPS.find(
        (entry) =>
          entry.table === table &&
          compared.some((c) => c.column === entry.by) &&
          (!entry.only || (scope.kind === 'SelectStmt' && compared.every((c) => c.column === entry.by))),
      )
      uses.push(
        lookup
          ? { table, verdict: 'cross-org', by: lookup.by }
          : { table, verdict: 'no-org', columns: [...new Set(compared.map((c) => c.column))] },
      )
    }
  }
  return uses
}
