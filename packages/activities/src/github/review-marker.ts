/**
 * The hidden marker that a published pull request review carries in its body: the review id (the
 * workflow id, which names the head commit) and the head SHA. Publishing looks for it before
 * posting, so a retried activity, a replayed workflow or a re-run of a failed review never posts a
 * second review for the same head. HTML comments are not rendered by GitHub.
 */
export function reviewMarker(reviewId: string, headSha: string): string {
  return `<!-- reviewflow:review id=${reviewId} head=${headSha} -->`;
}
