import { InvalidArgumentError } from "commander";

export function positiveInteger(value: string): number {
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < 1) throw new InvalidArgumentError("expected a whole number of 1 or more");
    return parsed;
}

export function nonNegativeNumber(value: string): number {
    const parsed = Number(value);
    if (!Number.isFinite(parsed) || parsed < 0) throw new InvalidArgumentError("expected a number of 0 or more");
    return parsed;
}

export function portNumber(value: string): number {
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65535) throw new InvalidArgumentError("expected a port from 0 to 65535");
    return parsed;
}

export function integer(value: string): number {
    const parsed = Number(value);
    if (!Number.isInteger(parsed)) throw new InvalidArgumentError("expected a whole number");
    return parsed;
}
