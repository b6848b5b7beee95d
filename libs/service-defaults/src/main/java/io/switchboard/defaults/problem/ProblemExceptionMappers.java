package io.switchboard.defaults.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.switchboard.defaults.request.RequestIds;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Maps every exception a request can end in to one problem+json body. Specific exceptions get their
 * own status and code; anything unexpected is a 500 whose body carries only the correlation id (the
 * stack trace goes to the log under that id).
 */
public class ProblemExceptionMappers {

  private static final Logger LOG = Logger.getLogger(ProblemExceptionMappers.class);

  private final ProblemResponses responses;

  public ProblemExceptionMappers(ProblemResponses responses) {
    this.responses = responses;
  }

  @ServerExceptionMapper
  public Response problem(ProblemException e, UriInfo uri) {
    return responses.build(e.problem(), path(uri), e.retryAfterSeconds());
  }

  @ServerExceptionMapper
  public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
    boolean inResponse =
        e.getConstraintViolations().stream()
            .anyMatch(v -> lastKind(v.getPropertyPath()) == ElementKind.RETURN_VALUE);
    if (inResponse) {
      return unexpected(e, uri);
    }
    List<Problem.FieldError> errors =
        e.getConstraintViolations().stream()
            .map(v -> new Problem.FieldError(fieldName(v), v.getMessage()))
            .sorted(Comparator.comparing(Problem.FieldError::field))
            .collect(Collectors.toList());
    return responses.build(
        Problem.of(ProblemCode.VALIDATION_FAILED, "The request is invalid").withErrors(errors),
        path(uri));
  }

  @ServerExceptionMapper
  public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
    String field = jsonPath(e);
    boolean truncated = String.valueOf(e.getOriginalMessage()).contains("end-of-input");
    Problem problem =
        field.isEmpty() || truncated
            ? Problem.of(ProblemCode.MALFORMED_REQUEST, "The request body is not the JSON expected")
            : Problem.of(ProblemCode.VALIDATION_FAILED, "The request is invalid")
                .withErrors(List.of(new Problem.FieldError(field, "has the wrong type or format")));
    return responses.build(problem, path(uri));
  }

  @ServerExceptionMapper
  public Response malformedJson(JsonProcessingException e, UriInfo uri) {
    return responses.build(
        Problem.of(ProblemCode.MALFORMED_REQUEST, "The request body is not valid JSON"), path(uri));
  }

  @ServerExceptionMapper
  public Response notFound(NotFoundException e, UriInfo uri) {
    return responses.build(
        Problem.of(ProblemCode.NOT_FOUND, "No resource at this path"), path(uri));
  }

  @ServerExceptionMapper
  public Response notAllowed(NotAllowedException e, UriInfo uri) {
    Response response =
        responses.build(
            Problem.of(ProblemCode.METHOD_NOT_ALLOWED, "This method is not allowed on this path"),
            path(uri));
    String allow = e.getResponse().getHeaderString("Allow");
    return allow == null
        ? response
        : Response.fromResponse(response).header("Allow", allow).build();
  }

  @ServerExceptionMapper
  public Response unsupported(NotSupportedException e, UriInfo uri) {
    return responses.build(
        Problem.of(ProblemCode.UNSUPPORTED_MEDIA_TYPE, "Send the request body as application/json"),
        path(uri));
  }

  @ServerExceptionMapper
  public Response notAcceptable(NotAcceptableException e, UriInfo uri) {
    return responses.build(
        Problem.of(ProblemCode.NOT_ACCEPTABLE, "This resource answers in application/json"),
        path(uri));
  }

  @ServerExceptionMapper
  public Response unauthenticated(UnauthorizedException e, UriInfo uri) {
    return responses.build(
        Problem.of(ProblemCode.UNAUTHENTICATED, "A valid bearer token is required"), path(uri));
  }

  @ServerExceptionMapper
  public Response badToken(AuthenticationFailedException e, UriInfo uri) {
    return responses.build(
        Problem.of(ProblemCode.INVALID_TOKEN, "The bearer token is invalid, expired or revoked"),
        path(uri));
  }

  @ServerExceptionMapper
  public Response forbidden(ForbiddenException e, UriInfo uri) {
    return responses.build(
        Problem.of(ProblemCode.FORBIDDEN, "Your roles do not allow this action"), path(uri));
  }

  @ServerExceptionMapper
  public Response webApplication(WebApplicationException e, UriInfo uri) {
    if (e.getCause() instanceof MismatchedInputException mismatched) {
      return mismatchedInput(mismatched, uri);
    }
    if (e.getCause() instanceof JsonProcessingException malformed) {
      return malformedJson(malformed, uri);
    }
    int status = e.getResponse().getStatus();
    if (status >= 500) {
      return unexpected(e, uri);
    }
    ProblemCode code = ProblemCode.forStatus(status);
    return responses.build(Problem.of(status, code.code(), code.title(), code.title()), path(uri));
  }

  @ServerExceptionMapper
  public Response unexpected(Throwable e, UriInfo uri) {
    if (DependencyFailures.isDatabaseUnreachable(e)) {
      LOG.warnf(
          "Database unreachable on %s (request %s): %s",
          path(uri), RequestIds.current(), DependencyFailures.rootMessage(e));
      return responses.build(
          Problem.of(
              ProblemCode.SERVICE_UNAVAILABLE,
              "The service's database is unreachable; retry shortly"),
          path(uri),
          5);
    }
    if (DependencyFailures.isUnstorableText(e)) {
      return responses.build(
          Problem.of(
              ProblemCode.MALFORMED_REQUEST,
              "The request contains a character that cannot be stored (e.g. NUL)"),
          path(uri));
    }
    LOG.errorf(e, "Unexpected error on %s (request %s)", path(uri), RequestIds.current());
    return responses.build(
        Problem.of(
            ProblemCode.INTERNAL_ERROR,
            "An unexpected error occurred; quote the requestId when reporting it"),
        path(uri));
  }

  private static String path(UriInfo uri) {
    return uri == null ? null : uri.getRequestUri().getRawPath();
  }

  private static ElementKind lastKind(Path path) {
    ElementKind kind = null;
    for (Path.Node node : path) {
      kind = node.getKind();
    }
    return kind;
  }

  /** {@code register.body.username} → {@code username}; a bare parameter keeps its own name. */
  private static String fieldName(ConstraintViolation<?> violation) {
    StringBuilder field = new StringBuilder();
    String parameter = null;
    for (Path.Node node : violation.getPropertyPath()) {
      switch (node.getKind()) {
        case METHOD, CONSTRUCTOR, CROSS_PARAMETER, RETURN_VALUE -> {}
        case PARAMETER -> parameter = node.getName();
        default -> {
          if (!field.isEmpty() && node.getIndex() == null) {
            field.append('.');
          }
          if (node.getName() != null && node.getKind() != ElementKind.CONTAINER_ELEMENT) {
            field.append(node.getName());
          }
          if (node.getIndex() != null) {
            field.append('[').append(node.getIndex()).append(']');
          }
        }
      }
    }
    return field.isEmpty() && parameter != null ? parameter : field.toString();
  }

  /** The JSON path of the offending field, e.g. {@code stages[0].name}, or empty. */
  private static String jsonPath(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (!path.isEmpty()) {
          path.append('.');
        }
        path.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.toString();
  }
}
