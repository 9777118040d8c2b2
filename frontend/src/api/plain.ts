/**
 * Plain<T> is a model class that Wails generates from Go (wailsjs/go/models.ts)
 * as data: its fields, nested, without the class's methods, so that a value
 * parsed from JSON or written as an object literal fits it. The api/ layer
 * takes its types from there, so a changed Go field fails the type check
 * where the page still uses the old one.
 */
export type Plain<T> = T extends readonly (infer U)[]
  ? Plain<U>[]
  : T extends object
    ? { [K in keyof T as T[K] extends (...args: never[]) => unknown ? never : K]: Plain<T[K]> }
    : T;

/**
 * toGo passes a plain value where a generated binding declares its class:
 * the bridge sends JSON, so the class's methods are never needed, while the
 * fields are still checked against Go's.
 */
export const toGo = <T>(v: Plain<T>): T => v as T;
