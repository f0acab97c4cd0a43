/** "1 file", "3 files", "1,519 pages": a count with its noun in the right number. */
export function formatCount(count: number, singular: string, plural = `${singular}s`): string {
    return `${count.toLocaleString()} ${count === 1 ? singular : plural}`;
}
