package io.switchboard.defaults.page;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * {@code ?limit=&offset=} of every list endpoint. Use as {@code @BeanParam @Valid PageRequest
 * page}: a limit outside 1..200 or a negative offset is a 400 {@code validation_failed}.
 */
public class PageRequest {

  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 200;

  @QueryParam("limit")
  @DefaultValue("50")
  @Min(value = 1, message = "must be between 1 and 200") @Max(value = MAX_LIMIT, message = "must be between 1 and 200") @Parameter(description = "Page size, 1..200 (default 50)")
  int limit = DEFAULT_LIMIT;

  @QueryParam("offset")
  @DefaultValue("0")
  @Min(value = 0, message = "must be zero or more") @Parameter(description = "Items to skip (default 0)")
  int offset;

  public PageRequest() {}

  public PageRequest(int limit, int offset) {
    this.limit = limit;
    this.offset = offset;
  }

  public int limit() {
    return limit;
  }

  public int offset() {
    return offset;
  }

  /** The page metadata of an answer to this request, given the total and the items returned. */
  public PageMeta meta(long total) {
    return new PageMeta(total, limit, offset, (long) offset + limit < total);
  }
}
