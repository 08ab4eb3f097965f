/** How long ago `since` (Unix seconds) was, in the largest whole unit: "5 min", "3 h", "2 days". */
export function ageText(since: number, now = Date.now() / 1000): string {
  const minutes = Math.max(0, Math.floor((now - since) / 60));
  if (minutes < 1) return "just now";
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h`;
  const days = Math.floor(hours / 24);
  return `${days} day${days === 1 ? "" : "s"}`;
}
