import { checkNumber } from "../util/check/check-number.ts";
import type { TimeoutSignalFactory } from "../util/time/call-timeout.ts";
import { MAX_TIMER_MS } from "../util/time/sleep.ts";
import { type Clock, clockOf, realClock } from "./clock.ts";
import { type GraphTarget, resolveBaseUrl } from "./clouds.ts";
import { DEFAULT_MAX_BODY_BYTES } from "./defaults.ts";
import { type GraphFetchOptions, type GraphSend, graphFetch } from "./graph-fetch.ts";
import { commonHeaders } from "./request-parts.ts";
import { type RetryPolicy, resolveRetryPolicy } from "./retry-policy.ts";

/** Options of createGraphLroClient and createGraphLroRawClient. */
export interface GraphLroClientOptions extends GraphTarget, GraphFetchOptions {
  /** Retries of GETs on 429, 503, 504 and network errors. Default: 4 retries, 60 s of waiting in all. */
  retry?: Partial<RetryPolicy>;
  /** Abort each call (its retries and the reading of its body included) after this many ms. Default: no limit. */
  timeoutMs?: number;
  /**
   * The most bytes of a response body (success or error) a call reads; past it, the rest is not read and
   * the call fails with a GraphError `responseTooLarge`. Default: 4 MiB.
   */
  maxBodyBytes?: number;
  /** Test seam: makes the signal for `timeoutMs`, in place of the client's own timer. */
  timeoutSignal?: TimeoutSignalFactory;
  /**
   * Ask Graph for the members of evolvable enums added after `unknownFutureValue` (`Prefer:
   * include-unknown-enum-members`); without it Graph sends `unknownFutureValue` in their place. Default: false.
   */
  includeUnknownEnumMembers?: boolean;
}

/** The limits of every call: its time (body included) and its body's size. */
export interface CallLimits {
  timeoutMs: number | undefined;
  timeoutSignal: TimeoutSignalFactory | undefined;
  maxBodyBytes: number;
}

/** What both clients send through: the base URL, graphFetch, and each call's limits. */
export interface GraphTransport extends CallLimits {
  /** The Graph root, without a trailing slash. */
  baseUrl: string;
  send: GraphSend;
  /** The client's clock, steady (see steadyClock): the poller's too unless it is given its own. */
  clock: Clock;
  /** What every call sends: `accept`, and `prefer` when asked for the members after the sentinel. */
  headers: Record<string, string>;
}

/**
 * The transport of each client createGraphLroClient made, by the client (what startOperation sends through) and
 * by its getOperation (what the poller polls through while the client still calls it, decision 0025f). A
 * registry, not a property of the client, so that an app that never starts one bundles none of it.
 */
export const transportOf = new WeakMap<object, GraphTransport>();

/** Checks the options (an InvalidArgumentError names the first bad one) and builds the transport. */
export function graphTransport(options: GraphLroClientOptions): GraphTransport {
  const base = resolveBaseUrl(options, options.token !== undefined);
  const clock = clockOf(options, realClock);
  const headers = commonHeaders(options.includeUnknownEnumMembers);
  return {
    headers,
    baseUrl: base.href.replace(/\/$/, ""),
    send: graphFetch(base.origin, resolveRetryPolicy(options.retry), clock, options),
    clock,
    timeoutMs:
      options.timeoutMs === undefined ? undefined : checkNumber("timeoutMs", options.timeoutMs, 1, true, MAX_TIMER_MS),
    timeoutSignal: options.timeoutSignal,
    maxBodyBytes: checkNumber("maxBodyBytes", options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES, 1, true),
  };
}
