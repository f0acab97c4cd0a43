/** The app's settings and the installed models they choose from. */
import { useCallback } from "react";
import type { SettingsUpdate } from "../../../src/core/api/contract.ts";
import { useApi } from "../api/ApiContext.tsx";
import { useLoad } from "./useLoad.ts";

export function useSettings() {
    const { api } = useApi();
    const settings = useLoad(() => api.settings(), [api]);
    const models = useLoad(() => api.models(), [api]);
    const { setData } = settings;

    const update = useCallback(async (change: SettingsUpdate) => setData(await api.updateSettings(change)), [api, setData]);

    return {
        settings: settings.data,
        models: models.data,
        error: settings.error ?? models.error,
        reloadModels: models.reload,
        update,
    };
}
