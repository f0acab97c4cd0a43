/** The question box: Enter sends, Shift+Enter starts a new line; while answering, Stop (or Esc) ends it. */
import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { Icon } from "./Icon.tsx";

interface ChatInputProps {
    collection: string;
    answering: boolean;
    disabled: boolean;
    onSend: (question: string) => void;
    onStop: () => void;
}

const MAX_HEIGHT_PX = 200;

export function ChatInput({ collection, answering, disabled, onSend, onStop }: ChatInputProps) {
    const [text, setText] = useState("");
    const area = useRef<HTMLTextAreaElement>(null);

    useEffect(() => {
        const element = area.current;
        if (!element) return;
        element.style.height = "auto";
        element.style.height = `${Math.min(element.scrollHeight, MAX_HEIGHT_PX)}px`;
    }, [text]);

    useEffect(() => {
        if (!answering) area.current?.focus();
    }, [answering]);

    const send = () => {
        const question = text.trim();
        if (!question || answering || disabled) return;
        onSend(question);
        setText("");
    };

    const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
        if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
            event.preventDefault();
            send();
        }
    };

    return (
        <div className="composer">
            <div className="composer-box">
                <textarea
                    ref={area}
                    className="composer-input"
                    rows={1}
                    value={text}
                    placeholder={`Ask a question about “${collection}”…`}
                    aria-label="Your question"
                    disabled={disabled}
                    onChange={(event) => setText(event.target.value)}
                    onKeyDown={onKeyDown}
                    data-testid="chat-input"
                />
                {answering ? (
                    <button type="button" className="button composer-button stop" onClick={onStop} data-testid="stop-button">
                        <Icon name="stop" /> Stop
                    </button>
                ) : (
                    <button
                        type="button"
                        className="button primary composer-button"
                        onClick={send}
                        disabled={disabled || !text.trim()}
                        aria-label="Send question"
                        data-testid="send-button"
                    >
                        <Icon name="send" /> Ask
                    </button>
                )}
            </div>
            <p className="composer-hint">
                <kbd>Enter</kbd> to ask · <kbd>Shift</kbd>+<kbd>Enter</kbd> for a new line · <kbd>Esc</kbd> to stop
            </p>
        </div>
    );
}
