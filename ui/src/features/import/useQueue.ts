import { useSyncExternalStore } from "react";
import type { ImportQueue } from "./queue";

// Each view reads only the part of the queue it shows, so a change re-renders only its readers.

export const useQueueKeys = (queue: ImportQueue) =>
  useSyncExternalStore(queue.subscribe, queue.keys);

export const useQueueItem = (queue: ImportQueue, key: number) =>
  useSyncExternalStore(queue.subscribe, () => queue.item(key));

export const useQueueSummary = (queue: ImportQueue) =>
  useSyncExternalStore(queue.subscribe, queue.getSummary);

export const useKeyOnlyFiles = (queue: ImportQueue) =>
  useSyncExternalStore(queue.subscribe, queue.keyOnlyFiles);
