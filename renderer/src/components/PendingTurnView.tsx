/** The question being answered: a searching state until the first token, then the answer as it streams. */
import type { PendingTurn } from "../hooks/useChat.ts";
import { AnswerText } from "./AnswerText.tsx";
import { QuestionBubble } from "./ChatTurnView.tsx";

export function PendingTurnView({ turn }: { turn: PendingTurn }) {
    return (
        <article className="turn pending" data-testid="chat-turn-pending" aria-busy="true">
            <QuestionBubble question={turn.question} />
            <div className="answer" aria-live="polite">
                {turn.phase === "searching" ? (
                    <p className="thinking" data-testid="answer-pending">
                        <span className="thinking-dots" aria-hidden="true">
                            <span />
                            <span />
                            <span />
                        </span>
                        {turn.stopping ? "Stopping…" : "Searching your documents and reading the best passages…"}
                    </p>
                ) : (
                    <AnswerText text={turn.text} sources={null} onOpenSource={() => undefined} streaming />
                )}
                {turn.stopping && turn.phase === "writing" && <p className="muted small">Stopping…</p>}
            </div>
        </article>
    );
}
