// @paginated: an async iterator over the pages of a paginated operation, as the AWS SDKs'
// paginators walk them. Each page is one call (with its own retries); the next call sends
// the same input with the page's output token as the input token, until a page has no
// token (absent or empty), or, by default, repeats the token it was sent.
import { invoke, type CallOptions, type Client, type OperationDescription, type Output } from "./client.js";

export interface PaginationOptions extends CallOptions {
  /** Set as the operation's page-size member on every call, unless the input sets it. */
  pageSize?: number;
  /** The continuation token of the first call. Default: the input's token, if any. */
  startingToken?: unknown;
  /**
   * Stop when a page's token is the one its call sent. Default true; false keeps going,
   * for "tail" operations that answer the same token until there is more.
   */
  stopOnSameToken?: boolean;
}

/** The pages of a paginated operation; `items()` walks the items of every page instead. */
export interface Paginator<Page, Item = never> extends AsyncIterable<Page> {
  /** Each item of each page, in order (a map's entries as `[key, value]`), fetching pages as needed. */
  items(): AsyncIterable<Item>;
}

/** What the generated code says about one paginated operation. */
export interface PaginationDescription<Input, Page> {
  /** The input member that carries the continuation token. */
  inputToken: string;
  /** The output's continuation token (its `outputToken` path). */
  outputToken: (page: Page) => unknown;
  /** The output's paginated list or map (its `items` path), when the model names one. */
  items?: (page: Page) => unknown;
  /** The input member that bounds a page's size, when there is one. */
  pageSize?: string;
}

export function paginate<Input, Out, Item = never>(
  client: Client | { readonly client: Client },
  operation: OperationDescription<Input, Out>,
  input: Input,
  pagination: PaginationDescription<Input, Output<Out>>,
  options: PaginationOptions = {},
): Paginator<Output<Out>, Item> {
  const target = "resolved" in client ? client : client.client;
  const { pageSize, startingToken, stopOnSameToken = true, ...callOptions } = options;
  async function* pages(): AsyncGenerator<Output<Out>, void, undefined> {
    // A copy: the caller's input is never written to.
    const request = { ...input } as Record<string, unknown>;
    if (pageSize !== undefined && pagination.pageSize !== undefined) request[pagination.pageSize] ??= pageSize;
    let token = startingToken ?? request[pagination.inputToken];
    for (;;) {
      if (token === undefined) delete request[pagination.inputToken];
      else request[pagination.inputToken] = token;
      const page = await invoke(target, operation, request as Input, callOptions);
      yield page;
      const next = pagination.outputToken(page);
      if (isEmptyToken(next) || (stopOnSameToken && next === token)) return;
      token = next;
    }
  }
  return {
    [Symbol.asyncIterator]: pages,
    async *items(): AsyncGenerator<Item, void, undefined> {
      const { items } = pagination;
      if (!items) throw new TypeError(`${operation.name} names no items to paginate; iterate its pages instead.`);
      for await (const page of pages()) {
        const found = items(page);
        if (Array.isArray(found)) yield* found as Item[];
        else if (typeof found === "object" && found !== null) yield* Object.entries(found) as Item[];
      }
    },
  };
}

/** No more pages: the token is absent, or empty (a string, or a map with no entries). */
function isEmptyToken(token: unknown): boolean {
  if (token === undefined || token === null || token === "") return true;
  return typeof token === "object" && Object.keys(token).length === 0;
}
