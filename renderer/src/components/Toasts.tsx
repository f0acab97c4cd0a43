/** The short-lived notifications, bottom right. */
import { useNotifications } from "../hooks/useNotifications.tsx";
import { Icon } from "./Icon.tsx";

export function Toasts() {
    const { notifications, dismiss } = useNotifications();
    return (
        <div className="toasts" aria-live="polite">
            {notifications.map((notification) => (
                <div key={notification.id} className={`toast toast-${notification.tone}`} role={notification.tone === "error" ? "alert" : "status"} data-testid="toast">
                    <Icon name={notification.tone === "error" ? "alert" : "check"} />
                    <span>{notification.text}</span>
                    <button type="button" className="icon-button small" aria-label="Dismiss" onClick={() => dismiss(notification.id)}>
                        <Icon name="close" size={12} />
                    </button>
                </div>
            ))}
        </div>
    );
}
