import "./zodJitless.ts";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { ApiProvider } from "./api/ApiContext.tsx";
import { createTransport } from "./api/transport.ts";
import { App } from "./App.tsx";
import { NotificationsProvider } from "./hooks/useNotifications.tsx";
import { PickerProvider } from "./picker/PickerContext.tsx";
import "./styles/app.css";

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root");

createRoot(root).render(
    <StrictMode>
        <ApiProvider transport={createTransport()}>
            <NotificationsProvider>
                <PickerProvider>
                    <App />
                </PickerProvider>
            </NotificationsProvider>
        </ApiProvider>
    </StrictMode>,
);
