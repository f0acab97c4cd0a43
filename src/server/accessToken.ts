import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** A fresh secret for one server launch: 32 random bytes, hex. */
export function newAccessToken(): string {
    return randomBytes(32).toString("hex");
}

/** Compares in constant time; hashing first gives equal lengths, so not even the length leaks. */
export function tokensMatch(presented: string, expected: string): boolean {
    const digest = (token: string) => createHash("sha256").update(token).digest();
    return timingSafeEqual(digest(presented), digest(expected));
}
