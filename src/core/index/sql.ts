import type { SearchFilters } from "../types.js";

/** A SQL string literal: single quotes doubled, so any path or id is safe inside a predicate. */
export function sqlString(value: string): string {
    return `'${value.replaceAll("'", "''")}'`;
}

export function sqlIn(column: string, values: readonly string[]): string {
    return `${column} IN (${values.map(sqlString).join(", ")})`;
}

/** The `where` predicate for search filters, or null when nothing is filtered. */
export function filterPredicate(filters: SearchFilters | undefined): string | null {
    const clauses: string[] = [];
    if (filters?.pathPrefixes?.length) {
        // starts_with, not LIKE: a path may hold "%" or "_", which LIKE would read as wildcards.
        clauses.push(`(${filters.pathPrefixes.map((prefix) => `starts_with(path, ${sqlString(prefix)})`).join(" OR ")})`);
    }
    if (filters?.fileTypes?.length) clauses.push(sqlIn("file_type", filters.fileTypes));
    return clauses.length > 0 ? clauses.join(" AND ") : null;
}
