package io.switchboard.defaults.page;

import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * {@code ?limit=&offset=} of every list endpoint. Use as {@code @BeanParam @Valid PageRequest
 * page}: a limit outside 1..200, a negative offset or a value that is not a number is a 400 {@code
 * validation_failed} naming the parameter (never the 404 JAX-RS gives a bad query parameter).
 */
public class PageRequest {

  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 200;

  @QueryParam("limit")
  @Pattern(regexp = "0*([1-9]|[1-9][0-9]|1[0-9][0-9]|200)", message = "must be between 1 and 200")
  @Parameter(
      description = "Page size, 1..200",
      schema =
          @Schema(
              type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.INTEGER,
              defaultValue = "50",
              minimum = "1",
              maximum = "200"))
  String limit;

  @QueryParam("offset")
  @Pattern(regexp = "[0-9]{1,9}", message = "must be a whole number from 0") @Parameter(
      description = "Items to skip",
      schema =
          @Schema(
              type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.INTEGER,
              defaultValue = "0",
              minimum = "0"))
  String offset;

  public PageRequest() {}

  public static PageRequest of(int limit, int offset) {
    PageRequest page = new PageRequest();
    page.limit = Integer.toString(limit);
    page.offset = Integer.toString(offset);
    return page;
  }

  public int limit() {
    return limit == null || limit.isEmpty() ? DEFAULT_LIMIT : Integer.parseInt(limit);
  }

  public int offset() {
    return offset == null || offset.isEmpty() ? 0 : Integer.parseInt(offset);
  }

  /** The page metadata of an answer to this request, given the total number of items. */
  public PageMeta meta(long total) {
    return new PageMeta(total, limit(), offset(), (long) offset() + limit() < total);
  }
}
