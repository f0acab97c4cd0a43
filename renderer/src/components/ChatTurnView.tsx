/** One question and its stored answer: text with citation chips, cited sources, not-found state, notices, actions. */
import { useState } from "react";
import type { ChatTurn } from "../../../src/core/api/contract.ts";
import type { Citation } from "../../../src/core/types.ts";
import { useApi } from "../api/ApiContext.tsx";
import { useNotifications } from "../hooks/useNotifications.tsx";
import { copyText } from "../lib/clipboard.ts";
import { AnswerText } from "./AnswerText.tsx";
import { CitedSources } from "./CitedSources.tsx";
import { Icon } from "./Icon.tsx";
import { NotFoundBanner } from "./NotFoundBanner.tsx";
import { RetrievalInspector, type SearchOptions } from "./RetrievalInspector.tsx";

interface ChatTurnViewProps {
    turn: ChatTurn;
    chatId: string;
    collection: string;
    searchOptions: SearchOptions;
    onOpenSource: (source: Citation) => void;
}

export function ChatTurnView({ turn, chatId, collection, searchOptions, onOpenSource }: ChatTurnViewProps) {
    const { api } = useApi();
    const { notifyError, notifyInfo } = useNotifications();
    const [copying, setCopying] = useState(false);
    const { answer } = turn;
    const notices = answer.notices;

    const copy = async () => {
        setCopying(true);
        try {
            const { markdown } = await api.chatMarkdown({ chatId, turnId: turn.id });
            await copyText(markdown);
            notifyInfo("Answer copied as Markdown");
        } catch (error) {
            notifyError(error, "Could not copy the answer");
        } finally {
            setCopying(false);
        }
    };

    return (
        <article className="turn" data-testid="chat-turn" data-turn-id={turn.id} data-found={answer.found} data-stopped={turn.stopped}>
            <QuestionBubble question={turn.question} />
            <div className="answer">
                {!answer.found && !turn.stopped ? (
                    <NotFoundBanner collection={collection} notices={notices} />
                ) : (
                    answer.answer && <AnswerText text={answer.answer} sources={answer.sources} onOpenSource={onOpenSource} />
                )}
                {turn.stopped && (
                    <p className="stopped-note" data-testid="stopped-badge">
                        <Icon name="stop" size={12} /> {answer.answer ? "Stopped: this answer is incomplete." : "Stopped before an answer was written."}
                    </p>
                )}
                {answer.found && <CitedSources citations={answer.citations} onOpen={onOpenSource} />}
                {answer.found && notices.length > 0 && (
                    <ul className="answer-notices" data-testid="answer-notices">
                        {notices.map((notice) => (
                            <li key={notice}>
                                <Icon name="info" size={13} /> {notice}
                            </li>
                        ))}
                    </ul>
                )}
                {answer.found && answer.flags.uncited && (
                    <p className="answer-warning" data-testid="uncited-warning">
                        <Icon name="alert" size={13} /> This answer cites no source. Check it against the sources below before relying on it.
                    </p>
                )}
                <div className="answer-actions">
                    <button type="button" className="button small quiet" onClick={() => void copy()} disabled={copying} data-testid="copy-answer-button">
                        <Icon name="copy" size={14} /> Copy as Markdown
                    </button>
                </div>
                {answer.sources.length > 0 && (
                    <RetrievalInspector collection={collection} question={turn.question} answer={answer} searchOptions={searchOptions} onOpenSource={onOpenSource} />
                )}
            </div>
        </article>
    );
}

export function QuestionBubble({ question }: { question: string }) {
    return (
        <div className="question" data-testid="question">
            <p>{question}</p>
        </div>
    );
}
