import type { ReactNode } from "react";

// Apart from the route table, so that the Shell, which reads it, and the route table, which
// renders the Shell, do not import each other.

/** What a route puts in the header. */
export interface RouteHandle {
  title: ReactNode;
}

export const routeHandle = (title: ReactNode): RouteHandle => ({ title });
