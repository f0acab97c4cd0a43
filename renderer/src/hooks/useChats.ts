/** The past chats (stored by the engine), most recently updated first, with rename and delete. */
import { useCallback } from "react";
import { useApi } from "../api/ApiContext.tsx";
import { useLoad } from "./useLoad.ts";

export function useChats() {
    const { api } = useApi();
    const list = useLoad(() => api.chats(), [api]);
    const { setData } = list;

    const rename = useCallback(
        async (chatId: string, title: string) => {
            const renamed = await api.renameChat({ chatId, title });
            setData((all = []) => all.map((chat) => (chat.id === chatId ? renamed : chat)));
        },
        [api, setData],
    );

    const remove = useCallback(
        async (chatId: string) => {
            await api.removeChat(chatId);
            setData((all = []) => all.filter((chat) => chat.id !== chatId));
        },
        [api, setData],
    );

    return { chats: list.data, error: list.error, reload: list.reload, rename, remove };
}

export type ChatsState = ReturnType<typeof useChats>;
