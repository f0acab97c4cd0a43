/** Names a new collection and picks its folders; creating it starts indexing them. */
import { useState, type FormEvent } from "react";
import { COLLECTION_NAME } from "../../../src/core/api/contract.ts";
import { usePicker } from "../picker/PickerContext.tsx";
import { FolderList } from "./FolderList.tsx";
import { Icon } from "./Icon.tsx";

const NAME_RULE = "1–64 letters, digits, “.”, “_” or “-”, starting with a letter or digit. No spaces.";

interface NewCollectionViewProps {
    existing: string[];
    onCreate: (name: string, folders: string[]) => void;
    onCancel: (() => void) | null;
}

export function NewCollectionView({ existing, onCreate, onCancel }: NewCollectionViewProps) {
    const picker = usePicker();
    const [name, setName] = useState("");
    const [folders, setFolders] = useState<string[]>([]);
    const [touched, setTouched] = useState(false);

    const nameProblem = !name
        ? "Give the collection a name."
        : !COLLECTION_NAME.test(name)
          ? `This name cannot be used: ${NAME_RULE}`
          : existing.includes(name)
            ? "A collection with this name already exists. Open it to add folders."
            : null;

    const addFolders = async () => {
        const chosen = await picker.pickFolders();
        setFolders((current) => [...current, ...chosen.filter((folder) => !current.includes(folder))]);
    };

    const submit = (event: FormEvent) => {
        event.preventDefault();
        setTouched(true);
        if (!nameProblem && folders.length > 0) onCreate(name, folders);
    };

    return (
        <div className="page narrow">
            <header className="page-header">
                <div>
                    <h1>New collection</h1>
                    <p className="lead">A collection is a set of folders Enclave indexes together, for example one matter, one case or one policy set.</p>
                </div>
            </header>
            <form className="card stack" onSubmit={submit} noValidate data-testid="new-collection-form">
                <div className="field">
                    <label htmlFor="collection-name">Name</label>
                    <input
                        id="collection-name"
                        className="input"
                        value={name}
                        autoFocus
                        maxLength={64}
                        spellCheck={false}
                        placeholder="e.g. tax-guidance-2024"
                        aria-invalid={touched && nameProblem ? true : undefined}
                        aria-describedby="collection-name-help"
                        onChange={(event) => setName(event.target.value)}
                        onBlur={() => name && setTouched(true)}
                        data-testid="new-collection-name"
                    />
                    <p id="collection-name-help" className={touched && nameProblem ? "field-help error" : "field-help"} data-testid="new-collection-name-help">
                        {touched && nameProblem ? nameProblem : NAME_RULE}
                    </p>
                </div>

                <div className="field">
                    <span className="label">Folders</span>
                    {folders.length > 0 ? (
                        <FolderList folders={folders} onRemove={(folder) => setFolders((current) => current.filter((item) => item !== folder))} removeLabel="Remove" />
                    ) : (
                        <p className={touched ? "field-help error" : "field-help"}>
                            Add at least one folder. Sub-folders are included; PDF, Word (.docx), Markdown, text and HTML files are read.
                        </p>
                    )}
                    <div>
                        <button type="button" className="button" onClick={() => void addFolders()} data-testid="add-folder-button">
                            <Icon name="folder" /> Add folders…
                        </button>
                    </div>
                </div>

                <div className="form-actions">
                    {onCancel && (
                        <button type="button" className="button" onClick={onCancel}>
                            Cancel
                        </button>
                    )}
                    <button type="submit" className="button primary" data-testid="new-collection-submit">
                        Create and index
                    </button>
                </div>
            </form>
        </div>
    );
}
