/** Files that could not be indexed, each with its name, where it is, and why, in plain words. */
import type { FailedFile } from "../../../src/core/types.ts";
import { fileName, folderOf, formatCount } from "../lib/format.ts";
import { Icon } from "./Icon.tsx";

export function FailedFiles({ failed }: { failed: FailedFile[] }) {
    if (failed.length === 0) return null;
    return (
        <div className="failed-files" data-testid="failed-files">
            <h3 className="failed-title">
                <Icon name="alert" /> {formatCount(failed.length, "file")} could not be read
            </h3>
            <ul>
                {failed.map((file) => (
                    <li key={file.path} className="failed-file" data-testid="failed-file" data-path={file.path}>
                        <span className="failed-name">{fileName(file.path)}</span>
                        <span className="failed-reason">{file.reason}</span>
                        <span className="failed-path">{folderOf(file.path)}</span>
                    </li>
                ))}
            </ul>
        </div>
    );
}
