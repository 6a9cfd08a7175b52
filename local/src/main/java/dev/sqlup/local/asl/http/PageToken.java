package dev.sqlup.local.asl.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * The {@code nextToken} of a paginated operation: the offset of the next page within the full list,
 * bound to the operation and the listed resource so that a token is not reused elsewhere. Lists are
 * recomputed on every call, so a list that changes between pages can repeat or skip an item (AWS's
 * tokens are snapshots; ours are offsets).
 */
final class PageToken {
  private PageToken() {}

  /**
   * The page of {@code all} that {@code nextToken} designates, and the token of the page after it.
   */
  static <T> Page<T> page(List<T> all, String nextToken, int maxResults, String scope) {
    int from = nextToken == null ? 0 : decode(nextToken, scope);
    if (from > all.size()) {
      throw invalid();
    }
    int to = Math.min(all.size(), from + maxResults);
    String next = to < all.size() ? encode(to, scope) : null;
    return new Page<>(all.subList(from, to), next);
  }

  record Page<T>(List<T> items, String nextToken) {}

  private static String encode(int offset, String scope) {
    String raw = "v1|" + offset + "|" + scope;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  private static int decode(String token, String scope) {
    String raw;
    try {
      raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
    String[] parts = raw.split("\\|", 3);
    if (parts.length != 3 || !parts[0].equals("v1") || !parts[2].equals(scope)) {
      throw invalid();
    }
    try {
      int offset = Integer.parseInt(parts[1]);
      if (offset < 0) {
        throw invalid();
      }
      return offset;
    } catch (NumberFormatException e) {
      throw invalid();
    }
  }

  private static ApiError invalid() {
    return new ApiError(
        400, "InvalidToken", "Invalid Token: 'nextToken' does not match this request");
  }
}
