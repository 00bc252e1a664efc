/** A route segment as text: decoded when it is percent-encoded, never throwing on a malformed one. */
export function segmentText(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
