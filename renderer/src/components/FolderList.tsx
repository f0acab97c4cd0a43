/** Folders of a collection (or of one being created), each with a way to remove it. */
import { fileName } from "../lib/format.ts";
import { Icon } from "./Icon.tsx";

interface FolderListProps {
    folders: string[];
    onRemove: (folder: string) => void;
    removeLabel: string;
    disabled?: boolean;
}

export function FolderList({ folders, onRemove, removeLabel, disabled }: FolderListProps) {
    return (
        <ul className="folder-list">
            {folders.map((folder) => (
                <li key={folder} className="folder-item" data-testid="folder-item" data-path={folder}>
                    <Icon name="folder" className="folder-icon" />
                    <span className="folder-text">
                        <span className="folder-name">{fileName(folder)}</span>
                        <span className="folder-path">{folder}</span>
                    </span>
                    <button
                        type="button"
                        className="button small quiet"
                        onClick={() => onRemove(folder)}
                        disabled={disabled}
                        aria-label={`${removeLabel} ${folder}`}
                        data-testid="remove-folder-button"
                    >
                        {removeLabel}
                    </button>
                </li>
            ))}
        </ul>
    );
}
