/**
 * `List` when it names every member of the union `T`, else a type naming the members it lacks,
 * which `List` is not assignable to. With `satisfies readonly T[]` (nothing outside `T`) it makes
 * the compiler keep a run-time list in step with a union of the generated API types:
 *
 * ```ts
 * const list = ['a', 'b'] as const satisfies readonly AB[];
 * export const abs: ExhaustiveList<AB, typeof list> = list;
 * ```
 */
export type ExhaustiveList<T, List extends readonly T[]> = [Exclude<T, List[number]>] extends [never]
  ? List
  : { missingFromList: Exclude<T, List[number]> };
